import type {
  ExportProgress,
  HistoryFilter,
  LogMessage,
  Problem,
  ReplayState,
  SaveExportResult,
  TrafficMessage
} from '../../../electron/contract'
import { api } from './api'

/** Most messages a search keeps in the window; past that, the export has them all. */
export const MAX_RESULTS = 100_000

/** A logged message as the list and the payload view show it. */
function shown(m: LogMessage, seq: number): TrafficMessage {
  const size = m.enc === 'base64' ? Math.floor((m.payload.length * 3) / 4) : m.payload.length
  return {
    seq,
    t: m.t,
    dir: m.dir,
    topic: m.topic,
    qos: m.qos,
    retain: m.retain,
    payload: m.payload,
    enc: m.enc,
    size
  }
}

/**
 * The Historial tab's search: pulls pages of a query while the tab shows them, with progress,
 * a count, and cancel; at most MAX_RESULTS are kept in the window.
 */
class HistorySearch {
  items = $state.raw<TrafficMessage[]>([])
  count = $derived(this.items.length)
  running = $state(false)
  /** 0..1 of the log's bytes read. */
  progress = $state(0)
  skipped = $state(0)
  truncated = $state(false)
  error = $state<Problem | undefined>()
  selected = $state<TrafficMessage | undefined>()
  replay = $state<ReplayState | undefined>()
  /** The export being saved into a file (tray app), as the core reports it. */
  exporting = $state<ExportProgress | undefined>()
  /** How the last save ended, or why it failed. */
  saved = $state<SaveExportResult | Problem | undefined>()
  private queryId: string | undefined
  private run = 0

  constructor() {
    api.on('history:replay', (s) => (this.replay = s))
    api.on('history:export', (p) => (this.exporting = p))
  }

  /** Tray app: asks where to save the filtered log, then the core writes it there. */
  async saveExport(filter: HistoryFilter, format: 'csv' | 'jsonl'): Promise<void> {
    this.saved = undefined
    const r = await api.invoke('shell:save-export', { filter, format })
    this.saved = r.ok ? r.value : r.error
    this.exporting = undefined
  }

  /** Stops the export being saved; no file is left. */
  cancelExport(): void {
    void api.invoke('history:export-cancel', {})
  }

  /** Starts a search (cancelling the one running) and pulls its pages until done. */
  async search(filter: HistoryFilter): Promise<void> {
    this.cancel()
    const run = ++this.run
    this.items = []
    this.progress = 0
    this.skipped = 0
    this.truncated = false
    this.error = undefined
    this.selected = undefined
    this.running = true
    const q = await api.invoke('history:query', filter)
    if (!q.ok || run !== this.run) return this.fail(run, q.ok ? undefined : q.error)
    this.queryId = q.value.queryId
    for (;;) {
      const p = await api.invoke('history:page', { queryId: q.value.queryId })
      if (run !== this.run) return
      if (!p.ok) return this.fail(run, p.error)
      const base = this.items.length
      this.items = this.items.concat(p.value.messages.map((m, i) => shown(m, base + i + 1)))
      this.progress = p.value.bytesTotal ? p.value.bytesRead / p.value.bytesTotal : 1
      this.skipped = p.value.skipped
      if (p.value.done) break
      if (this.items.length >= MAX_RESULTS) {
        this.truncated = true
        this.cancel()
        return
      }
    }
    this.queryId = undefined
    this.running = false
  }

  /** Stops the running search; what was found stays shown. */
  cancel(): void {
    this.run++
    if (this.queryId) void api.invoke('history:cancel', { queryId: this.queryId })
    this.queryId = undefined
    this.running = false
  }

  private fail(run: number, error: Problem | undefined): void {
    if (run !== this.run) return
    this.error = error
    this.running = false
    this.queryId = undefined
  }
}

export const history = new HistorySearch()

/** The web host's download address for the current filter (the tray app has no such address). */
export function exportUrl(filter: HistoryFilter, format: 'csv' | 'jsonl'): string {
  const pairs: [string, string | undefined][] = [
    ['format', format],
    ['from', filter.from],
    ['to', filter.to],
    ...(filter.topic ?? []).map((topic): [string, string] => ['topic', topic]),
    ['text', filter.text],
    ['dir', filter.dir]
  ]
  const query = pairs
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return `/history/export?${query}`
}
