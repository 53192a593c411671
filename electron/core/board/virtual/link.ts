import type { Problem } from '../../../contract'
import type { BackoffPolicy } from '../../../shared/backoff'
import { LinkRetry } from '../link-retry'
import type { BoardLink, LinkFactory, LinkHandlers } from '../link-types'

/** The path the board bridge knows the virtual board by (`--serial virtual`). */
export const VIRTUAL_PATH = 'virtual'
/**
 * How often a virtual board that could not start is tried again: every second for the first
 * 10 s (a firmware being written), then less often up to every 10 s. No jitter: it is one
 * process, not many clients on one server.
 */
export const VIRTUAL_RETRY: BackoffPolicy = {
  minMs: 1000,
  maxMs: 10_000,
  steadyMs: 10_000,
  jitter: 0
}

/** The virtual board's serial end, as the service offers it to the link. */
export interface VirtualPort {
  /** Starts the board (Puente's firmware) if needed and listens to what it prints. */
  attach(listener: { data(chunk: Buffer): void; lost(p: Problem): void }): Promise<void>
  /** Bytes for the board's stdin (what USB would carry). */
  write(data: Buffer): void
  /** Stops listening (and stops the firmware: nothing else uses it). */
  detach(): Promise<void>
}

/**
 * The in-memory serial line to the virtual board: the same BoardLink the USB port gives the
 * bridge, so Puente's firmware running on screen is bridged by exactly the same code.
 */
export class VirtualLink implements BoardLink {
  readonly path = VIRTUAL_PATH
  private open_ = false
  private readonly retry = new LinkRetry(VIRTUAL_RETRY, () => {
    if (!this.open_) this.open().catch(() => {})
  })

  constructor(
    private readonly port: VirtualPort,
    private readonly handlers: LinkHandlers
  ) {}

  get isOpen(): boolean {
    return this.open_
  }

  /** Starts the board and opens the line; on failure says why and tries again unless told not to. */
  async open(retry = true): Promise<void> {
    this.retry.start()
    try {
      await this.port.attach({
        data: (chunk) => {
          if (this.open_) this.handlers.data(chunk)
        },
        lost: (p) => this.onLost(p)
      })
    } catch (err) {
      const p = err as Problem
      if (this.retry.problem(p.code)) this.handlers.lost(p, false)
      if (retry) this.retry.schedule()
      throw p
    }
    if (this.retry.stopped) {
      await this.port.detach()
      return
    }
    this.retry.succeeded()
    this.open_ = true
    this.handlers.opened(this.path)
  }

  private onLost(p: Problem): void {
    if (!this.open_ || this.retry.stopped) return
    this.open_ = false
    this.handlers.lost(p, false)
    this.retry.problem(p.code)
    this.retry.schedule()
  }

  /** Hands the bytes to the board's stdin now; false when the line is not open. */
  write(data: string | Buffer): boolean {
    if (!this.open_) return false
    this.port.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    return true
  }

  /** Nothing is buffered between Puente and the board: written is delivered. */
  drain(): Promise<void> {
    return Promise.resolve()
  }

  /** Closes the line and stops the firmware; no more retries. */
  async stop(): Promise<void> {
    this.retry.stop()
    const wasOpen = this.open_
    this.open_ = false
    if (wasOpen) await this.port.detach()
  }
}

/** The factory the board bridge uses for the path 'virtual'. */
export function virtualLinkFactory(port: VirtualPort): LinkFactory {
  return (_path, _baud, handlers) => new VirtualLink(port, handlers)
}
