import http from 'node:http'
import type net from 'node:net'
import * as v from 'valibot'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  eventNames,
  MAX_FRAME_BYTES,
  RequestFrameSchema,
  type EventFrame,
  type ResponseFrame
} from '../contract'
import type { Hub } from '../core/hub'
import { problem, PuenteError } from '../core/util/problem'
import { serveStatic } from './static'

export interface WebHostOptions {
  host: string
  port: number
  /** The built renderer (index.html and assets). */
  rendererDir: string
}

/** Sends a frame unless the socket has gone. */
function send(socket: WebSocket, frame: ResponseFrame | EventFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame))
}

/** Answers one WebSocket message: parse, validate the frame, dispatch through the hub. */
async function answer(hub: Hub, socket: WebSocket, data: string): Promise<void> {
  let raw: unknown
  try {
    raw = JSON.parse(data)
  } catch {
    send(socket, { id: -1, result: { ok: false, error: problem('bad-frame', 'The message is not JSON.') } })
    return
  }
  const frame = v.safeParse(RequestFrameSchema, raw)
  if (!frame.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1
    const reason = frame.issues[0].message
    send(socket, {
      id,
      result: { ok: false, error: problem('bad-frame', `The message is not a command: ${reason}.`, { reason }) }
    })
    return
  }
  const result = await hub.dispatch(frame.output.cmd, frame.output.input)
  send(socket, { id: frame.output.id, result })
}

/**
 * The web host: serves the renderer over HTTP and the contract over WebSocket (/ws), with the
 * same commands and events as the Electron preload.
 */
export class WebHost {
  private server: http.Server | undefined
  private wss: WebSocketServer | undefined

  constructor(
    private readonly hub: Hub,
    private readonly opts: WebHostOptions
  ) {}

  /** Listens; rejects with a one-line reason when the address cannot be used. */
  async start(): Promise<string> {
    const server = http.createServer((req, res) => void serveStatic(this.opts.rendererDir, req, res))
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
    server.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') socket.destroy()
      else wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new PuenteError(
            err.code === 'EADDRINUSE'
              ? problem(
                  'http-port-taken',
                  `The web host cannot use port ${this.opts.port} on ${this.opts.host}: another program uses it. Choose another with --http-port.`,
                  { port: this.opts.port }
                )
              : problem('http-listen-failed', `The web host cannot listen on ${this.opts.host}:${this.opts.port}: ${err.message}`)
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

  private attach(ws: WebSocket): void {
    const offs = eventNames.map((name) =>
      this.hub.events.on(name, (payload) => send(ws, { event: name, payload } as EventFrame))
    )
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        send(ws, { id: -1, result: { ok: false, error: problem('bad-frame', 'Binary frames are not commands.') } })
        return
      }
      void answer(this.hub, ws, data.toString())
    })
    ws.on('error', () => ws.terminate())
    ws.on('close', () => offs.forEach((off) => off()))
  }

  /** Closes every socket and the server. */
  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate()
    this.wss?.close()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
