import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type net from 'node:net'
import * as v from 'valibot'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  eventNames,
  MAX_FRAME_BYTES,
  RequestFrameSchema,
  type EventFrame,
  type Problem,
  type ResponseFrame,
  type Result
} from '../contract'
import type { Hub } from '../core/hub'
import { problem, PuenteError } from '../core/util/problem'
import { DEFAULT_BACKPRESSURE, PacedClient, type BackpressureOptions } from './backpressure'
import { HOST_REFUSED, loopbackHostHeader } from './host-check'
import { EXPORT_PATH, serveHistoryExport } from './history-export'
import { serveStatic } from './static'
import { COOKIE, isLoopback, requestToken, sameOrigin, sameToken } from './request-auth'

export { isLoopback }

export interface WebHostOptions {
  host: string
  port: number
  /** The built renderer (index.html and assets). */
  rendererDir: string
  /**
   * The access token every page load and WebSocket must carry (?token=…, then a cookie).
   * Default: none on a loopback address, a random one on any other.
   */
  token?: string
  /** How a client that stops reading is paced, then dropped (tests shorten it). */
  backpressure?: BackpressureOptions
}

const TOKEN_REQUIRED = problem(
  'token-required',
  'This Puente needs the access token printed when it started: open the full address it printed (…/?token=…).'
)

/** What went wrong in words, even for a thrown value that cannot be turned into text. */
function whatFailed(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err)
  } catch {
    return 'a value that is not an error'
  }
}

/**
 * Sends a frame unless the socket has gone; never throws. An answer that cannot be encoded (a
 * value JSON has no form for, a string too long) is answered as an `internal` error instead.
 */
function send(socket: WebSocket, frame: ResponseFrame | EventFrame): void {
  if (socket.readyState !== socket.OPEN) return
  let text: string
  try {
    text = JSON.stringify(frame)
  } catch (err) {
    if (!('id' in frame)) return
    const reason = whatFailed(err)
    const error = problem('internal', `The answer could not be sent: ${reason}`, { reason })
    text = JSON.stringify({ id: frame.id, result: { ok: false, error } })
  }
  socket.send(text)
}

/** Answers one WebSocket message: parse, validate the frame, dispatch through the hub. */
async function answer(hub: Hub, socket: WebSocket, data: string): Promise<void> {
  let raw: unknown
  try {
    raw = JSON.parse(data)
  } catch {
    send(socket, {
      id: -1,
      result: { ok: false, error: problem('bad-frame', 'The message is not JSON.') }
    })
    return
  }
  const frame = v.safeParse(RequestFrameSchema, raw)
  if (!frame.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1
    const reason = frame.issues[0].message
    send(socket, {
      id,
      result: {
        ok: false,
        error: problem('bad-frame', `The message is not a command: ${reason}.`, { reason })
      }
    })
    return
  }
  let result: Result<unknown>
  try {
    result = await hub.dispatch(frame.output.cmd, frame.output.input)
  } catch (err) {
    // dispatch answers every failure as a Problem; this is the net under it
    const reason = whatFailed(err)
    const command = frame.output.cmd
    result = { ok: false, error: problem('internal', `${command} failed: ${reason}`, { reason }) }
  }
  send(socket, { id: frame.output.id, result })
}

/**
 * The web host: serves the renderer over HTTP and the contract over WebSocket (/ws), with the
 * same commands and events as the Electron preload.
 */
export class WebHost {
  private server: http.Server | undefined
  private wss: WebSocketServer | undefined
  /** The access token, or undefined when the host is only reachable from this computer. */
  readonly token: string | undefined

  constructor(
    private readonly hub: Hub,
    private readonly opts: WebHostOptions
  ) {
    this.token = opts.token ?? (isLoopback(opts.host) ? undefined : randomBytes(16).toString('hex'))
  }

  /** The page address with the token, to print at start (undefined without a token). */
  tokenUrl(base: string): string | undefined {
    return this.token ? `${base}/?token=${this.token}` : undefined
  }

  private allowed(req: http.IncomingMessage): boolean {
    return !this.token || sameToken(requestToken(req), this.token)
  }

  /** Without a token, a request must name this computer (see loopbackHostHeader). */
  private hostAllowed(req: http.IncomingMessage): boolean {
    return !!this.token || loopbackHostHeader(req.headers.host, this.port)
  }

  private get port(): number {
    return (this.server?.address() as net.AddressInfo | null)?.port ?? this.opts.port
  }

  /** Serves the page; with a token, only to a request carrying it (then a cookie keeps it). */
  private page(req: http.IncomingMessage, res: http.ServerResponse): void {
    const refusal = !this.hostAllowed(req)
      ? { status: 421, text: HOST_REFUSED.message }
      : !this.allowed(req)
        ? { status: 401, text: TOKEN_REQUIRED.message }
        : undefined
    if (refusal) {
      res
        .writeHead(refusal.status, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store'
        })
        .end(refusal.text + '\n')
      return
    }
    if (new URL(req.url ?? '/', 'http://x').pathname === EXPORT_PATH) {
      if (!sameOrigin(req)) res.writeHead(403).end()
      else
        void serveHistoryExport(
          { dataDir: this.hub.dataDir, flushLog: async () => this.hub.traffic.log?.flush() },
          req,
          res
        )
      return
    }
    if (this.token)
      res.setHeader('Set-Cookie', `${COOKIE}=${this.token}; Path=/; HttpOnly; SameSite=Strict`)
    void serveStatic(this.opts.rendererDir, req, res)
  }

  /** Refuses a socket without the token: each of its commands gets the reason, then it closes. */
  private refuse(ws: WebSocket, error: Problem): void {
    send(ws, { id: -1, result: { ok: false, error } })
    ws.on('message', (data) => {
      let id = -1
      try {
        const raw = JSON.parse(data.toString()) as { id?: unknown }
        if (typeof raw?.id === 'number') id = raw.id
      } catch {
        // not JSON: answered with id -1
      }
      send(ws, { id, result: { ok: false, error } })
    })
    ws.on('error', () => ws.terminate())
    setTimeout(() => ws.close(4401, error.code), 2000).unref()
  }

  /** Listens; rejects with a one-line reason when the address cannot be used. */
  async start(): Promise<string> {
    const server = http.createServer((req, res) => this.page(req, res))
    this.server = server
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
    server.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') socket.destroy()
      else if (!this.hostAllowed(req))
        wss.handleUpgrade(req, socket, head, (ws) => this.refuse(ws, HOST_REFUSED))
      else if (!sameOrigin(req))
        wss.handleUpgrade(req, socket, head, (ws) =>
          this.refuse(
            ws,
            problem('origin-refused', 'A page from another site tried to use Puente: refused.')
          )
        )
      else if (!this.allowed(req))
        wss.handleUpgrade(req, socket, head, (ws) => this.refuse(ws, TOKEN_REQUIRED))
      else
        wss.handleUpgrade(req, socket, head, (ws) =>
          this.attach(ws, (req.socket.remoteAddress ?? '?').replace(/^::ffff:/, ''))
        )
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new PuenteError(
            err.code === 'EADDRINUSE'
              ? problem(
                  'http-port-taken',
                  `The web host cannot use port ${this.opts.port} on ${this.opts.host}: another program uses it. Choose another with --http-port.`,
                  { port: this.opts.port, host: this.opts.host }
                )
              : problem(
                  'http-listen-failed',
                  `The web host cannot listen on ${this.opts.host}:${this.opts.port}: ${err.message}`,
                  { host: this.opts.host, port: this.opts.port, reason: err.message }
                )
          )
        )
      )
      server.listen(this.opts.port, this.opts.host, () => resolve())
    })
    this.server = server
    this.wss = wss
    const port = (server.address() as net.AddressInfo).port
    return `http://${this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host}:${port}`
  }

  private attach(ws: WebSocket, address = '?'): void {
    const paced = new PacedClient(
      ws,
      () => {
        this.hub.notices.notify(
          'warning',
          problem(
            'web-client-too-slow',
            `A window at ${address} stopped taking Puente's updates and was disconnected; reloading it reconnects.`,
            { address }
          )
        )
        ws.terminate()
      },
      this.opts.backpressure ?? DEFAULT_BACKPRESSURE
    )
    const offs = eventNames.map((name) =>
      this.hub.events.on(name, (payload) => paced.send(name, payload))
    )
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        send(ws, {
          id: -1,
          result: { ok: false, error: problem('bad-frame', 'Binary frames are not commands.') }
        })
        return
      }
      answer(this.hub, ws, data.toString()).catch((err: unknown) =>
        console.error('web host: a command went unanswered:', err)
      )
    })
    ws.on('error', () => ws.terminate())
    ws.on('close', () => {
      paced.close()
      offs.forEach((off) => off())
    })
  }

  /** The bytes waiting to go to all WebSocket clients (what a slow window would pile up). */
  bufferedBytes(): number {
    let sum = 0
    for (const c of this.wss?.clients ?? []) sum += c.bufferedAmount
    return sum
  }

  /** Closes every socket and the server. */
  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate()
    this.wss?.close()
    const server = this.server
    if (!server) return
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    // a request still open (a page loading, an export) would otherwise hold the quit
    server.closeAllConnections()
    await closed
  }
}
