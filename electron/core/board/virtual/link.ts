import type { Problem } from '../../../contract'
import type { BoardLink, LinkFactory, LinkHandlers } from '../link-types'

/** The path the board bridge knows the virtual board by (`--serial virtual`). */
export const VIRTUAL_PATH = 'virtual'
/** How often a virtual board that could not start is tried again. */
const RETRY_MS = 1000

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
  private stopped = false
  private timer: NodeJS.Timeout | undefined
  private lastCode = ''

  constructor(
    private readonly port: VirtualPort,
    private readonly handlers: LinkHandlers
  ) {}

  get isOpen(): boolean {
    return this.open_
  }

  /** Starts the board and opens the line; on failure says why and tries again unless told not to. */
  async open(retry = true): Promise<void> {
    this.stopped = false
    try {
      await this.port.attach({
        data: (chunk) => {
          if (this.open_) this.handlers.data(chunk)
        },
        lost: (p) => this.onLost(p)
      })
    } catch (err) {
      const p = err as Problem
      if (p.code !== this.lastCode) this.handlers.lost(p, false)
      this.lastCode = p.code
      if (retry) this.schedule()
      throw p
    }
    if (this.stopped) {
      await this.port.detach()
      return
    }
    this.lastCode = ''
    this.open_ = true
    this.handlers.opened(this.path)
  }

  private onLost(p: Problem): void {
    if (!this.open_ || this.stopped) return
    this.open_ = false
    this.handlers.lost(p, false)
    this.lastCode = p.code
    this.schedule()
  }

  private schedule(): void {
    if (this.stopped || this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      if (!this.stopped && !this.open_) this.open().catch(() => {})
    }, RETRY_MS)
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
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const wasOpen = this.open_
    this.open_ = false
    if (wasOpen) await this.port.detach()
  }
}

/** The factory the board bridge uses for the path 'virtual'. */
export function virtualLinkFactory(port: VirtualPort): LinkFactory {
  return (_path, _baud, handlers) => new VirtualLink(port, handlers)
}
