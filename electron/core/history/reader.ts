import path from 'node:path'
import type { HistoryFilter, LogMessage } from '../../contract'
import { listLogFiles, pickFiles, type LogFile } from './files'
import { compileFilter, type CompiledFilter } from './filter'
import { FileSource } from './source'

export { parseLine } from './source'

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
