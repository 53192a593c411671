import http from 'node:http'
import net from 'node:net'
import type { Aedes } from 'aedes'
import { WebSocketServer, createWebSocketStream } from 'ws'
import type { BrokerStatus, Problem } from '../../contract'
import { tuneMqttStream } from '../mqtt/stream'
import { problem, PuenteError } from '../util/problem'
import { BrokerGuard, internalCredentials, type LanConfig } from './guard'
import { isDiskFault, openDiskPersistence, type DiskPersistence } from './persistence'

export interface EmbeddedBrokerOptions {
  host: string
  port: number
  /** MQTT over WebSocket; 0 picks a free port, -1 turns it off. */
  wsPort: number
  /** Keeps retained messages and persistent sessions in `<dataDir>/broker`; in memory without. */
  dataDir?: string
  /** Told of each refused client or message (the class window and the notices show it). */
  onRefusal?: (p: Problem) => void
  /** Told when Puente's own link has been away so long its queue is full. */
  onWarning?: (p: Problem) => void
}

/** Why messages for Puente's own link stopped being kept while it was disconnected. */
function ownQueueFull(limit: number): Problem {
  return problem(
    'broker-own-queue-full',
    `While Puente was disconnected from its own broker, ${limit} messages waited for it: newer ones are not kept until it reconnects.`,
    { limit }
  )
}

/** Why the broker keeps retained messages and persistent sessions in memory for this run. */
function storeInMemory(dir: string, reason: string): Problem {
  return problem(
    'broker-store-in-memory',
    `The embedded broker's store in ${dir} cannot be opened (${reason}): retained messages and the students' persistent sessions are kept in memory for this run only. Free some space in the data directory and restart Puente to keep them again.`,
    { dir, reason }
  )
}

/** The address the listeners bind to: every interface only while the class broker is open. */
const LOOPBACK = '127.0.0.1'
const ALL = '0.0.0.0'

/** Listens, or says in words why it cannot (port taken, not allowed). */
function listen(
  server: net.Server,
  host: string,
  port: number,
  what: string,
  setting: string
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const where = `${host}:${port}`
      reject(
        new PuenteError(
          err.code === 'EADDRINUSE'
            ? problem(
                'broker-port-taken',
                `The embedded broker cannot use ${what} port ${port} on ${host}: another program (perhaps mosquitto) already uses it. Stop that program or choose another port (${setting}).`,
                { port, host, setting }
              )
            : problem(
                'broker-listen-failed',
                `The embedded broker cannot listen on ${where}: ${err.message}.`,
                {
                  port,
                  host,
                  reason: err.message
                }
              )
        )
      )
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as net.AddressInfo).port)
    })
  })
}

/** Closes a server and waits, without failing when it was not listening. */
function closeServer(server: net.Server | http.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()))
}

/** Puente's own MQTT broker (aedes): TCP and MQTT over WebSocket, on 127.0.0.1 by default. */
export class EmbeddedBroker {
  private aedes: Aedes | undefined
  private tcp: net.Server | undefined
  private web: http.Server | undefined
  private wss: WebSocketServer | undefined
  private persistence: DiskPersistence | undefined
  private state: BrokerStatus
  /** Credentials, limits and per-client counters (set once started). */
  guard: BrokerGuard | undefined
  /** Puente's own link's credentials on this broker (see BrokerGuard). */
  readonly internal = internalCredentials()

  constructor(private readonly opts: EmbeddedBrokerOptions) {
    this.state = {
      running: false,
      host: opts.host,
      port: opts.port,
      wsPort: opts.wsPort,
      clients: 0
    }
  }

  get status(): BrokerStatus {
    return { ...this.state, clients: this.aedes?.connectedClients ?? 0 }
  }

  /** The URL Puente's own link uses to reach it. */
  get url(): string {
    const host = this.state.host === ALL ? LOOPBACK : this.state.host
    return `mqtt://${host}:${this.state.port}`
  }

  get instance(): Aedes | undefined {
    return this.aedes
  }

  /** Starts both listeners; rejects with a PuenteError saying which port and setting. */
  async start(): Promise<BrokerStatus> {
    const { Aedes } = await import('aedes')
    let guard: BrokerGuard | undefined
    const persistence = await this.openStore((id) => !!guard?.own.ids.has(id))
    const aedes = await Aedes.createBroker({ persistence })
    guard = new BrokerGuard(aedes, this.internal, this.opts.onRefusal)
    const tcp = this.makeTcp(aedes, guard)
    try {
      this.state.port = await listen(tcp, this.opts.host, this.opts.port, 'MQTT', '--broker-port')
      if (this.opts.wsPort >= 0) {
        const { web, wss } = this.makeWeb(aedes, guard)
        this.state.wsPort = await listen(
          web,
          this.opts.host,
          this.opts.wsPort,
          'WebSocket',
          'broker.wsPort'
        )
        this.web = web
        this.wss = wss
      }
    } catch (err) {
      await closeServer(tcp)
      await new Promise<void>((resolve) => aedes.close(() => resolve()))
      await persistence?.destroy()
      throw err
    }
    this.aedes = aedes
    this.guard = guard
    this.persistence = persistence
    this.tcp = tcp
    this.state.running = true
    return this.status
  }

  /**
   * The store on disk, or undefined for aedes' memory store: without a data dir, or when the disk
   * is full or read-only (Puente still starts, and says so on stderr and in a notice).
   */
  private async openStore(isOwn: (id: string) => boolean): Promise<DiskPersistence | undefined> {
    const { dataDir, onWarning } = this.opts
    if (!dataDir) return undefined
    try {
      return await openDiskPersistence(dataDir, isOwn, (limit) => onWarning?.(ownQueueFull(limit)))
    } catch (err) {
      if (!isDiskFault(err)) throw err
      const { dir, reason } = err.problem.params as { dir: string; reason: string }
      const p = storeInMemory(dir, reason)
      console.error(p.message)
      onWarning?.(p)
      return undefined
    }
  }

  /** Stops accepting clients and closes the broker. */
  async stop(): Promise<void> {
    const { aedes, tcp, web, wss, persistence } = this
    this.aedes = this.tcp = this.web = this.wss = this.persistence = this.guard = undefined
    this.state.running = false
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()))
    for (const c of wss?.clients ?? []) c.terminate()
    await Promise.all([tcp && closeServer(tcp), web && closeServer(web)])
    // after aedes has closed every client, so the last session writes are in
    await persistence?.destroy().catch(() => undefined)
  }

  private makeTcp(aedes: Aedes, guard: BrokerGuard): net.Server {
    // no Nagle: a client's PUBLISH must not wait for its own PUBACK's delayed ACK
    return net.createServer({ noDelay: true }, (socket) =>
      guard.track(aedes.handle(tuneMqttStream(socket)), socket.remoteAddress)
    )
  }

  private makeWeb(aedes: Aedes, guard: BrokerGuard): { web: http.Server; wss: WebSocketServer } {
    const web = http.createServer((_req, res) =>
      res.writeHead(426).end('MQTT over WebSocket only\n')
    )
    const wss = new WebSocketServer({ server: web })
    wss.on('connection', (socket, req) =>
      guard.track(
        aedes.handle(tuneMqttStream(createWebSocketStream(socket)), req),
        req.socket.remoteAddress
      )
    )
    return { web, wss }
  }

  /**
   * Opens the broker to the network with the class credentials (a config) or closes it back to
   * 127.0.0.1 (undefined). The listeners are re-bound on the same ports; every client except
   * Puente's own link is disconnected, so nobody stays in on the old rules.
   */
  async setLan(lan: LanConfig | undefined): Promise<void> {
    const { aedes, guard } = this
    if (!aedes || !guard)
      throw new PuenteError(problem('broker-not-running', 'The embedded broker is not running.'))
    const host = lan ? ALL : LOOPBACK
    guard.setLan(lan)
    if (host !== this.state.host) {
      try {
        await this.rebind(aedes, guard, host)
      } catch (err) {
        guard.setLan(undefined)
        await this.rebind(aedes, guard, LOOPBACK).catch(() => undefined)
        throw err
      }
    }
    guard.disconnectOthers()
  }

  private async rebind(aedes: Aedes, guard: BrokerGuard, host: string): Promise<void> {
    // close() stops listening at once; its callback would wait for Puente's own link to end
    this.tcp?.close()
    this.web?.close()
    this.wss?.clients.forEach((c) => c.terminate())
    this.tcp = this.web = this.wss = undefined
    await new Promise((resolve) => setImmediate(resolve))
    this.state.host = host
    const tcp = this.makeTcp(aedes, guard)
    this.state.port = await listen(tcp, host, this.state.port, 'MQTT', '--broker-port')
    this.tcp = tcp
    if (this.opts.wsPort >= 0) {
      const { web, wss } = this.makeWeb(aedes, guard)
      this.state.wsPort = await listen(web, host, this.state.wsPort, 'WebSocket', 'broker.wsPort')
      this.web = web
      this.wss = wss
    }
  }
}

/** The embedded broker's state while it is stopped (or could not start, with the reason). */
export function stoppedBrokerStatus(
  ports: { port: number; wsPort: number },
  reason: Problem | undefined
): BrokerStatus {
  const { port, wsPort } = ports
  return {
    running: false,
    host: '127.0.0.1',
    port,
    wsPort,
    clients: 0,
    ...(reason && { problem: reason })
  }
}
