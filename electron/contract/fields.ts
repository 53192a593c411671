/**
 * Field schemas shared by every domain of the contract: topics, filters, QoS, addresses, times.
 * The renderer's forms, the command line and the core validate with these, never with copies.
 */
import * as v from 'valibot'

/** Largest MQTT payload a window may publish (the broker's own default limit is far larger). */
export const MAX_PUBLISH_BYTES = 1024 * 1024
/** Largest WebSocket frame the web host accepts from a window. */
export const MAX_FRAME_BYTES = 2 * MAX_PUBLISH_BYTES

/** A topic to publish on: no wildcards, no NUL, at most 65535 characters. */
export const TopicNameSchema = v.pipe(
  v.string(),
  v.minLength(1, 'the topic is empty'),
  v.maxLength(65535, 'the topic is longer than MQTT allows'),
  v.check(
    (t) => !/[+#]/.test(t) && !t.includes('\u0000'),
    'a topic to publish on cannot contain +, # or NUL'
  )
)

/** True when an MQTT subscription filter uses + and # correctly. */
export function isValidFilter(filter: string): boolean {
  if (filter.includes('\u0000')) return false
  const levels = filter.split('/')
  return levels.every((level, i) => {
    if (level.includes('#')) return level === '#' && i === levels.length - 1
    if (level.includes('+')) return level === '+'
    return true
  })
}

/** A subscription filter: + and # each fill a whole level, # only last. */
export const TopicFilterSchema = v.pipe(
  v.string(),
  v.minLength(1, 'the topic filter is empty'),
  v.maxLength(65535, 'the topic filter is longer than MQTT allows'),
  v.check(isValidFilter, 'a wildcard must fill a whole level: + alone, # alone and last')
)

export const QosSchema = v.picklist([0, 1, 2])
export type Qos = v.InferOutput<typeof QosSchema>

export const MqttUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check(
    (u) => /^(mqtts?|wss?):\/\/[^\s/:]+(:\d{1,5})?(\/\S*)?$/.test(u),
    'the broker address must look like mqtt://host:1883 (or mqtts://, ws://, wss://)'
  )
)

/** An http(s) endpoint (Open-Meteo's, or a local fixture server in tests). */
export const HttpUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check(
    (u) => /^https?:\/\/[^\s/?#]+(\/\S*)?$/.test(u),
    'the address must start with http:// or https://'
  )
)

/** The highest TCP port number. */
export const MAX_PORT = 65535

/** A TCP port; 0 lets the system pick one. */
export const PortSchema = v.pipe(
  v.number(),
  v.integer('a port is a whole number'),
  v.minValue(0, `a port is 0..${MAX_PORT}`),
  v.maxValue(MAX_PORT, `a port is 0..${MAX_PORT}`)
)

export const IsoTimeSchema = v.pipe(v.string(), v.isoTimestamp('a time must be an ISO timestamp'))

/** Base64 as MQTT payloads are written in the log and sent by windows. */
export const Base64Schema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the payload is not valid base64')
)

/** A command that takes no input. */
export const EmptySchema = v.optional(v.strictObject({}), {})

/** A user-facing problem: a stable code the renderer translates, and an English fallback. */
export interface Problem {
  code: string
  message: string
  params?: Record<string, string | number>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Problem }

/** Bytes of a string once UTF-8 encoded (no TextEncoder: the contract must not need the DOM). */
export function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** Checks one value against a field schema: the first reason in words, or undefined when valid. */
export function fieldError(schema: v.GenericSchema, value: unknown): string | undefined {
  const r = v.safeParse(schema, value)
  return r.success ? undefined : r.issues[0].message
}
