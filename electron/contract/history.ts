/** The traffic log read back: queries streamed in pages, exports, replay. */
import * as v from 'valibot'
import { EmptySchema, IsoTimeSchema, TopicFilterSchema, type Problem } from './fields'
import { trafficFields, type LogMessage } from './traffic'

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
  'history:replay-stop': EmptySchema,
  /**
   * The log on disk: where, how big, how many days. Given a retention rule, also what that rule
   * would delete now (the Settings tab asks before it deletes days).
   */
  'history:log-info': v.optional(
    v.strictObject({
      rule: v.optional(
        v.strictObject({
          keepDays: trafficFields.keepDays,
          maxTotalBytes: trafficFields.maxTotalBytes
        })
      )
    }),
    {}
  ),
  /** Stops the export to a file that is running; its file is not left behind. */
  'history:export-cancel': EmptySchema
} as const

/** The traffic log's folder and size, for the Settings tab. */
export interface LogInfo {
  /** The folder holding the day files (on the machine running the core). */
  dir: string
  bytes: number
  files: number
  days: number
  /** First and last day held, YYYY-MM-DD. */
  oldest?: string
  newest?: string
  /** What the rule asked about would delete now (today's files never). */
  wouldDelete?: { files: number; days: number; bytes: number }
}

/** An export into a file the teacher chose (the tray app), as it goes. */
export interface ExportProgress {
  state: 'running' | 'done' | 'cancelled' | 'failed'
  /** Where it is written. */
  path: string
  /** Messages written so far. */
  count: number
  bytesRead: number
  bytesTotal: number
  error?: Problem
}

export interface HistoryResults {
  'history:query': { queryId: string; bytesTotal: number }
  'history:page': HistoryPage
  'history:cancel': null
  'history:replay': null
  'history:replay-stop': null
  'history:log-info': LogInfo
  'history:export-cancel': null
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
  'history:export': ExportProgress
}
