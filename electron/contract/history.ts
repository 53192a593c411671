/** The traffic log read back: queries streamed in pages, exports, replay. */
import * as v from 'valibot'
import { IsoTimeSchema, TopicFilterSchema, type Qos } from './fields'
import type { Direction, Encoding } from './traffic'

/** One line of the log on disk, as the data directory documents it. */
export interface LogMessage {
  /** ISO time. */
  t: string
  dir: Direction
  topic: string
  qos: Qos
  retain: boolean
  payload: string
  enc: Encoding
  /** Present and true on a message Puente replayed from the log itself. */
  replay?: boolean
}

/** What a history query keeps; every field narrows it, none given means the whole log. */
export const HistoryFilterSchema = v.strictObject({
  from: v.optional(IsoTimeSchema),
  to: v.optional(IsoTimeSchema),
  /** MQTT filters (+, #); a message matching any of them is kept. */
  topic: v.optional(v.pipe(v.array(TopicFilterSchema), v.maxLength(50))),
  /** Text a UTF-8 payload must contain. */
  text: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(1000))),
  dir: v.optional(v.picklist(['in', 'out']))
})
export type HistoryFilter = v.InferOutput<typeof HistoryFilterSchema>

const QueryIdSchema = v.strictObject({
  queryId: v.pipe(v.string(), v.minLength(1), v.maxLength(64))
})

/** The next page of a query: at most ~500 messages or ~256 KB, and how far the read has got. */
export interface HistoryPage {
  messages: LogMessage[]
  /** No more pages: the query is closed. */
  done: boolean
  bytesRead: number
  bytesTotal: number
  /** Messages found so far. */
  matched: number
  /** Torn or hand-broken lines met so far. */
  skipped: number
}

/**
 * A query is pulled page by page: the window asks for the next page when it has shown the last,
 * so a slow window slows the read instead of piling pages up in memory.
 */
export const historyCommands = {
  'history:query': HistoryFilterSchema,
  'history:page': QueryIdSchema,
  'history:cancel': QueryIdSchema
} as const

export interface HistoryResults {
  'history:query': { queryId: string; bytesTotal: number }
  'history:page': HistoryPage
  'history:cancel': null
}
