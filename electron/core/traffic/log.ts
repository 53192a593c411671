import fs from 'node:fs'
import path from 'node:path'
import type { LogState, Problem, TrafficMessage } from '../../contract'
import { HOLD_BYTES, writeProblem } from './log-fault'

/** The line written for one message: exactly the data directory's documented format. */
export function logLine(m: TrafficMessage): string {
  // the same text JSON.stringify gives for {t, dir, topic, qos, retain, payload, enc}, built
  // directly: this runs for every message at full ingest rate
  return `{"t":"${m.t}","dir":"${m.dir}","topic":${JSON.stringify(m.topic)},"qos":${m.qos},"retain":${m.retain},"payload":${JSON.stringify(m.payload)},"enc":"${m.enc}"}\n`
}

/** Local calendar day of an ISO time, YYYY-MM-DD: a teacher looks for "today's" file. */
export function dayOf(iso: string | number): string {
  const d = new Date(iso)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

const FILE_RE = /^(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.jsonl$/

/**
 * traffic/YYYY-MM-DD.jsonl (then YYYY-MM-DD.1.jsonl, .2 … once a day's file reaches the size
 * limit). Lines are gathered and appended in one write per flush; a line torn by a crash is cut
 * off when the file is next opened, so the log is always valid JSONL.
 */
export class TrafficLog {
  readonly dir: string
  private pending: string[] = []
  private pendingDay = ''
  private pendingBytes = 0
  /** The local day of the last message, and its bounds, so most messages skip the date maths. */
  private dayKey = ''
  private dayStart = 0
  private dayEnd = 0
  private timer: NodeJS.Timeout | undefined
  private fd: number | undefined
  private fileDay = ''
  private filePart = 0
  private fileBytes = 0
  /** Batches that could not be written yet, oldest first (only while the disk fails). */
  private held: { day: string; data: Buffer; lines: number }[] = []
  private heldBytes = 0
  private dropped = 0
  private problem: Problem | undefined
  private retryTimer: NodeJS.Timeout | undefined
  private pendingLines = 0

  constructor(
    dataDir: string,
    private readonly maxFileBytes = 64 * 1024 * 1024,
    private readonly flushMs = 200,
    /** Told when writing stops or resumes. */
    private readonly onState: (s: LogState) => void = () => undefined,
    private readonly retryMs = 2000
  ) {
    this.dir = path.join(dataDir, 'traffic')
    try {
      fs.mkdirSync(this.dir, { recursive: true })
    } catch (err) {
      this.fail(err)
    }
  }

  /** Writing or stopped, and why; what waits in memory and what was lost. */
  get state(): LogState {
    return {
      enabled: true,
      writing: !this.problem,
      ...(this.problem ? { problem: this.problem } : {}),
      heldBytes: this.heldBytes,
      dropped: this.dropped
    }
  }

  /** Queues one message (`ms`: its time as a number); it reaches the disk within flushMs. */
  append(m: TrafficMessage, ms = Date.parse(m.t)): void {
    const day = this.dayFor(ms)
    if (day !== this.pendingDay && this.pending.length) this.flush()
    this.pendingDay = day
    const line = logLine(m)
    this.pending.push(line)
    this.pendingLines++
    this.pendingBytes += line.length
    if (this.pendingBytes >= 1024 * 1024) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs)
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

  /** Writes everything queued, now, in one append per file; never throws (a full disk). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (!this.pending.length) return
    const batch = {
      day: this.pendingDay,
      data: Buffer.from(this.pending.join('')),
      lines: this.pendingLines
    }
    this.pending = []
    this.pendingBytes = 0
    this.pendingLines = 0
    if (this.held.length || this.problem) return this.hold(batch)
    try {
      this.write(batch.day, batch.data)
    } catch (err) {
      this.hold(batch)
      this.fail(err)
    }
  }

  /** Appends one batch whole: a write cut short by the disk is taken back, never a torn line. */
  private write(day: string, data: Buffer): void {
    this.open(day, data.length)
    try {
      let off = 0
      while (off < data.length) off += fs.writeSync(this.fd!, data, off)
    } catch (err) {
      try {
        fs.ftruncateSync(this.fd!, this.fileBytes)
      } catch {
        // cut when the file is next opened (repairTail)
      }
      this.closeFd()
      throw err
    }
    this.fileBytes += data.length
  }

  private hold(batch: { day: string; data: Buffer; lines: number }): void {
    if (this.heldBytes + batch.data.length > HOLD_BYTES) {
      this.dropped += batch.lines
      return
    }
    this.held.push(batch)
    this.heldBytes += batch.data.length
  }

  private fail(err: unknown): void {
    this.closeFd()
    const first = !this.problem
    this.problem = writeProblem(this.dir, err)
    if (first) this.onState(this.state)
    this.retryTimer ??= setTimeout(() => this.retry(), this.retryMs)
    this.retryTimer.unref?.()
  }

  /** Writes what is held, oldest first; resumes when all of it is on disk. */
  private retry(): void {
    this.retryTimer = undefined
    try {
      fs.mkdirSync(this.dir, { recursive: true })
      while (this.held.length) {
        const b = this.held[0]
        this.write(b.day, b.data)
        this.held.shift()
        this.heldBytes -= b.data.length
      }
    } catch (err) {
      return this.fail(err)
    }
    this.problem = undefined
    this.onState(this.state)
    this.dropped = 0
  }

  private closeFd(): void {
    if (this.fd === undefined) return
    try {
      fs.closeSync(this.fd)
    } catch {
      // already gone
    }
    this.fd = undefined
  }

  private fileName(day: string, part: number): string {
    return path.join(this.dir, part ? `${day}.${part}.jsonl` : `${day}.jsonl`)
  }

  private open(day: string, incoming: number): void {
    if (this.fd !== undefined && day === this.fileDay) {
      if (this.fileBytes === 0 || this.fileBytes + incoming <= this.maxFileBytes) return
      this.closeFd()
      this.filePart++
    } else {
      this.closeFd()
      this.fileDay = day
      this.filePart = this.lastPart(day)
    }
    for (;;) {
      const file = this.fileName(day, this.filePart)
      this.fileBytes = repairTail(file)
      if (this.fileBytes === 0 || this.fileBytes + incoming <= this.maxFileBytes) break
      this.filePart++
    }
    this.fd = fs.openSync(this.fileName(day, this.filePart), 'a')
  }

  private lastPart(day: string): number {
    let last = 0
    for (const f of fs.readdirSync(this.dir)) {
      const m = FILE_RE.exec(f)
      if (m && m[1] === day) last = Math.max(last, Number(m[2] ?? 0))
    }
    return last
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

  /** Every logged line whose time is within [from, to], as JSONL. */
  export(from: string, to: string): { jsonl: string; count: number } {
    this.flush()
    const lo = Date.parse(from)
    const hi = Date.parse(to)
    const firstDay = dayOf(new Date(lo - 86_400_000).toISOString())
    const lastDay = dayOf(new Date(hi + 86_400_000).toISOString())
    const out: string[] = []
    for (const file of this.files()) {
      const day = path.basename(file).slice(0, 10)
      if (day < firstDay || day > lastDay) continue
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        const t = Date.parse(line.slice(6, 30)) // {"t":"<ISO>" opens every line
        if (t >= lo && t <= hi) out.push(line)
      }
    }
    return { jsonl: out.length ? out.join('\n') + '\n' : '', count: out.length }
  }

  /** Flushes (one last try for what is held) and closes the file. */
  close(): void {
    this.flush()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    if (this.held.length) this.retry()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    this.closeFd()
  }
}

/** Cuts a torn last line (a crash mid-write) and returns the file's size; 0 when absent. */
export function repairTail(file: string): number {
  let size: number
  try {
    size = fs.statSync(file).size
  } catch {
    return 0
  }
  if (size === 0) return 0
  const fd = fs.openSync(file, 'r+')
  try {
    const chunk = Buffer.alloc(64 * 1024)
    let end = size
    while (end > 0) {
      const start = Math.max(0, end - chunk.length)
      const n = fs.readSync(fd, chunk, 0, end - start, start)
      const nl = chunk.subarray(0, n).lastIndexOf(0x0a)
      if (nl >= 0) {
        const keep = start + nl + 1
        if (keep !== size) fs.ftruncateSync(fd, keep)
        return keep
      }
      end = start
    }
    fs.ftruncateSync(fd, 0)
    return 0
  } finally {
    fs.closeSync(fd)
  }
}
