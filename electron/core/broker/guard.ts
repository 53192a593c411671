import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Aedes, AuthenticateError, Client } from 'aedes'
import type { BrokerClientInfo, BrokerStats, Problem } from '../../contract'
import { problem } from '../util/problem'

/** The class credentials and limits in force while the broker is open to the network. */
export interface LanConfig {
  username: string
  password: string
  maxClients: number
  maxMessageBytes: number
}

/** A client's counters are what the window shows of it. */
type Counters = BrokerClientInfo

/** Compares two secrets in constant time (a wrong password must not leak its length or prefix). */
function sameSecret(given: Buffer | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(expected, 'utf8')
  return given.length === a.length && timingSafeEqual(given, a)
}

/**
 * The internal user and a random secret, made once per EmbeddedBroker (kept across a stop and
 * start of the same broker, so the link already holding them gets back in).
 */
export function internalCredentials(): { username: string; password: string } {
  return { username: 'puente-internal', password: randomBytes(24).toString('hex') }
}

function authError(code: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode: code }) as AuthenticateError
}

/**
 * The embedded broker's gatekeeper and accountant: who may connect, how big a message may be,
 * and what each client sent and received.
 *
 * Puente's own link authenticates with an internal user and a random secret made per broker
 * instance: the secret never leaves this process (it is not saved, not logged, not sent to a
 * window), so only Puente's own link can use it, even when a student's board reaches the broker
 * from the network. Outside LAN mode the broker only listens on 127.0.0.1 and stays open to
 * anonymous local tools (mosquitto_sub, the class's own scripts); in LAN mode every client must
 * give the class credentials, and the limits on clients and message size apply.
 */
export class BrokerGuard {
  private lan: LanConfig | undefined
  private readonly addresses = new WeakMap<Client, string>()
  private readonly clients = new Map<string, Counters>()
  private readonly byClient = new WeakMap<Client, Counters>()
  private totals = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, refused: 0 }
  private readonly startedAt = Date.now()
  private lastRefusal: Problem | undefined
  private readonly toldAt = new Map<string, number>()

  constructor(
    private readonly aedes: Aedes,
    /** What Puente's own link gives when it connects to this broker (see internalCredentials). */
    readonly internal: { username: string; password: string },
    /** Called with a refusal in words (a wrong password, the class full, a message too big). */
    private readonly onRefusal: (p: Problem) => void = () => undefined
  ) {
    aedes.authenticate = (client, username, password, done) =>
      this.authenticate(client, username, password, done)
    aedes.authorizePublish = (client, packet, done) => {
      const limit = this.lan?.maxMessageBytes
      const size = packet.payload?.length ?? 0
      if (client && limit !== undefined && size > limit && !this.clients.get(client.id)?.internal) {
        this.refuse(
          problem(
            'broker-message-too-large',
            `${client.id} sent ${size} bytes on ${packet.topic}, more than the class broker's limit of ${limit} bytes: it was disconnected.`,
            { client: client.id, topic: packet.topic, size, limit }
          )
        )
        return done(new Error(`message of ${size} bytes is over the limit of ${limit}`))
      }
      done(null)
    }
    aedes.authorizeForward = (client, packet) => {
      const c = this.clients.get(client.id)
      const size = packet.payload?.length ?? 0
      if (c) {
        c.messagesOut++
        c.bytesOut += size
      }
      this.totals.messagesOut++
      this.totals.bytesOut += size
      return packet
    }
    // a client that takes over an id ([MQTT-3.1.4-2]) is recorded before the old one leaves
    aedes.on('clientDisconnect', (client) => {
      if (this.byClient.get(client) === this.clients.get(client.id)) this.clients.delete(client.id)
    })
    aedes.on('publish', (packet, client) => {
      if (!client) return
      const size = packet.payload?.length ?? 0
      const c = this.clients.get(client.id)
      if (c) {
        c.messagesIn++
        c.bytesIn += size
      }
      this.totals.messagesIn++
      this.totals.bytesIn += size
    })
  }

  /** Remembers where a new connection comes from (the socket's address, or the WebSocket's). */
  track(client: Client, address: string | undefined): void {
    this.addresses.set(client, (address ?? '?').replace(/^::ffff:/, ''))
  }

  /** Opens (a config) or closes (undefined) the class mode. */
  setLan(lan: LanConfig | undefined): void {
    this.lan = lan
  }

  get lanConfig(): LanConfig | undefined {
    return this.lan
  }

  /** The latest refusal, for a window opened later. */
  get lastProblem(): Problem | undefined {
    return this.lastRefusal
  }

  private refuse(p: Problem): void {
    this.totals.refused++
    this.lastRefusal = p
    // a board retrying with a wrong password every second must not flood the notices
    const key = `${p.code} ${p.params?.client ?? ''}`
    const now = Date.now()
    if ((this.toldAt.get(key) ?? 0) + 10_000 > now) return
    if (this.toldAt.size > 1000) this.toldAt.clear()
    this.toldAt.set(key, now)
    this.onRefusal(p)
  }

  private authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void
  ): void {
    const address = this.addresses.get(client) ?? '?'
    const record = (internal: boolean): void => {
      const counters: Counters = {
        id: client.id,
        address,
        user: internal ? '' : (username ?? ''),
        internal,
        messagesIn: 0,
        messagesOut: 0,
        bytesIn: 0,
        bytesOut: 0,
        since: new Date().toISOString()
      }
      this.clients.set(client.id, counters)
      this.byClient.set(client, counters)
    }
    if (username === this.internal.username) {
      if (sameSecret(password, this.internal.password)) {
        record(true)
        return done(null, true)
      }
      this.refuse(
        problem(
          'broker-refused-credentials',
          `${client.id} (${address}) gave a wrong user name or password: refused.`,
          { client: client.id, address }
        )
      )
      return done(authError(4, 'bad user name or password'), false)
    }
    const lan = this.lan
    if (!lan) {
      record(false)
      return done(null, true)
    }
    if (!username && !password) {
      this.refuse(
        problem(
          'broker-refused-anonymous',
          `${client.id} (${address}) connected without the class user name and password: refused.`,
          {
            client: client.id,
            address
          }
        )
      )
      return done(authError(5, 'the class broker needs the class user name and password'), false)
    }
    if (username !== lan.username || !sameSecret(password, lan.password)) {
      this.refuse(
        problem(
          'broker-refused-credentials',
          `${client.id} (${address}) gave a wrong user name or password: refused.`,
          { client: client.id, address }
        )
      )
      return done(authError(4, 'bad user name or password'), false)
    }
    const students = [...this.clients.values()].filter(
      (c) => !c.internal && c.id !== client.id
    ).length
    if (students >= lan.maxClients) {
      this.refuse(
        problem(
          'broker-full',
          `The class broker already has ${lan.maxClients} clients (its limit): ${client.id} (${address}) was refused.`,
          {
            client: client.id,
            address,
            limit: lan.maxClients
          }
        )
      )
      return done(authError(3, 'the class broker is full'), false)
    }
    record(false)
    done(null, true)
  }

  /** The connected clients with their counters, newest first; Puente's own link is marked. */
  list(): BrokerClientInfo[] {
    return [...this.clients.values()]
      .map((c) => ({ ...c }))
      .sort((a, b) => b.since.localeCompare(a.since))
  }

  /** $SYS-style totals since the broker started. */
  stats(): BrokerStats {
    const clients = [...this.clients.values()]
    return {
      clients: clients.filter((c) => !c.internal).length,
      maxClients: this.lan?.maxClients ?? 0,
      maxMessageBytes: this.lan?.maxMessageBytes ?? 0,
      ...this.totals,
      uptime: Math.round((Date.now() - this.startedAt) / 1000)
    }
  }

  /** Drops every client except Puente's own (when the class mode opens or closes). */
  disconnectOthers(): void {
    const all = (this.aedes as unknown as { clients: Record<string, Client> }).clients
    for (const [id, client] of Object.entries(all)) {
      if (!this.clients.get(id)?.internal) client.close()
    }
  }
}
