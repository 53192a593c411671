/** The traffic log read back: queries streamed in pages, exports, replay. */
import * as v from 'valibot'
import { EmptySchema, IsoTimeSchema, TopicFilterSchema, type Problem } from './fields'
import type { LogMessage } from './traffic'

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
  'history:cancel': QueryIdSchema,
  /** Publishes a range of the log again, into the broker Puente is connected to now. */
  'history:replay': v.strictObject({
    filter: HistoryFilterSchema,
    /** 1: as it happened, 10: ten times faster, 0: as fast as possible. */
    speed: v.optional(v.picklist([1, 10, 0]), 1),
    /** Keep each message's retained flag (false: every replayed message is not retained). */
    keepRetain: v.optional(v.boolean(), false)
  }),
  'history:replay-stop': EmptySchema
} as const

export interface HistoryResults {
  'history:query': { queryId: string; bytesTotal: number }
  'history:page': HistoryPage
  'history:cancel': null
  'history:replay': null
  'history:replay-stop': null
}

/** Where a replay is: sent so far, and why it ended. */
export interface ReplayState {
  state: 'idle' | 'running' | 'done' | 'stopped' | 'failed'
  sent: number
  bytesRead: number
  bytesTotal: number
  error?: Problem
}

export interface HistoryEvents {
  'history:replay': ReplayState
}
