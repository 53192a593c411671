import { randomUUID } from 'node:crypto'
import type { HistoryFilter, HistoryPage, LogMessage } from '../../contract'
import { problem, PuenteError } from '../util/problem'
import { HistoryReader, type HistoryEntry } from './reader'

export interface QueryLimits {
  /** Most messages in one page. */
  pageMessages: number
  /** Most bytes of log lines in one page (a single larger message still goes, alone). */
  pageBytes: number
  /** Open queries at once; a new one closes the least recently used. */
  maxQueries: number
  /** A query nobody asked a page of for this long is closed. */
  idleMs: number
}

const DEFAULTS: QueryLimits = {
  pageMessages: 500,
  pageBytes: 256 * 1024,
  maxQueries: 8,
  idleMs: 60_000
}

interface Query {
  reader: HistoryReader
  batches: AsyncGenerator<HistoryEntry[]>
  pending: HistoryEntry[]
  busy: boolean
  timer: NodeJS.Timeout
}

/**
 * The open history queries of the windows. Each is pulled a page at a time, so a window that
 * reads slowly holds the read back and memory stays at one page per query.
 */
export class HistoryQueries {
  private readonly queries = new Map<string, Query>()
  private readonly limits: QueryLimits

  constructor(
    private readonly dataDir: string,
    /** Writes what the log still holds in memory, so a query sees the latest messages. */
    private readonly flushLog: () => Promise<void>,
    limits: Partial<QueryLimits> = {}
  ) {
    this.limits = { ...DEFAULTS, ...limits }
  }

  /** Opens a query; its pages come from page(). */
  async start(filter: HistoryFilter): Promise<{ queryId: string; bytesTotal: number }> {
    await this.flushLog()
    if (this.queries.size >= this.limits.maxQueries) this.cancel(this.queries.keys().next().value!)
    const queryId = randomUUID()
    const reader = new HistoryReader(this.dataDir, filter, { batch: this.limits.pageMessages })
    this.queries.set(queryId, {
      reader,
      batches: reader.batches(),
      pending: [],
      busy: false,
      timer: this.idleTimer(queryId)
    })
    return { queryId, bytesTotal: reader.progress.bytesTotal }
  }

  /** The next page of a query; the last one says done and closes it. */
  async page(queryId: string): Promise<HistoryPage> {
    const q = this.queries.get(queryId)
    if (!q)
      throw new PuenteError(
        problem('history-query-closed', 'This history search has ended or was cancelled.')
      )
    if (q.busy)
      throw new PuenteError(
        problem('history-query-busy', 'The previous page of this history search is still coming.')
      )
    q.busy = true
    clearTimeout(q.timer)
    // the query is most recently used now
    this.queries.delete(queryId)
    this.queries.set(queryId, q)
    try {
      const messages: LogMessage[] = []
      let bytes = 0
      let done = false
      while (messages.length < this.limits.pageMessages && bytes < this.limits.pageBytes) {
        if (!q.pending.length) {
          const next = await q.batches.next()
          if (next.done) {
            done = true
            break
          }
          q.pending = next.value
        }
        const e = q.pending.shift()!
        messages.push(e.msg)
        bytes += e.line.length
      }
      const { bytesRead, bytesTotal, skipped } = q.reader.progress
      const matched = q.reader.progress.matched - q.pending.length
      if (done) this.close(queryId)
      else q.timer = this.idleTimer(queryId)
      return { messages, done, bytesRead, bytesTotal, matched, skipped }
    } catch (err) {
      this.close(queryId)
      throw err
    } finally {
      q.busy = false
    }
  }

  /** Stops a query and closes its files; unknown or finished ones are ignored. */
  cancel(queryId: string): void {
    const q = this.queries.get(queryId)
    if (!q) return
    q.reader.cancel()
    this.close(queryId)
  }

  /** Closes every query (on quit). */
  closeAll(): void {
    for (const id of [...this.queries.keys()]) this.cancel(id)
  }

  private close(queryId: string): void {
    const q = this.queries.get(queryId)
    if (!q) return
    this.queries.delete(queryId)
    clearTimeout(q.timer)
    // closes the open files; while a page is being read, the reader's cancel flag stops it
    if (!q.busy) void q.batches.return(undefined).catch(() => undefined)
  }

  private idleTimer(queryId: string): NodeJS.Timeout {
    const t = setTimeout(() => this.cancel(queryId), this.limits.idleMs)
    t.unref()
    return t
  }
}
