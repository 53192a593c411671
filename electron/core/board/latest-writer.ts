import type { BoardLink } from './link-types'

/**
 * Newest wins: writes a value (a colour) to the board at once when the link is idle; while an
 * earlier one is still on its way (the port has not drained), only the latest value waits and is
 * written when it drains. A serial line at 115200 baud carries ~500 colours a second; a class
 * that publishes faster must not queue minutes of stale colours in memory.
 */
export class LatestWriter<T> {
  private link: BoardLink | undefined
  private waiting: T | undefined
  private busy = false

  constructor(
    private readonly line: (value: T) => string,
    /** Told of each value actually written (not of those replaced while waiting). */
    private readonly written: (value: T) => void
  ) {}

  /** Offers a value: written now, or kept (replacing any kept one) until the link drains. */
  offer(link: BoardLink, value: T): boolean {
    if (link !== this.link) this.reset(link)
    if (this.busy) {
      this.waiting = value
      return true
    }
    if (!link.write(this.line(value))) return false
    this.busy = true
    const drained = (): void => this.drained(link)
    link.drain().then(drained, drained)
    this.written(value)
    return true
  }

  /** Forgets the waiting value and the busy state (a new link, or the same one reopened). */
  reset(link?: BoardLink): void {
    this.link = link
    this.waiting = undefined
    this.busy = false
  }

  private drained(link: BoardLink): void {
    if (link !== this.link) return
    this.busy = false
    const next = this.waiting
    this.waiting = undefined
    if (next !== undefined) this.offer(link, next)
  }
}
