import type { ConsoleLine, Problem, ProblemCode } from '../../../contract'
import { problem } from '../../util/problem'

/** Lines kept for a window that opens later (the console shows the newest). */
export const KEEP_CONSOLE_LINES = 500
/** At most ~10 pushes a second to the windows, like the board's lines. */
const BATCH_MS = 100
const MAX_BATCH_LINES = 500
/** A line longer than this is cut (a print of a huge bytes object must not flood a window). */
const MAX_LINE_CHARS = 4000

export interface ConsoleSink {
  /** One batch of new lines for the windows (`dropped`: lines that did not fit the batch). */
  batch(lines: ConsoleLine[], dropped: number): void
  /** Every line as it comes (the MQTT console topic). */
  line(line: ConsoleLine): void
}

/**
 * What the virtual board printed: the newest lines kept, new ones batched for the windows and
 * handed one by one to MQTT.
 */
export class ConsoleBuffer {
  private kept: ConsoleLine[] = []
  private pending: ConsoleLine[] = []
  private dropped = 0
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly sink: ConsoleSink) {}

  /** The kept lines, oldest first. */
  get lines(): ConsoleLine[] {
    return [...this.kept]
  }

  /** One line the program printed (without its line end). */
  line(stream: 'out' | 'err', text: string): void {
    this.add({ at: now(), stream, text })
  }

  /** A whole line (a hint, or Puente's own note such as "program finished"). */
  add(line: ConsoleLine): void {
    if (line.text.length > MAX_LINE_CHARS)
      line = { ...line, text: line.text.slice(0, MAX_LINE_CHARS) + '…' }
    this.kept.push(line)
    if (this.kept.length > KEEP_CONSOLE_LINES)
      this.kept.splice(0, this.kept.length - KEEP_CONSOLE_LINES)
    if (this.pending.length < MAX_BATCH_LINES) this.pending.push(line)
    else this.dropped++
    this.sink.line(line)
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS)
  }

  /** Sends what is pending now (also on stop, so the last lines are not lost). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (!this.pending.length && !this.dropped) return
    const lines = this.pending
    const dropped = this.dropped
    this.pending = []
    this.dropped = 0
    this.sink.batch(lines, dropped)
  }

  /** Stops the batch timer (the service is stopping). */
  close(): void {
    this.flush()
  }
}

function now(): string {
  return new Date().toISOString()
}

/** Puente's own note in the console ("Running main.py."), translated in the window by code. */
export function systemLine(code: ProblemCode, message: string): ConsoleLine {
  return { at: now(), stream: 'system', text: message, problem: problem(code, message) }
}

/** A hint after a traceback: the mistake in words. */
export function hintLine(p: Problem): ConsoleLine {
  return { at: now(), stream: 'hint', text: p.message, problem: p }
}
