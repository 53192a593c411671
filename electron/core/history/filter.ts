import type { HistoryFilter, LogMessage } from '../../contract'
import { topicMatcher } from '../../shared/topic'

/** A query turned into byte needles for the prefilter and an exact test for after parsing. */
export interface CompiledFilter {
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
