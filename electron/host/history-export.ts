import type http from 'node:http'
import * as v from 'valibot'
import { HistoryFilterSchema } from '../contract'
import { exportHistory } from '../core/history/export'

/** Where the web host serves a history export as a download. */
export const EXPORT_PATH = '/history/export'

/** What the export needs from the hub: where the log is and a way to write out its tail. */
export interface ExportSource {
  dataDir: string
  flushLog(): Promise<void>
}

/**
 * Streams an export as a download: `?format=csv|jsonl&from=&to=&topic=…&text=&dir=`. The response
 * is written as the log is read and waits when the browser is slow, so memory stays flat.
 */
export async function serveHistoryExport(
  src: ExportSource,
  req: http.IncomingMessage,
  res: http.ServerResponse
): Promise<void> {
  const q = new URL(req.url ?? '/', 'http://x').searchParams
  const format = q.get('format') ?? 'csv'
  const raw = {
    from: q.get('from') ?? undefined,
    to: q.get('to') ?? undefined,
    topic: q.getAll('topic').length ? q.getAll('topic') : undefined,
    text: q.get('text') || undefined,
    dir: q.get('dir') || undefined
  }
  const parsed = v.safeParse(HistoryFilterSchema, raw)
  if ((format !== 'csv' && format !== 'jsonl') || !parsed.success) {
    const reason = parsed.success
      ? 'format must be csv or jsonl'
      : `${v.getDotPath(parsed.issues[0]) ?? ''}: ${parsed.issues[0].message}`
    res
      .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(`Bad export request: ${reason}\n`)
    return
  }
  const f = parsed.output
  const name = `puente-${(f.from ?? 'inicio').slice(0, 10)}-${(f.to ?? 'fin').slice(0, 10)}.${format}`
  res.writeHead(200, {
    'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  })
  await src.flushLog()
  try {
    await exportHistory(src.dataDir, f, { format, bom: true }, res)
    res.end()
  } catch (err) {
    // headers are gone: cutting the download is the only way to say it failed
    res.destroy(err as Error)
  }
}
