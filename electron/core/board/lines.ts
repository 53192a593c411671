/** Largest line kept from the board; longer ones are dropped and reported. */
export const MAX_LINE_BYTES = 64 * 1024

export interface LineSink {
  line(bytes: Buffer): void
  /** A line grew past the cap: reported once, and its bytes up to the next newline are dropped. */
  overflow(bytes: number): void
}

/**
 * Splits the serial byte stream into lines (\n, with a trailing \r removed) with a bounded
 * buffer, so a board that never sends a newline cannot grow memory without end.
 */
export class LineSplitter {
  private parts: Buffer[] = []
  private size = 0
  private dropping = 0

  constructor(
    private readonly sink: LineSink,
    private readonly max = MAX_LINE_BYTES
  ) {}

  /** Feeds bytes as they arrive; calls the sink for each complete line at once (no timers). */
  push(chunk: Buffer): void {
    let start = 0
    for (;;) {
      const nl = chunk.indexOf(10, start)
      if (nl < 0) break
      if (this.dropping) {
        this.dropping = 0
      } else if (this.size + nl - start > this.max) {
        this.sink.overflow(this.size + nl - start)
        this.reset()
      } else {
        let line = this.size
          ? Buffer.concat([...this.parts, chunk.subarray(start, nl)])
          : chunk.subarray(start, nl)
        if (line.length && line[line.length - 1] === 13) line = line.subarray(0, line.length - 1)
        this.reset()
        this.sink.line(line)
      }
      start = nl + 1
    }
    if (start >= chunk.length) return
    const rest = chunk.length - start
    if (this.dropping) this.dropping += rest
    else if (this.size + rest > this.max) {
      this.dropping = this.size + rest
      this.reset()
      this.sink.overflow(this.dropping)
    } else {
      this.parts.push(Buffer.from(chunk.subarray(start)))
      this.size += rest
    }
  }

  /** Forgets a partial line (the port closed). */
  clear(): void {
    this.reset()
    this.dropping = 0
  }

  private reset(): void {
    this.parts = []
    this.size = 0
  }
}
