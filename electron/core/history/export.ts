import type { HistoryFilter } from '../../contract'
import { BOM, CSV_HEADER, csvRow, type ExportFormat } from './format'
import { HistoryReader, type ReadProgress } from './reader'

export interface ExportOptions {
  format: ExportFormat
  /** Start a CSV with a byte-order mark, so a spreadsheet reads it as UTF-8. */
  bom?: boolean
  /** Called after each batch is handed to `out`, with the messages written so far. */
  onBatch?: (count: number, progress: Readonly<ReadProgress>) => void
  /** Stops the export at the next batch. */
  signal?: AbortSignal
}

/**
 * Writes what the log holds for `filter` to `out` as JSONL (the log's own lines) or CSV, waiting
 * whenever `out` is full and stopping when it closes, so memory stays flat. Nothing is written
 * when nothing matches. Resolves with the number of messages written.
 */
export async function exportHistory(
  dataDir: string,
  filter: HistoryFilter,
  opts: ExportOptions,
  out: NodeJS.WritableStream & { destroyed?: boolean }
): Promise<number> {
  const reader = new HistoryReader(dataDir, filter, { batch: 1000 })
  const csv = opts.format === 'csv'
  let count = 0
  for await (const batch of reader.batches()) {
    if (out.destroyed || opts.signal?.aborted) break
    let text = count === 0 && csv ? (opts.bom ? BOM : '') + CSV_HEADER : ''
    for (const e of batch) text += csv ? csvRow(e.msg) : e.line + '\n'
    count += batch.length
    if (!out.write(text)) await drained(out)
    opts.onBatch?.(count, reader.progress)
  }
  return count
}

/** Resolves when `out` can take more, or has closed (then the export stops). */
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done)
      out.off('close', done)
      out.off('error', done)
      resolve()
    }
    out.on('drain', done)
    out.on('close', done)
    out.on('error', done)
  })
}
