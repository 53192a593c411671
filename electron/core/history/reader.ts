import { open, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import type { HistoryFilter, LogMessage } from '../../contract'
import { topicMatcher } from '../../shared/topic'
import { listLogFiles, pickFiles, type LogFile } from './files'

/** One message read back: its line exactly as on disk (no newline), and the line parsed. */
export interface HistoryEntry {
  line: string
  msg: LogMessage
  /** The message's time as a UTC ISO string, the merge order. */
  key: string
}

/** How far a read has got; `skipped` counts torn or hand-broken lines met on the way. */
export interface ReadProgress {
  bytesRead: number
  bytesTotal: number
  matched: number
  skipped: number
}

export interface ReadOptions {
  /** Most entries a yielded batch holds. */
  batch?: number
  chunkBytes?: number
}

/** A line longer than this is dropped as damage (a 256 MB MQTT payload, base64, still fits). */
const MAX_LINE = 400 * 1024 * 1024

/**
 * Streams the traffic log of a data directory: only the files of the time range (by name), a
 * chunk at a time, a byte search for the topic or text before any line is parsed, and the
 * rotated parts of a day merged so messages come out in time order. Memory stays at a few
 * chunks whatever the log's size.
 */
export class HistoryReader {
  readonly progress: ReadProgress = { bytesRead: 0, bytesTotal: 0, matched: 0, skipped: 0 }
  private readonly groups: LogFile[][]
  private readonly filter: CompiledFilter
  private cancelled = false

  constructor(
    dataDir: string,
    filter: HistoryFilter,
    private readonly opts: ReadOptions = {}
  ) {
    this.filter = compileFilter(filter)
    const files = listLogFiles(path.join(dataDir, 'traffic'))
    this.groups = pickFiles(files, this.filter.fromMs, this.filter.toMs)
    for (const g of this.groups) for (const f of g) this.progress.bytesTotal += f.size
  }

  /** Stops the read at the next chunk; the generator then ends. */
  cancel(): void {
    this.cancelled = true
  }

  /** The matching messages in time order, in batches of at most `opts.batch`. */
  async *batches(): AsyncGenerator<HistoryEntry[]> {
    const size = this.opts.batch ?? 500
    for (const group of this.groups) {
      const sources = group.map((f) => new FileSource(f, this.filter, this.progress, this.opts))
      try {
        for await (const batch of merge(sources, size)) {
          if (this.cancelled) return
          this.progress.matched += batch.length
          yield batch
        }
      } finally {
        await Promise.all(sources.map((s) => s.close()))
      }
    }
  }
}

/** Merges sources each in time order into batches in time order; one source passes through. */
async function* merge(sources: FileSource[], size: number): AsyncGenerator<HistoryEntry[]> {
  if (sources.length === 1) {
    for (let b = await sources[0].next(); b; b = await sources[0].next())
      for (let i = 0; i < b.length; i += size) yield b.length <= size ? b : b.slice(i, i + size)
    return
  }
  const bufs: HistoryEntry[][] = sources.map(() => [])
  const idx = sources.map(() => 0)
  const done = sources.map(() => false)
  const fill = async (i: number): Promise<void> => {
    while (!done[i] && idx[i] >= bufs[i].length) {
      const b = await sources[i].next()
      if (b) [bufs[i], idx[i]] = [b, 0]
      else done[i] = true
    }
  }
  for (let i = 0; i < sources.length; i++) await fill(i)
  let out: HistoryEntry[] = []
  for (;;) {
    let best = -1
    for (let i = 0; i < sources.length; i++) {
      if (idx[i] >= bufs[i].length) continue
      if (best < 0 || bufs[i][idx[i]].key < bufs[best][idx[best]].key) best = i
    }
    if (best < 0) break
    out.push(bufs[best][idx[best]++])
    if (out.length >= size) {
      yield out
      out = []
    }
    if (idx[best] >= bufs[best].length) await fill(best)
  }
  if (out.length) yield out
}

interface CompiledFilter {
  fromMs: number
  toMs: number
  fromIso: string
  toIso: string
  /** Byte strings one of which a candidate line must contain (none: every line is a candidate). */
  needles: Buffer[]
  /** A time range was asked for (the raw time prefix is worth checking). */
  ranged: boolean
  accept: (m: LogMessage) => boolean
}

/** Turns a query into the byte needles of the prefilter and the exact test after parsing. */
export function compileFilter(f: HistoryFilter): CompiledFilter {
  const fromMs = f.from ? Date.parse(f.from) : -Infinity
  const toMs = f.to ? Date.parse(f.to) : Infinity
  const iso = (ms: number, dflt: string): string =>
    Number.isFinite(ms) ? new Date(ms).toISOString() : dflt
  const matchers = (f.topic ?? []).map(topicMatcher)
  const topicNeedles = (f.topic ?? []).map(filterNeedle)
  let needles: Buffer[] = []
  if (topicNeedles.length && topicNeedles.every((n) => n !== undefined)) needles = topicNeedles
  else if (f.text) needles = [Buffer.from(JSON.stringify(f.text).slice(1, -1))]
  const text = f.text
  const dir = f.dir
  return {
    fromMs,
    toMs,
    fromIso: iso(fromMs, ''),
    toIso: iso(toMs, '\uffff'),
    needles,
    ranged: Number.isFinite(fromMs) || Number.isFinite(toMs),
    accept: (m) =>
      (!dir || m.dir === dir) &&
      (!matchers.length || matchers.some((match) => match(m.topic))) &&
      (text === undefined || (m.enc === 'utf8' && m.payload.includes(text)))
  }
}

/** The bytes every line matching `filter` contains in Puente's format, or none for a leading wildcard. */
function filterNeedle(filter: string): Buffer | undefined {
  const levels = filter.split('/')
  const wild = levels.findIndex((l) => l === '+' || l === '#')
  if (wild < 0) return Buffer.from(`"topic":${JSON.stringify(filter)},`)
  if (wild === 0) return undefined
  // a/# also matches a itself: no trailing slash then
  const prefix = levels.slice(0, wild).join('/') + (levels[wild] === '#' ? '' : '/')
  return Buffer.from(`"topic":${JSON.stringify(prefix).slice(0, -1)}`)
}

/** One log file read chunk by chunk, yielding the entries of each chunk that pass the filter. */
class FileSource {
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
