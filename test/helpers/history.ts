import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { HistoryFilter, LogMessage, TrafficMessage } from '../../electron/contract'
import { HistoryReader, type HistoryEntry } from '../../electron/core/history/reader'
import { matchesFilter } from '../../electron/shared/topic'

/** The reference: every log file read whole, every line JSON.parsed, filtered, sorted by time. */
export function plainRead(
  dataDir: string,
  f: HistoryFilter = {}
): { lines: string[]; bad: number } {
  const dir = path.join(dataDir, 'traffic')
  const rows: { t: number; line: string; day: string }[] = []
  let bad = 0
  for (const name of readdirSync(dir).sort()) {
    for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      if (!line) continue
      let m: LogMessage
      try {
        m = JSON.parse(line) as LogMessage
      } catch {
        bad++
        continue
      }
      const t = Date.parse(m.t)
      if (f.from && t < Date.parse(f.from)) continue
      if (f.to && t > Date.parse(f.to)) continue
      if (f.topic && !f.topic.some((x) => matchesFilter(x, m.topic))) continue
      if (f.text && !(m.enc === 'utf8' && m.payload.includes(f.text))) continue
      if (f.dir && m.dir !== f.dir) continue
      rows.push({ t, line, day: name.slice(0, 10) })
    }
  }
  // the log is by day; within a day, the rotated parts merge by time
  rows.sort((a, b) => (a.day === b.day ? a.t - b.t : a.day < b.day ? -1 : 1))
  return { lines: rows.map((r) => r.line), bad }
}

/** Everything the reader yields for a filter, and its final progress. */
export async function readAll(
  dataDir: string,
  f: HistoryFilter = {},
  batch = 7
): Promise<{ entries: HistoryEntry[]; batches: number; skipped: number }> {
  const reader = new HistoryReader(dataDir, f, { batch, chunkBytes: 4096 })
  const entries: HistoryEntry[] = []
  let batches = 0
  for await (const b of reader.batches()) {
    if (b.length > batch) throw new Error(`a batch of ${b.length} > ${batch}`)
    batches++
    entries.push(...b)
  }
  return { entries, batches, skipped: reader.progress.skipped }
}

let seq = 0
/** A traffic message as the recorder makes it. */
export function message(
  t: string,
  topic: string,
  payload: string | Buffer,
  dir: 'in' | 'out' = 'in'
): TrafficMessage {
  const bin = Buffer.isBuffer(payload)
  return {
    seq: ++seq,
    t,
    dir,
    topic,
    qos: 1,
    retain: false,
    payload: bin ? payload.toString('base64') : payload,
    enc: bin ? 'base64' : 'utf8',
    size: bin ? payload.length : Buffer.byteLength(payload)
  }
}
