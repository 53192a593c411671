import type { Problem } from '../../electron/contract'
import type { BoardLink, LinkFactory, LinkHandlers } from '../../electron/core/board/link-types'

/**
 * A board at the other end of an in-memory line: a real BoardLink whose board side the test
 * plays (what the bridge writes is kept in `written`; `say` sends bytes to the bridge).
 */
export class MemoryLink implements BoardLink {
  readonly written: string[] = []
  private open_ = false

  constructor(
    readonly path: string,
    private readonly handlers: LinkHandlers
  ) {}

  get isOpen(): boolean {
    return this.open_
  }

  async open(): Promise<void> {
    this.open_ = true
    this.handlers.opened(this.path)
  }

  write(data: string | Buffer): boolean {
    if (!this.open_) return false
    this.written.push(data.toString())
    return true
  }

  drain(): Promise<void> {
    return Promise.resolve() // nothing is buffered in memory
  }

  async stop(): Promise<void> {
    this.open_ = false
  }

  /** The board prints `text` (give the newline yourself; bytes may come in pieces). */
  say(text: string | Buffer): void {
    this.handlers.data(Buffer.isBuffer(text) ? text : Buffer.from(text))
  }

  /** The line goes away (as an unplugged board does). */
  unplug(p: Problem): void {
    this.open_ = false
    this.handlers.lost(p, true)
  }
}

/** A LinkFactory that keeps every MemoryLink it makes, newest last. */
export function memoryLinks(): { factory: LinkFactory; made: MemoryLink[] } {
  const made: MemoryLink[] = []
  return {
    made,
    factory: (path, _baud, handlers) => {
      const link = new MemoryLink(path, handlers)
      made.push(link)
      return link
    }
  }
}
