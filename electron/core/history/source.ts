import { open, type FileHandle } from 'node:fs/promises'
import type { LogMessage } from '../../contract'
import type { LogFile } from './files'
import type { CompiledFilter } from './filter'
import type { HistoryEntry, ReadOptions, ReadProgress } from './reader'

/** A line longer than this is dropped as damage (a 256 MB MQTT payload, base64, still fits). */
const MAX_LINE = 400 * 1024 * 1024

/** One log file read chunk by chunk, yielding the entries of each chunk that pass the filter. */
export class FileSource {
  private fh: FileHandle | undefined
  private pos = 0
  private carry: Buffer = Buffer.alloc(0)
  private buf: Buffer = Buffer.alloc(0)
  /** The carried partial line already sits at the start of `buf`. */
  private carryInPlace = false
  private eof = false
  private discarding = false

  constructor(
    private readonly file: LogFile,
    private readonly filter: CompiledFilter,
    private readonly progress: ReadProgress,
    private readonly opts: ReadOptions
  ) {}

  /** The next chunk's matches (maybe none); null at the end of the file. */
  async next(): Promise<HistoryEntry[] | null> {
    for (;;) {
      if (this.eof) return null
      this.fh ??= await open(this.file.path, 'r')
      const chunk = this.opts.chunkBytes ?? 128 * 1024
      // one buffer reused for every read (entries copy their text out of it): a fresh one per
      // chunk would let external memory pile up between collections
      const carried = this.carry.length
      if (this.buf.length < carried + chunk) {
        // a long line: double, so a huge one costs a few copies, not one per chunk
        const grown = Buffer.allocUnsafe(Math.max(carried + chunk, this.buf.length * 2))
        this.carry.copy(grown, 0)
        this.buf = grown
      } else if (!this.carryInPlace) this.carry.copy(this.buf, 0)
      const buf = this.buf
      const { bytesRead } = await this.fh.read(buf, carried, buf.length - carried, this.pos)
      this.pos += bytesRead
      this.progress.bytesRead += bytesRead
      const end = carried + bytesRead
      const out: HistoryEntry[] = []
      if (bytesRead === 0) {
        // the last line has no newline: torn by a crash, or hand-edited; kept if it parses
        this.eof = true
        if (end > 0 && !this.discarding) this.scan(buf.subarray(0, end), out)
        this.carry = Buffer.alloc(0)
        return out
      }
      const lastNl = buf.lastIndexOf(0x0a, end - 1)
      if (lastNl < 0) {
        this.carry = this.discarding ? Buffer.alloc(0) : buf.subarray(0, end)
        this.carryInPlace = true
        if (end > MAX_LINE) [this.discarding, this.carry] = [true, Buffer.alloc(0)]
        continue
      }
      let start = 0
      if (this.discarding) {
        start = buf.indexOf(0x0a) + 1
        this.discarding = false
        this.progress.skipped++
      }
      this.carry = Buffer.from(buf.subarray(lastNl + 1, end))
      this.carryInPlace = false
      this.scan(buf.subarray(start, lastNl + 1), out)
      if (out.length) return out
    }
  }

  /** Finds the candidate lines in buf: whole lines, each ending in \n but maybe the last. */
  private scan(buf: Buffer, out: HistoryEntry[]): void {
    const needles = this.filter.needles
    const end = buf.length
    if (!needles.length) {
      for (let s = 0; s < end;) {
        let e = buf.indexOf(0x0a, s)
        if (e < 0) e = end
        this.line(buf, s, e, out)
        s = e + 1
      }
      return
    }
    const next = needles.map(() => -2)
    for (let cursor = 0; cursor < end;) {
      let hit = -1
      for (let i = 0; i < needles.length; i++) {
        if (next[i] !== -1 && next[i] < cursor) next[i] = buf.indexOf(needles[i], cursor)
        if (next[i] >= 0 && (hit < 0 || next[i] < hit)) hit = next[i]
      }
      if (hit < 0) return
      const s = buf.lastIndexOf(0x0a, hit) + 1
      let e = buf.indexOf(0x0a, hit)
      if (e < 0) e = end
      this.line(buf, s, e, out)
      cursor = e + 1
    }
  }

  private line(buf: Buffer, s: number, e: number, out: HistoryEntry[]): void {
    if (e <= s || (e === s + 1 && buf[s] === 0x0d)) return
    const f = this.filter
    if (f.ranged && e - s > 31 && buf[s + 30] === 0x22 && buf[s + 5] === 0x22) {
      // Puente's own lines open with {"t":"<24-char ISO>": out of range, never parsed
      const raw = buf.toString('latin1', s + 6, s + 30)
      if (raw < f.fromIso || raw > f.toIso) return
    }
    const line = buf.toString('utf8', s, e)
    const msg = parseLine(line)
    if (!msg) {
      this.progress.skipped++
      return
    }
    let key = msg.t
    if (key.length !== 24 || key[23] !== 'Z' || key[10] !== 'T') {
      // not Puente's own fixed prefix: a hand-edited line, its time read the slow way
      const ms = Date.parse(msg.t)
      if (Number.isNaN(ms)) {
        this.progress.skipped++
        return
      }
      key = new Date(ms).toISOString()
      if (ms < f.fromMs || ms > f.toMs) return
    }
    if (f.accept(msg)) out.push({ line: line.trimEnd(), msg, key })
  }

  async close(): Promise<void> {
    const fh = this.fh
    this.fh = undefined
    await fh?.close()
  }
}

/** A log line parsed and checked field by field; undefined for a torn or hand-broken one. */
export function parseLine(line: string): LogMessage | undefined {
  let m: Partial<LogMessage>
  try {
    m = JSON.parse(line) as Partial<LogMessage>
  } catch {
    return undefined
  }
  if (
    m === null ||
    typeof m !== 'object' ||
    typeof m.t !== 'string' ||
    (m.dir !== 'in' && m.dir !== 'out') ||
    typeof m.topic !== 'string' ||
    (m.qos !== 0 && m.qos !== 1 && m.qos !== 2) ||
    typeof m.retain !== 'boolean' ||
    typeof m.payload !== 'string' ||
    (m.enc !== 'utf8' && m.enc !== 'base64') ||
    (m.replay !== undefined && typeof m.replay !== 'boolean')
  )
    return undefined
  return m as LogMessage
}
