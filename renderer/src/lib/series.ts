/**
 * Numbers out of MQTT payloads for the live chart: a plain numeric payload (`21.5`) or a numeric
 * field of a JSON object (`temp` in `{"temp":22.5}`, `a.b` for nested ones), gathered per topic
 * into the aligned columns uPlot draws. Pure, so it is tested without a window.
 */
import type { Encoding } from '../../../electron/contract'
import { topicMatcher } from '../../../electron/shared/topic'

/** The fields of a message the chart reads. */
export interface ChartInput {
  t: string
  topic: string
  payload: string
  enc: Encoding
}

/** Columns for uPlot: x in seconds, then one column per topic (null where it sent nothing). */
export interface ChartSeries {
  topics: string[]
  data: [number[], ...(number | null)[][]]
  /** How many numbers were found (all series together). */
  points: number
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v)
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

/** The number in a payload: the whole payload when `field` is empty, else that JSON field. */
export function numberIn(payload: string, enc: Encoding, field: string): number | undefined {
  if (enc !== 'utf8') return undefined
  const f = field.trim()
  if (!f) return toNumber(payload)
  let value: unknown
  try {
    value = JSON.parse(payload)
  } catch {
    return undefined
  }
  for (const key of f.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return toNumber(value)
}

/** The numeric fields of a JSON payload (dotted paths), to offer as choices. */
export function numericFields(payload: string, enc: Encoding): string[] {
  if (enc !== 'utf8') return []
  let value: unknown
  try {
    value = JSON.parse(payload)
  } catch {
    return []
  }
  const out: string[] = []
  const walk = (v: unknown, prefix: string, depth: number): void => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || depth > 3) return
    for (const [k, x] of Object.entries(v)) {
      const path = prefix ? `${prefix}.${k}` : k
      if (toNumber(x) !== undefined && typeof x !== 'boolean') out.push(path)
      else walk(x, path, depth + 1)
    }
  }
  walk(value, '', 0)
  return out
}

/**
 * The series of every topic matching `filter` with a number at `field`, for messages at or after
 * `since` (ms), one column per topic in name order, sharing the x column.
 */
export function buildSeries(
  messages: readonly ChartInput[],
  filter: string,
  field: string,
  since = -Infinity,
  maxTopics = 8
): ChartSeries {
  const match = topicMatcher(filter.trim())
  const byTopic = new Map<string, [number, number][]>()
  for (const m of messages) {
    const ms = Date.parse(m.t)
    if (ms < since || !match(m.topic)) continue
    const n = numberIn(m.payload, m.enc, field)
    if (n === undefined) continue
    let list = byTopic.get(m.topic)
    if (!list) {
      if (byTopic.size >= maxTopics) continue
      byTopic.set(m.topic, (list = []))
    }
    list.push([ms / 1000, n])
  }
  const topics = [...byTopic.keys()].sort()
  const xs = [...new Set(topics.flatMap((t) => byTopic.get(t)!.map(([x]) => x)))].sort(
    (a, b) => a - b
  )
  const at = new Map(xs.map((x, i) => [x, i]))
  let points = 0
  const ys = topics.map((t) => {
    const col: (number | null)[] = new Array<number | null>(xs.length).fill(null)
    for (const [x, y] of byTopic.get(t)!) {
      col[at.get(x)!] = y
      points++
    }
    return col
  })
  return { topics, data: [xs, ...ys], points }
}
