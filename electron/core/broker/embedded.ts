import http from 'node:http'
import net from 'node:net'
import type { Aedes } from 'aedes'
import { WebSocketServer, createWebSocketStream } from 'ws'
import type { BrokerStatus } from '../../contract'
import { problem, PuenteError } from '../util/problem'

export interface EmbeddedBrokerOptions {
  host: string
  port: number
  /** MQTT over WebSocket; 0 picks a free port, -1 turns it off. */
  wsPort: number
}

/** Listens, or says in words why it cannot (port taken, not allowed). */
function listen(server: net.Server, host: string, port: number, what: string, setting: string): Promise<number> {
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
            : problem('broker-listen-failed', `The embedded broker cannot listen on ${where}: ${err.message}.`, {
                port,
                host,
                reason: err.message
              })
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
  private state: BrokerStatus

  constructor(private readonly opts: EmbeddedBrokerOptions) {
    this.state = { running: false, host: opts.host, port: opts.port, wsPort: opts.wsPort, clients: 0 }
  }

  get status(): BrokerStatus {
    return { ...this.state, clients: this.aedes?.connectedClients ?? 0 }
  }

  /** The URL Puente's own link uses to reach it. */
  get url(): string {
    const host = this.state.host === '0.0.0.0' ? '127.0.0.1' : this.state.host
    return `mqtt://${host}:${this.state.port}`
  }

  get instance(): Aedes | undefined {
    return this.aedes
  }

  /** Starts both listeners; rejects with a PuenteError saying which port and setting. */
  async start(): Promise<BrokerStatus> {
    const { Aedes } = await import('aedes')
    const aedes = await Aedes.createBroker()
    const tcp = net.createServer((socket) => aedes.handle(socket))
    try {
      this.state.port = await listen(tcp, this.opts.host, this.opts.port, 'MQTT', '--broker-port')
      if (this.opts.wsPort >= 0) {
        const web = http.createServer((_req, res) => res.writeHead(426).end('MQTT over WebSocket only\n'))
        const wss = new WebSocketServer({ server: web })
        wss.on('connection', (socket, req) => aedes.handle(createWebSocketStream(socket), req))
        this.state.wsPort = await listen(web, this.opts.host, this.opts.wsPort, 'WebSocket', 'broker.wsPort')
        this.web = web
        this.wss = wss
      }
    } catch (err) {
      await closeServer(tcp)
      await new Promise<void>((resolve) => aedes.close(() => resolve()))
      throw err
    }
    this.aedes = aedes
    this.tcp = tcp
    this.state.running = true
    return this.status
  }

  /** Stops accepting clients and closes the broker. */
  async stop(): Promise<void> {
    const { aedes, tcp, web, wss } = this
    this.aedes = this.tcp = this.web = this.wss = undefined
    this.state.running = false
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()))
    for (const c of wss?.clients ?? []) c.terminate()
    await Promise.all([tcp && closeServer(tcp), web && closeServer(web)])
  }
}
