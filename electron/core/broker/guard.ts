import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Aedes, AuthenticateError, Client } from 'aedes'
import type { BrokerClientInfo, BrokerStats, Problem } from '../../contract'
import { problem } from '../util/problem'
import { publishRefusal, subscribeAllowed } from './permissions'
import { LoginThrottle } from './throttle'

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
  /** Puente's own client ids (no one else may take them) and retained topics (the temperature). */
  readonly own = { ids: new Set<string>(), retained: new Set<string>() }
  private readonly throttle = new LoginThrottle()

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
      const internal = !!client && !!this.clients.get(client.id)?.internal
      const why = client && !internal ? publishRefusal(packet, !!this.lan, this.own) : undefined
      if (client && why) {
        this.refuse(
          problem(
            'broker-publish-refused',
            `${client.id} tried to publish on ${packet.topic}: ${why}. It was disconnected.`,
            { client: client.id, topic: packet.topic, reason: why, fault: why }
          )
        )
        return done(new Error(`not allowed to publish on ${packet.topic}`))
      }
      if (client && limit !== undefined && size > limit && !internal) {
        this.refuse(
          problem(
            'broker-message-too-large',
            `${client.id} sent ${size} bytes on ${packet.topic}, more than the class broker's limit of ${limit} bytes: it was disconnected.`,
            { client: client.id, topic: packet.topic, size, limit, fault: 'too-large' }
          )
        )
        return done(new Error(`message of ${size} bytes is over the limit of ${limit}`))
      }
      done(null)
    }
    aedes.authorizeSubscribe = (client, sub, done) => {
      const student = !!this.lan && !!client && !this.clients.get(client.id)?.internal
      done(null, student && !subscribeAllowed(sub.topic) ? null : sub)
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
      if (c?.internal && packet.retain) {
        if (size > 0) this.own.retained.add(packet.topic)
        else this.own.retained.delete(packet.topic)
      }
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
    const count = typeof p.params?.count === 'number' ? p.params.count : undefined
    const key = `${p.code} ${count !== undefined ? p.params?.address : (p.params?.client ?? '')}`
    const now = Date.now()
    // failures from one address are told again each time their count doubles
    const doubled = count !== undefined && (count & (count - 1)) === 0
    if (!doubled && (this.toldAt.get(key) ?? 0) + 10_000 > now) return
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
    if (username === this.internal.username && sameSecret(password, this.internal.password)) {
      this.own.ids.add(client.id)
      this.record(client, address, '', true)
      return done(null, true)
    }
    // every other attempt waits its turn when its address guessed wrong before
    this.throttle.attempt(
      address,
      () => this.check(client, address, username, password, done),
      () => done(authError(3, 'too many attempts from this address: wait'), false)
    )
  }

  private record(client: Client, address: string, user: string, internal: boolean): void {
    const counters: Counters = {
      id: client.id,
      address,
      user,
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

  private wrongCredentials(client: Client, address: string): AuthenticateError {
    const count = this.throttle.failed(address)
    this.refuse(
      problem(
        'broker-refused-credentials',
        `${count} failed ${count === 1 ? 'attempt' : 'attempts'} from ${address}: a wrong user name or password (the last from ${client.id}).`,
        { client: client.id, address, count, fault: address }
      )
    )
    return authError(4, 'bad user name or password')
  }

  private check(
    client: Client,
    address: string,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void
  ): void {
    if (username === this.internal.username)
      return done(this.wrongCredentials(client, address), false)
    if (this.own.ids.has(client.id)) {
      this.refuse(
        problem(
          'broker-refused-client-id',
          `${client.id} (${address}) tried to use Puente's own client id: refused.`,
          { client: client.id, address, fault: address }
        )
      )
      return done(authError(2, "this client id is Puente's own"), false)
    }
    const lan = this.lan
    if (!lan) {
      this.record(client, address, username ?? '', false)
      return done(null, true)
    }
    if (!username && !password) {
      this.refuse(
        problem(
          'broker-refused-anonymous',
          `${client.id} (${address}) connected without the class user name and password: refused.`,
          { client: client.id, address, fault: address }
        )
      )
      return done(authError(5, 'the class broker needs the class user name and password'), false)
    }
    if (username !== lan.username || !sameSecret(password, lan.password))
      return done(this.wrongCredentials(client, address), false)
    this.throttle.succeeded(address)
    const students = [...this.clients.values()].filter(
      (c) => !c.internal && c.id !== client.id
    ).length
    if (students >= lan.maxClients) {
      this.refuse(
        problem(
          'broker-full',
          `The class broker already has ${lan.maxClients} clients (its limit): ${client.id} (${address}) was refused.`,
          { client: client.id, address, limit: lan.maxClients, fault: 'full' }
        )
      )
      return done(authError(3, 'the class broker is full'), false)
    }
    this.record(client, address, username ?? '', false)
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
