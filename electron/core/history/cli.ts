import fs from 'node:fs'
import { parseArgs } from 'node:util'
import * as v from 'valibot'
import { HistoryFilterSchema, type HistoryFilter } from '../../contract'
import { defaultDataDir } from '../paths'
import type { ExportFormat } from './format'

/** What `npm run history -- …` was asked to read and write. */
export interface HistoryConfig {
  dataDir: string
  filter: HistoryFilter
  format: ExportFormat
  out?: string
}

export const HISTORY_USAGE = `usage: npm run history -- [options]
  --data-dir <dir>        Puente's data directory (default: the app's own)
  --from <ISO> --to <ISO> time range (default: all)
  --topic <filter>        MQTT filter with + and #; repeatable (default: all)
  --text <s>              payload contains s (UTF-8 payloads)
  --format jsonl|csv      default jsonl
  --out <file>            default stdout`

/** A one-line reason for a bad command line or a missing data directory (exit 2). */
export class HistoryUsageError extends Error {}

/** Parses the command line of `npm run history` (stable: scripts depend on it). */
export function parseHistoryArgs(argv: string[]): HistoryConfig {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        topic: { type: 'string', multiple: true },
        text: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' }
      }
    }))
  } catch (err) {
    throw new HistoryUsageError((err as Error).message.split('\n')[0])
  }
  if (values.help) throw new HistoryUsageError(HISTORY_USAGE)
  const format = values.format ?? 'jsonl'
  if (format !== 'jsonl' && format !== 'csv')
    throw new HistoryUsageError(`--format must be jsonl or csv, not "${format}"`)
  const raw = { from: values.from, to: values.to, topic: values.topic, text: values.text }
  const parsed = v.safeParse(HistoryFilterSchema, raw)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const flag = String(v.getDotPath(issue) ?? '').split('.')[0]
    throw new HistoryUsageError(`--${flag} "${String(issue.input)}": ${issue.message}`)
  }
  const filter = parsed.output
  if (filter.from && filter.to && Date.parse(filter.from) > Date.parse(filter.to))
    throw new HistoryUsageError('--from is later than --to')
  const dataDir = values['data-dir'] ?? defaultDataDir()
  if (!fs.statSync(dataDir, { throwIfNoEntry: false })?.isDirectory())
    throw new HistoryUsageError(`--data-dir ${dataDir} does not exist or is not a directory`)
  return { dataDir, filter, format, out: values.out }
}
