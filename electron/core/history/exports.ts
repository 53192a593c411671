import type { Events, ExportProgress, HistoryFilter } from '../../contract'
import { problem, PuenteError } from '../util/problem'
import { ExportCancelled, exportToFile } from './export-file'
import type { ExportFormat } from './format'

/** At most this many progress events a second reach the windows. */
const PROGRESS_EVERY_MS = 100

export interface ExportsContext {
  dataDir: string
  /** Resolves once the log's lines so far are on disk. */
  flushLog(): Promise<void>
  emit<K extends keyof Events>(name: K, payload: Events[K]): void
}

/** How an export into a file ended. */
export type FileExportEnd = { state: 'saved'; count: number } | { state: 'cancelled' }

/**
 * Exports into files the shell's save dialog chose, one at a time, with `history:export`
 * progress events and a cancel. The path comes from the shell, never from a window.
 */
export class HistoryExports {
  private running: AbortController | undefined

  constructor(private readonly ctx: ExportsContext) {}

  /** Writes the export to `target`; a failure is a PuenteError whose Problem names the path. */
  async toFile(
    filter: HistoryFilter,
    format: ExportFormat,
    target: string
  ): Promise<FileExportEnd> {
    if (this.running)
      throw new PuenteError(
        problem(
          'history-export-busy',
          'An export is already being saved; wait for it or cancel it.'
        )
      )
    const abort = (this.running = new AbortController())
    const state: ExportProgress = {
      state: 'running',
      path: target,
      count: 0,
      bytesRead: 0,
      bytesTotal: 0
    }
    let last = 0
    const onBatch = (count: number, p: { bytesRead: number; bytesTotal: number }): void => {
      Object.assign(state, { count, bytesRead: p.bytesRead, bytesTotal: p.bytesTotal })
      const now = Date.now()
      if (now - last < PROGRESS_EVERY_MS) return
      last = now
      this.ctx.emit('history:export', { ...state })
    }
    this.ctx.emit('history:export', { ...state })
    try {
      await this.ctx.flushLog()
      const count = await exportToFile(this.ctx.dataDir, filter, target, {
        format,
        onBatch,
        signal: abort.signal
      })
      this.ctx.emit('history:export', { ...state, state: 'done', count })
      return { state: 'saved', count }
    } catch (err) {
      if (err instanceof ExportCancelled) {
        this.ctx.emit('history:export', { ...state, state: 'cancelled' })
        return { state: 'cancelled' }
      }
      const error = err instanceof PuenteError ? err.problem : undefined
      this.ctx.emit('history:export', { ...state, state: 'failed', error })
      throw err
    } finally {
      this.running = undefined
    }
  }

  /** Stops the running export; its temporary file is removed. */
  cancel(): void {
    this.running?.abort()
  }
}
