/** The MQTT link and the embedded broker: their settings, states, commands and events. */
import * as v from 'valibot'
import {
  EmptySchema,
  MAX_PUBLISH_BYTES,
  MqttUrlSchema,
  PortSchema,
  QosSchema,
  TopicFilterSchema,
  TopicNameSchema,
  utf8Length,
  type Problem
} from './fields'

export const TopicsSchema = v.object({
  channel: v.optional(TopicNameSchema, 'clase_eoi'),
  button: v.optional(TopicNameSchema, 'clase_eoi/boton'),
  led: v.optional(TopicNameSchema, 'clase_eoi/led'),
  temperature: v.optional(TopicNameSchema, 'temperatura_eoi'),
  serial: v.optional(TopicNameSchema, 'clase_eoi/serial')
})
export type Topics = v.InferOutput<typeof TopicsSchema>

/** The longest keepalive MQTT can carry (a 16-bit count of seconds). */
export const MAX_KEEPALIVE = 65535

/** The link's fields, each as a form or the command line validates it. */
export const mqttFields = {
  /** 'embedded' means Puente's own broker on this computer. */
  url: v.union([v.literal('embedded'), MqttUrlSchema]),
  username: v.pipe(v.string(), v.maxLength(256, 'the user name is too long')),
  clientId: v.pipe(v.string(), v.maxLength(128, 'the client id is at most 128 characters')),
  keepalive: v.pipe(
    v.number(),
    v.integer('keepalive is whole seconds'),
    v.minValue(0, `keepalive is 0..${MAX_KEEPALIVE} s`),
    v.maxValue(MAX_KEEPALIVE, `keepalive is 0..${MAX_KEEPALIVE} s`)
  ),
  cleanSession: v.boolean(),
  watch: v.array(TopicFilterSchema),
  /** mqtts/wss: a PEM file with the broker's certificate authority ('' = the system's). */
  caFile: v.pipe(v.string(), v.maxLength(4096, 'the CA file path is too long'))
}

export const MqttSettingsSchema = v.object({
  url: v.optional(mqttFields.url, 'embedded'),
  username: v.optional(mqttFields.username, ''),
  /** True when a password is saved in the secret store (the password itself is not here). */
  hasPassword: v.optional(v.boolean(), false),
  clientId: v.optional(mqttFields.clientId, ''),
  keepalive: v.optional(mqttFields.keepalive, 30),
  cleanSession: v.optional(mqttFields.cleanSession, false),
  watch: v.optional(mqttFields.watch, ['clase_eoi', 'clase_eoi/#', 'temperatura_eoi']),
  recentTopics: v.optional(v.array(TopicNameSchema), []),
  caFile: v.optional(mqttFields.caFile, '')
})

export const BrokerSettingsSchema = v.object({
  port: v.optional(PortSchema, 1883),
  wsPort: v.optional(PortSchema, 9001)
})

export type MqttState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'disconnected'
export interface MqttStatus {
  state: MqttState
  /** The broker as the user would recognise it (no password). */
  url: string
  clientId: string
  /** Why it is not connected, in words, when it is not. */
  problem?: Problem
  since: string
  /** When the next connection attempt is due (ISO time), while it is offline or reconnecting. */
  nextTry?: string
}

export interface BrokerStatus {
  running: boolean
  /** 127.0.0.1 unless the class broker is open to the network. */
  host: string
  port: number
  wsPort: number
  clients: number
  problem?: Problem
}

const PublishSchema = v.pipe(
  v.strictObject({
    topic: TopicNameSchema,
    payload: v.string(),
    enc: v.optional(v.picklist(['utf8', 'base64']), 'utf8'),
    qos: v.optional(QosSchema, 0),
    retain: v.optional(v.boolean(), false)
  }),
  v.check(
    (p) =>
      (p.enc === 'base64' ? Math.floor((p.payload.length * 3) / 4) : utf8Length(p.payload)) <=
      MAX_PUBLISH_BYTES,
    `the payload is too large (at most ${MAX_PUBLISH_BYTES / 1024} KB)`
  )
)

export const mqttCommands = {
  'mqtt:connect': EmptySchema,
  'mqtt:disconnect': EmptySchema,
  'mqtt:publish': PublishSchema,
  'mqtt:subscribe': v.strictObject({ filter: TopicFilterSchema }),
  'mqtt:unsubscribe': v.strictObject({ filter: TopicFilterSchema })
} as const

export interface MqttResults {
  'mqtt:connect': null
  'mqtt:disconnect': null
  'mqtt:publish': null
  'mqtt:subscribe': string[]
  'mqtt:unsubscribe': string[]
}

export interface MqttEvents {
  'mqtt:status': MqttStatus
  'broker:status': BrokerStatus
}

/** A saved message ("snippet"): topic, payload, QoS and retain, sent again with one click. */
export const SnippetSchema = v.object({
  topic: TopicNameSchema,
  payload: v.pipe(v.string(), v.maxLength(10_000, 'a saved message is at most 10 000 characters')),
  qos: QosSchema,
  retain: v.boolean()
})
export type Snippet = v.InferOutput<typeof SnippetSchema>

/** The Publish tab's saved messages. */
export const PublishSettingsSchema = v.object({
  snippets: v.optional(
    v.pipe(v.array(SnippetSchema), v.maxLength(50, 'at most 50 saved messages')),
    []
  )
})
