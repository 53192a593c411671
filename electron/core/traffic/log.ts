import fs from 'node:fs'
import path from 'node:path'
import type { LogState, Problem, TrafficMessage } from '../../contract'
import { HOLD_BYTES, slowProblem, writeProblem } from './log-fault'
import { FILE_RE, LogFile } from './log-file'

/** Lines gathered before they are handed to the disk at once (else every flushMs). */
const FLUSH_BYTES = 1024 * 1024
const FIRST_BYTES = 64 * 1024
/**
 * Most bytes handed to the disk and not yet written. A disk that stalls (a network folder, a
 * dying USB stick) then costs log lines, counted and said, instead of ever more memory.
 */
const BACKLOG_BYTES = 64 * 1024 * 1024

/** One flush's lines, for one day's file. */
interface Batch {
  day: string
  data: Buffer
  lines: number
}

/** The line written for one message: exactly the data directory's documented format. */
export function logLine(m: TrafficMessage): string {
  // the same text JSON.stringify gives for {t, dir, topic, qos, retain, payload, enc}, built
  // directly: this runs for every message at full ingest rate
  return `{"t":"${m.t}","dir":"${m.dir}","topic":${JSON.stringify(m.topic)},"qos":${m.qos},"retain":${m.retain},"payload":${JSON.stringify(m.payload)},"enc":"${m.enc}"${m.replay ? ',"replay":true' : ''}}\n`
}

/** Local calendar day of an ISO time, YYYY-MM-DD: a teacher looks for "today's" file. */
export function dayOf(iso: string | number): string {
  const d = new Date(iso)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/**
 * traffic/YYYY-MM-DD.jsonl (then YYYY-MM-DD.1.jsonl, .2 … once a day's file reaches the size
 * limit). Lines are gathered and appended in one write per flush, on the thread pool and in
 * order (each flush waits for the one before); a line torn by a crash is cut off when the file
 * is next opened, so the log is always valid JSONL.
 */
export class TrafficLog {
  readonly dir: string
  /** The lines not handed to the disk yet, encoded as they come (no strings kept, no join). */
  private pending = Buffer.allocUnsafeSlow(FIRST_BYTES)
  private pendingDay = ''
  private pendingBytes = 0
  private pendingLines = 0
  /** The local day of the last message, and its bounds, so most messages skip the date maths. */
  private dayKey = ''
  private dayStart = 0
  private dayEnd = 0
  private timer: NodeJS.Timeout | undefined
  private readonly file: LogFile
  /** The disk work in order: each flush, retry and close runs after the one before. */
  private chain: Promise<void> = Promise.resolve()
  /** Batches that could not be written yet, oldest first (only while the disk fails). */
  private held: Batch[] = []
  private heldBytes = 0
  private dropped = 0
  private problem: Problem | undefined
  private retryTimer: NodeJS.Timeout | undefined
  /** Bytes of the batches in the chain, not written yet. */
  private backlog = 0
  /** Lines are being dropped because the disk does not keep up. */
  private slow = false

  constructor(
    dataDir: string,
    maxFileBytes = 64 * 1024 * 1024,
    private readonly flushMs = 200,
    /** Told when writing stops or resumes. */
    private readonly onState: (s: LogState) => void = () => undefined,
    private readonly retryMs = 2000,
    private readonly backlogBytes = BACKLOG_BYTES
  ) {
    this.dir = path.join(dataDir, 'traffic')
    this.file = new LogFile(this.dir, maxFileBytes)
    try {
      fs.mkdirSync(this.dir, { recursive: true })
    } catch (err) {
      this.fail(err)
    }
  }

  /** Writing or stopped, and why; what waits in memory and what was lost. */
  get state(): LogState {
    const problem = this.problem ?? (this.slow ? slowProblem(this.dir) : undefined)
    return {
      enabled: true,
      writing: !problem,
      ...(problem ? { problem } : {}),
      heldBytes: this.heldBytes,
      dropped: this.dropped
    }
  }

  /** Queues one message (`ms`: its time as a number); it reaches the disk within flushMs. */
  append(m: TrafficMessage, ms = Date.parse(m.t)): void {
    const day = this.dayFor(ms)
    if (day !== this.pendingDay && this.pendingLines) void this.flush()
    this.pendingDay = day
    const line = logLine(m)
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (this.pendingBytes + line.length * 3 > this.pending.length) this.grow(line.length * 3)
    this.pendingBytes += this.pending.write(line, this.pendingBytes)
    this.pendingLines++
    if (this.pendingBytes >= FLUSH_BYTES) void this.flush()
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs)
  }

  private grow(need: number): void {
    const bigger = Buffer.allocUnsafeSlow(
      Math.max(this.pending.length * 2, this.pendingBytes + need)
    )
    this.pending.copy(bigger, 0, 0, this.pendingBytes)
    this.pending = bigger
  }

  private dayFor(ms: number): string {
    if (ms < this.dayStart || ms >= this.dayEnd) {
      const d = new Date(ms)
      this.dayKey = dayOf(ms)
      this.dayStart = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
      this.dayEnd = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime()
    }
    return this.dayKey
  }

  /**
   * Hands everything queued to the disk in one append; resolves once it is written, or held
   * because the disk fails (never rejects). The caller does not wait for the disk unless it
   * awaits (a history query that must see the latest lines).
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pendingLines) {
      const batch = {
        day: this.pendingDay,
        data: this.pending.subarray(0, this.pendingBytes),
        lines: this.pendingLines
      }
      // the next batch starts as large as this one was, up to a flush's worth
      const next = Math.min(Math.max(FIRST_BYTES, this.pendingBytes), FLUSH_BYTES + FIRST_BYTES)
      this.pending = Buffer.allocUnsafeSlow(next)
      this.pendingBytes = 0
      this.pendingLines = 0
      this.enqueue(batch)
    }
    return this.chain
  }

  /**
   * Writes the queued lines with blocking calls, at once: Windows ends a session (log-off,
   * shutdown) right after its last event and never waits for the thread pool. Only when the
   * disk is idle and well (else an older batch could land after these); false when it could
   * not, or the disk failed.
   */
  flushSync(): boolean {
    if (!this.pendingLines) return true
    if (this.backlog || this.held.length || this.problem) return false
    try {
      this.file.appendSync(this.pendingDay, this.pending.subarray(0, this.pendingBytes))
    } catch {
      return false
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.pendingBytes = 0
    this.pendingLines = 0
    return true
  }

  private enqueue(batch: Batch): void {
    const size = batch.data.length
    if (this.backlog + size > this.backlogBytes) {
      this.dropped += batch.lines
      if (!this.slow && !this.problem) {
        this.slow = true
        this.onState(this.state)
      }
      return
    }
    this.backlog += size
    this.chain = this.chain
      .then(() => this.put(batch))
      .then(() => {
        this.backlog -= size
        // caught up: say so (with what was lost), as after a full disk
        if (this.slow && this.backlog <= this.backlogBytes / 2) {
          this.slow = false
          if (!this.problem) this.onState(this.state)
          this.dropped = 0
        }
      })
  }

  private async put(batch: Batch): Promise<void> {
    if (this.held.length || this.problem) return this.hold(batch)
    try {
      await this.file.append(batch.day, batch.data)
    } catch (err) {
      this.hold(batch)
      this.fail(err)
    }
  }

  private hold(batch: Batch): void {
    if (this.heldBytes + batch.data.length > HOLD_BYTES) {
      this.dropped += batch.lines
      return
    }
    // a copy of just the lines: the batch may be a slice of a larger buffer
    this.held.push({ ...batch, data: Buffer.from(batch.data) })
    this.heldBytes += batch.data.length
  }

  private fail(err: unknown): void {
    const first = !this.problem
    this.problem = writeProblem(this.dir, err)
    if (first) this.onState(this.state)
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = undefined
      this.chain = this.chain.then(() => this.retry())
    }, this.retryMs)
    this.retryTimer.unref?.()
  }

  /** Writes what is held, oldest first; resumes when all of it is on disk. */
  private async retry(): Promise<void> {
    try {
      await fs.promises.mkdir(this.dir, { recursive: true })
      while (this.held.length) {
        const b = this.held[0]
        await this.file.append(b.day, b.data)
        this.held.shift()
        this.heldBytes -= b.data.length
      }
    } catch (err) {
      return this.fail(err)
    }
    if (!this.problem) return
    this.problem = undefined
    this.onState(this.state)
    this.dropped = 0
  }

  /** The log files, oldest first. */
  files(): string[] {
    return fs
      .readdirSync(this.dir)
      .map((f) => FILE_RE.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) =>
        a[1] === b[1] ? Number(a[2] ?? 0) - Number(b[2] ?? 0) : a[1] < b[1] ? -1 : 1
      )
      .map((m) => path.join(this.dir, m[0]))
  }

  /** Flushes (one last try for what is held) and closes the file; resolves when done. */
  async close(): Promise<void> {
    await this.flush()
    this.stopRetrying()
    if (this.held.length) await (this.chain = this.chain.then(() => this.retry()))
    this.stopRetrying()
    await (this.chain = this.chain.then(() => this.file.close()))
  }

  private stopRetrying(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
  }
}
