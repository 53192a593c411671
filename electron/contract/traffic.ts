/** The traffic: the ring of recent messages, the per-topic stats and the log on disk. */
import * as v from 'valibot'
import { IsoTimeSchema, TopicFilterSchema, type Problem, type Qos } from './fields'

export const TrafficSettingsSchema = v.object({
  ringSize: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(1_000_000)),
    50_000
  ),
  logEnabled: v.optional(v.boolean(), true),
  maxFileBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024)), 64 * 1024 * 1024)
})

export type Direction = 'in' | 'out'
export type Encoding = 'utf8' | 'base64'

/** One message as the ring, the log and the windows see it. */
export interface TrafficMessage {
  /** Monotonic sequence number within this run. */
  seq: number
  /** ISO time. */
  t: string
  dir: Direction
  topic: string
  qos: Qos
  retain: boolean
  payload: string
  enc: Encoding
  /** Payload size in bytes. */
  size: number
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
  'traffic:query': TrafficQuerySchema,
  'traffic:export': v.strictObject({ from: IsoTimeSchema, to: IsoTimeSchema })
} as const

export interface TrafficResults {
  'traffic:query': TrafficMessage[]
  'traffic:export': { filename: string; count: number; jsonl: string }
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
