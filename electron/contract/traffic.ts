/** The traffic: the ring of recent messages, the per-topic stats and the log on disk. */
import * as v from 'valibot'
import { TopicFilterSchema, type Problem, type Qos } from './fields'

/** Largest size cap a window may set: far beyond any classroom log (10 TB). */
const MAX_CAP_BYTES = 10_000_000_000_000

/** The most days of log a window may ask to keep (100 years). */
export const MAX_KEEP_DAYS = 36_500

/** The log's retention rules, as the Settings tab, the core and settings.json check them. */
export const trafficFields = {
  /** Days of log kept; older days go at start, daily and when this changes. 0 keeps every day. */
  keepDays: v.pipe(
    v.number(),
    v.integer('the days to keep are a whole number'),
    v.minValue(0, 'the days to keep are 0 (every day) or more'),
    v.maxValue(MAX_KEEP_DAYS, `at most ${MAX_KEEP_DAYS} days (100 years)`)
  ),
  /** Most bytes the whole log may take, oldest files going first. 0: no cap, else at least 1 MB. */
  maxTotalBytes: v.pipe(
    v.number(),
    v.integer('the size cap is a whole number of bytes'),
    v.check((n) => n === 0 || n >= 1_000_000, 'the size cap is 0 (no cap) or at least 1 MB'),
    v.maxValue(MAX_CAP_BYTES, 'the size cap is at most 10 TB')
  )
}

export const TrafficSettingsSchema = v.object({
  ringSize: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(1_000_000)),
    50_000
  ),
  logEnabled: v.optional(v.boolean(), true),
  maxFileBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024)), 64 * 1024 * 1024),
  keepDays: v.optional(trafficFields.keepDays, 30),
  maxTotalBytes: v.optional(trafficFields.maxTotalBytes, 0)
})

export type Direction = 'in' | 'out'
export type Encoding = 'utf8' | 'base64'

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

/** One message as the ring and the windows see it: a log line with its place in this run. */
export interface TrafficMessage extends Omit<LogMessage, 'replay'> {
  /** Monotonic sequence number within this run. */
  seq: number
  /** Payload size in bytes. */
  size: number
  /** Replayed from the log by Puente (or its echo from the broker), not original traffic. */
  replay?: true
}

export interface TopicStat {
  topic: string
  count: number
  /** Messages a second over the last few seconds. */
  rate: number
  lastPayload: string
  lastEnc: Encoding
  lastSeen: string
  retained: boolean
}

const TrafficQuerySchema = v.strictObject({
  /** An MQTT filter (+, #) the topic must match. */
  topic: v.optional(TopicFilterSchema),
  /** Text the topic or payload must contain (case-insensitive). */
  text: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  /** Only messages with seq below this (paging backwards). */
  before: v.optional(v.pipe(v.number(), v.integer())),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)), 500)
})

export const trafficCommands = {
  'traffic:query': TrafficQuerySchema
} as const

export interface TrafficResults {
  'traffic:query': TrafficMessage[]
}

/** Whether the log on disk is writing (the window and the tray show it when it is not). */
export interface LogState {
  /** Off in the settings: nothing is written, and that is not a fault. */
  enabled: boolean
  writing: boolean
  /** Why it stopped (the disk is full, the directory is read-only), while it is stopped. */
  problem?: Problem
  /** Bytes held in memory for the disk while it is stopped. */
  heldBytes: number
  /** Messages that could not be kept since it stopped (over the memory it may hold). */
  dropped: number
}

export interface TrafficEvents {
  /** All messages since the previous batch (capped), and the stats of the topics they touched. */
  'traffic:batch': { messages: TrafficMessage[]; topics: TopicStat[]; dropped: number }
  'traffic:log-state': LogState
}
