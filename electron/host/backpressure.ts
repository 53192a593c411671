import type { WebSocket } from 'ws'
import type { EventFrame, Events } from '../contract'
import { mergeBatch } from '../core/traffic/merge'

type Batch = Events['traffic:batch']

export interface BackpressureOptions {
  /** Above this many bytes waiting for the client, traffic is held and merged. */
  highWaterBytes: number
  /** A client that has not taken its bytes for this long is dropped. */
  stallMs: number
  /** Most messages one merged batch carries (the window pages the rest from the ring). */
  maxMessages: number
}

export const DEFAULT_BACKPRESSURE: BackpressureOptions = {
  highWaterBytes: 1024 * 1024,
  stallMs: 30_000,
  maxMessages: 2000
}

/**
 * One WebSocket client's outgoing events, paced by what it takes (`bufferedAmount`): a window
 * that stops reading gets one merged traffic batch when it catches up (the newest messages, the
 * count of the others as `dropped`, each topic's latest stats), never an ever-growing queue; one
 * that does not catch up within `stallMs` is dropped. Host memory stays flat either way.
 */
export class PacedClient {
  private held: Batch | undefined
  private behindSince = 0
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly ws: WebSocket,
    private readonly onStalled: () => void,
    private readonly opts: BackpressureOptions = DEFAULT_BACKPRESSURE
  ) {}

  /** Sends an event now, or merges a traffic batch into the held one while the client is behind. */
  send<K extends keyof Events>(event: K, payload: Events[K]): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    if (event === 'traffic:batch' && (this.held || this.behind())) {
      this.hold(payload as Batch)
      return
    }
    this.ws.send(JSON.stringify({ event, payload } as EventFrame))
  }

  /** Stops the pacing timer (the client left). */
  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    this.held = undefined
  }

  private behind(): boolean {
    return this.ws.bufferedAmount > this.opts.highWaterBytes
  }

  private hold(b: Batch): void {
    if (!this.held) {
      this.behindSince = Date.now()
      this.timer = setInterval(() => this.check(), 100)
      this.timer.unref?.()
    }
    this.held = mergeBatch(this.held, b, this.opts.maxMessages)
  }

  private check(): void {
    if (this.ws.readyState !== this.ws.OPEN) return this.close()
    if (!this.behind()) {
      const held = this.held
      this.close()
      if (held) this.ws.send(JSON.stringify({ event: 'traffic:batch', payload: held }))
      return
    }
    if (Date.now() - this.behindSince > this.opts.stallMs) {
      this.close()
      this.onStalled()
    }
  }
}
