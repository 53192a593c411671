/**
 * The one contract between the core and its windows: every command (name -> input schema ->
 * result) and every pushed event (name -> payload). The Electron IPC, the preload, the web host
 * and the renderer all derive their types from here, and every command is validated here
 * before it reaches the core. Imports nothing from electron, Node or the DOM.
 */
import * as v from 'valibot'

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/** Largest MQTT payload a window may publish (the broker's own default limit is far larger). */
export const MAX_PUBLISH_BYTES = 1024 * 1024
/** Largest WebSocket frame the web host accepts from a window. */
export const MAX_FRAME_BYTES = 2 * MAX_PUBLISH_BYTES

const topicName = v.pipe(
  v.string(),
  v.minLength(1, 'the topic is empty'),
  v.maxLength(65535, 'the topic is longer than MQTT allows'),
  v.check(
    (t) => !/[+#]/.test(t) && !t.includes('\u0000'),
    'a topic to publish on cannot contain +, # or NUL'
  )
)
const topicFilter = v.pipe(
  v.string(),
  v.minLength(1, 'the topic filter is empty'),
  v.maxLength(65535, 'the topic filter is longer than MQTT allows'),
  v.check(isValidFilter, 'a wildcard must fill a whole level: + alone, # alone and last')
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

/** A user-facing problem: a stable code the renderer translates, and an English fallback. */
export interface Problem {
  code: string
  message: string
  params?: Record<string, string | number>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Problem }

// ---------------------------------------------------------------------------------------------
// Settings (the data directory's settings.json; secrets never live here)
// ---------------------------------------------------------------------------------------------

export const TopicsSchema = v.object({
  channel: v.optional(topicName, 'clase_eoi'),
  button: v.optional(topicName, 'clase_eoi/boton'),
  led: v.optional(topicName, 'clase_eoi/led'),
  temperature: v.optional(topicName, 'temperatura_eoi'),
  serial: v.optional(topicName, 'clase_eoi/serial')
})
export type Topics = v.InferOutput<typeof TopicsSchema>

export const MqttSettingsSchema = v.object({
  /** 'embedded' means Puente's own broker on this computer. */
  url: v.optional(v.union([v.literal('embedded'), MqttUrlSchema]), 'embedded'),
  username: v.optional(v.string(), ''),
  /** True when a password is saved in the secret store (the password itself is not here). */
  hasPassword: v.optional(v.boolean(), false),
  clientId: v.optional(v.pipe(v.string(), v.maxLength(128)), ''),
  keepalive: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)), 30),
  cleanSession: v.optional(v.boolean(), false),
  watch: v.optional(v.array(topicFilter), ['clase_eoi', 'clase_eoi/#', 'temperatura_eoi']),
  recentTopics: v.optional(v.array(topicName), []),
  /** mqtts/wss: a PEM file with the broker's certificate authority ('' = the system's; issue 6). */
  caFile: v.optional(v.pipe(v.string(), v.maxLength(4096)), '')
})

export const BrokerSettingsSchema = v.object({
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)), 1883),
  wsPort: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)), 9001)
})

// --- Board (issue 4): the USB serial link, the LED and the firmware ---------------------------

/** 'auto' finds the board by its USB ids, 'off' leaves serial ports alone, else a port path. */
export const SerialSettingSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'the serial port is auto, off or a path such as /dev/ttyUSB0'),
  v.maxLength(4096, 'the serial port path is too long')
)
const boardPin = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(0, 'a pin is 0..48'),
  v.maxValue(48, 'a pin is 0..48')
)
const boardFields = {
  serial: SerialSettingSchema,
  baud: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(300, 'the baud rate is 300..4000000'),
    v.maxValue(4_000_000, 'the baud rate is 300..4000000')
  ),
  /** How the firmware drives the LED: three PWM pins or one NeoPixel (written into config.py). */
  led: v.picklist(['pwm', 'neopixel']),
  pins: v.tuple([boardPin, boardPin, boardPin]),
  commonAnode: v.boolean(),
  neopixelPin: boardPin,
  buttonPin: boardPin
}
export const BoardSettingsSchema = v.object({
  serial: v.optional(boardFields.serial, 'auto'),
  baud: v.optional(boardFields.baud, 115200),
  led: v.optional(boardFields.led, 'pwm'),
  pins: v.optional(boardFields.pins, [25, 26, 27]),
  commonAnode: v.optional(boardFields.commonAnode, false),
  neopixelPin: v.optional(boardFields.neopixelPin, 48),
  buttonPin: v.optional(boardFields.buttonPin, 0)
})
export type BoardSettings = v.InferOutput<typeof BoardSettingsSchema>

// --- Weather (issue 5): Open-Meteo place, schedule and endpoints -----------------------------

/** An http(s) endpoint (Open-Meteo's, or a local fixture server in tests). */
export const HttpUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check(
    (u) => /^https?:\/\/[^\s/?#]+(\/\S*)?$/.test(u),
    'the address must start with http:// or https://'
  )
)
const weatherFields = {
  /** The place's name as shown (the geocoding result, or what the teacher typed). */
  place: v.pipe(v.string(), v.maxLength(200, 'the place name is too long')),
  latitude: v.nullable(
    v.pipe(
      v.number(),
      v.minValue(-90, 'latitude is -90..90'),
      v.maxValue(90, 'latitude is -90..90')
    )
  ),
  longitude: v.nullable(
    v.pipe(
      v.number(),
      v.minValue(-180, 'longitude is -180..180'),
      v.maxValue(180, 'longitude is -180..180')
    )
  ),
  /** Seconds between fetches (Open-Meteo refreshes every 15 minutes). */
  intervalSeconds: v.pipe(
    v.number(),
    v.minValue(1, 'the interval is at least 1 s'),
    v.maxValue(86_400)
  ),
  unit: v.picklist(['celsius', 'fahrenheit']),
  forecastUrl: HttpUrlSchema,
  geocodingUrl: HttpUrlSchema,
  timeoutSeconds: v.pipe(v.number(), v.minValue(0.05), v.maxValue(120)),
  /** Least seconds between two fetches asked for on the request topic (a class shares one API). */
  requestLimitSeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(86_400)),
  /** First wait after a failure; it doubles (with jitter) up to retryMaxSeconds. */
  retryMinSeconds: v.pipe(v.number(), v.minValue(0.05), v.maxValue(86_400)),
  retryMaxSeconds: v.pipe(v.number(), v.minValue(0.05), v.maxValue(86_400))
}
export const WeatherSettingsSchema = v.object({
  place: v.optional(weatherFields.place, ''),
  latitude: v.optional(weatherFields.latitude, null),
  longitude: v.optional(weatherFields.longitude, null),
  intervalSeconds: v.optional(weatherFields.intervalSeconds, 600),
  unit: v.optional(weatherFields.unit, 'celsius'),
  forecastUrl: v.optional(weatherFields.forecastUrl, 'https://api.open-meteo.com/v1/forecast'),
  geocodingUrl: v.optional(
    weatherFields.geocodingUrl,
    'https://geocoding-api.open-meteo.com/v1/search'
  ),
  timeoutSeconds: v.optional(weatherFields.timeoutSeconds, 10),
  requestLimitSeconds: v.optional(weatherFields.requestLimitSeconds, 30),
  retryMinSeconds: v.optional(weatherFields.retryMinSeconds, 30),
  retryMaxSeconds: v.optional(weatherFields.retryMaxSeconds, 3600)
})
export type WeatherSettings = v.InferOutput<typeof WeatherSettingsSchema>

// --- Classroom and profiles (issue 6): the class broker on the LAN, connection profiles -------

const classUser = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'the class user name is 1 to 64 letters, digits, _ . or -')
)
const classPassword = v.pipe(
  v.string(),
  v.minLength(6, 'the class password needs at least 6 characters'),
  v.maxLength(128, 'the class password is too long'),
  v.regex(/^[\x21-\x7e]+$/, 'the class password uses letters, digits and symbols, without spaces')
)
const classroomFields = {
  /** Open the class broker when Puente starts (the --lan flag sets it for one run). */
  openAtStart: v.boolean(),
  username: classUser,
  maxClients: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1, 'at least 1 client'),
    v.maxValue(1000, 'at most 1000 clients')
  ),
  maxMessageBytes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(64, 'at least 64 bytes'),
    v.maxValue(16 * 1024 * 1024, 'at most 16 MB')
  )
}
export const ClassroomSettingsSchema = v.object({
  openAtStart: v.optional(classroomFields.openAtStart, false),
  username: v.optional(classroomFields.username, 'clase'),
  maxClients: v.optional(classroomFields.maxClients, 60),
  maxMessageBytes: v.optional(classroomFields.maxMessageBytes, 256 * 1024)
})

const profileId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9-]{1,40}$/, 'a profile id is 1 to 40 of a-z, 0-9 and -')
)
const profileName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'give the profile a name'),
  v.maxLength(64, 'the name is too long')
)
const caFile = v.pipe(v.string(), v.maxLength(4096, 'the CA file path is too long'))
/** A saved custom profile; its password is in the secret store, never here. */
export const ProfileSchema = v.object({
  id: profileId,
  name: profileName,
  url: MqttUrlSchema,
  username: v.optional(v.pipe(v.string(), v.maxLength(256)), ''),
  hasPassword: v.optional(v.boolean(), false),
  /** mqtts/wss: a PEM file with the broker's certificate authority ('' = the system's). */
  caFile: v.optional(caFile, '')
})
export const ProfilesSettingsSchema = v.object({
  active: v.optional(profileId, 'local'),
  custom: v.optional(v.array(ProfileSchema), [])
})

export const SettingsSchema = v.object({
  version: v.optional(v.literal(1), 1),
  language: v.optional(v.picklist(['auto', 'es', 'en']), 'auto'),
  theme: v.optional(v.picklist(['auto', 'light', 'dark']), 'auto'),
  mqtt: v.optional(MqttSettingsSchema, {}),
  broker: v.optional(BrokerSettingsSchema, {}),
  topics: v.optional(TopicsSchema, {}),
  // board (issue 4)
  board: v.optional(BoardSettingsSchema, {}),
  traffic: v.optional(
    v.object({
      ringSize: v.optional(
        v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(1_000_000)),
        50_000
      ),
      logEnabled: v.optional(v.boolean(), true),
      maxFileBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024)), 64 * 1024 * 1024)
    }),
    {}
  ),
  // board (issue 4), weather (issue 5) and classroom/profiles (issue 6) add their sections here
  // weather (issue 5)
  weather: v.optional(WeatherSettingsSchema, {}),
  // classroom and profiles (issue 6)
  classroom: v.optional(ClassroomSettingsSchema, {}),
  profiles: v.optional(ProfilesSettingsSchema, {})
})
export type Settings = v.InferOutput<typeof SettingsSchema>

/** What a window may change: any subset of the settings, validated again as a whole on merge. */
export const SettingsPatchSchema = v.object({
  language: v.optional(v.picklist(['auto', 'es', 'en'])),
  theme: v.optional(v.picklist(['auto', 'light', 'dark'])),
  mqtt: v.optional(
    v.partial(
      v.object({
        url: v.union([v.literal('embedded'), MqttUrlSchema]),
        username: v.string(),
        clientId: v.pipe(v.string(), v.maxLength(128)),
        keepalive: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)),
        cleanSession: v.boolean(),
        watch: v.array(topicFilter),
        caFile: v.pipe(v.string(), v.maxLength(4096))
      })
    )
  ),
  /** A new broker password; stored in the secret store, never in settings.json. '' removes it. */
  password: v.optional(v.pipe(v.string(), v.maxLength(1024))),
  /** The embedded broker's ports (a taken port is changed here). */
  broker: v.optional(v.partial(BrokerSettingsSchema)),
  // board (issue 4)
  board: v.optional(v.partial(v.object(boardFields))),
  topics: v.optional(v.partial(TopicsSchema)),
  // weather (issue 5)
  weather: v.optional(v.partial(v.object(weatherFields))),
  // classroom and profiles (issue 6); windows change profiles through the profiles:* commands,
  // which keep their passwords in the secret store (a password field here would be dropped)
  classroom: v.optional(v.partial(v.object(classroomFields))),
  profiles: v.optional(
    v.partial(
      v.object({
        active: profileId,
        custom: v.pipe(v.array(ProfileSchema), v.maxLength(100, 'at most 100 profiles'))
      })
    )
  )
})
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>

// ---------------------------------------------------------------------------------------------
// State pushed to windows
// ---------------------------------------------------------------------------------------------

export type MqttState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'disconnected'
export interface MqttStatus {
  state: MqttState
  /** The broker as the user would recognise it (no password). */
  url: string
  clientId: string
  /** Why it is not connected, in words, when it is not. */
  problem?: Problem
  since: string
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

export interface AppSnapshot {
  version: string
  host: 'electron' | 'web'
  settings: Settings
  mqtt: MqttStatus
  broker: BrokerStatus
  topics: TopicStat[]
  /** The newest messages of the ring, oldest first. */
  messages: TrafficMessage[]
  notices: Notice[]
}

export interface Notice extends Problem {
  id: number
  level: 'info' | 'warning' | 'error'
  at: string
}

// --- Weather (issue 5) -----------------------------------------------------------------------

/** A place as the weather part knows it. */
export interface WeatherPlace {
  name: string
  latitude: number
  longitude: number
}

/** One reading from Open-Meteo's forecast API (the `current` block). */
export interface WeatherReading extends WeatherPlace {
  temperature: number
  unit: '°C' | '°F'
  /** Open-Meteo's own time of the value, ISO with the place's UTC offset. */
  time: string
  /** When Puente received it (ISO). */
  fetchedAt: string
}

/** A suggestion from Open-Meteo's geocoding API. */
export interface PlaceSuggestion extends WeatherPlace {
  id: number
  country?: string
  countryCode?: string
  admin1?: string
  timezone?: string
  population?: number
  elevation?: number
}

/** Everything the weather card shows. */
export interface WeatherState {
  /** Null until the teacher chooses a place: then nothing is fetched. */
  place: WeatherPlace | null
  reading: WeatherReading | null
  /** True when the reading shown is not fresh (the last fetch failed, or it is from a previous run). */
  stale: boolean
  reason?: Problem
  /** The last attempt (ISO), whatever its outcome. */
  lastFetch?: string
  /** When the next fetch is due (ISO); none without a place. */
  nextFetch?: string
  fetching: boolean
  /** Today's readings (local day), oldest first, for the chart. */
  today: { t: string; temperature: number; unit: '°C' | '°F' }[]
}

// --- Board (issue 4) ---------------------------------------------------------------------------

/** An LED colour as the class sends it: integers 0..255. */
export interface Colour {
  r: number
  g: number
  b: number
}
export type BoardState =
  'off' | 'searching' | 'opening' | 'connected' | 'disconnected' | 'error' | 'installing'
export interface BoardStatus {
  state: BoardState
  /** What the serial setting asks for. */
  mode: 'auto' | 'off' | 'path'
  port?: string
  /** From the board's hello (machine.unique_id in hex). */
  boardId?: string
  firmware?: string
  /** The colour the board last reported it shows. */
  colour?: Colour
  /** The colour last written to the board (re-sent after a replug). */
  sent?: Colour
  /** Why it is not connected, in words. */
  problem?: Problem
  since: string
}
export interface SerialPortInfo {
  path: string
  vendorId?: string
  productId?: string
  manufacturer?: string
  /** True when its USB ids are those of a known ESP32 dev board bridge. */
  known: boolean
}
/** One line the board printed (the student's own output). */
export interface BoardLine {
  at: string
  text: string
  /** The bytes were not UTF-8 (shown with replacement characters). */
  binary?: boolean
}
export interface BoardButton {
  pressed: boolean
  board: string
  at: string
}
/** Input Puente refused (a bad colour…), as shown in the window and sent on puente/<id>/error. */
export interface BoardRejected {
  at: string
  what: string
  topic: string
  reason: Problem
  payload: string
}
export type FirmwarePhase = 'connecting' | 'writing' | 'verifying' | 'resetting' | 'done' | 'failed'
export interface FirmwareProgress {
  phase: FirmwarePhase
  file?: string
  /** Bytes written (or verified) of `total`. */
  done: number
  total: number
  problem?: Problem
}
export interface BoardSnapshot {
  status: BoardStatus
  ports: SerialPortInfo[]
  lines: BoardLine[]
  lastPress?: BoardButton
  rejected: BoardRejected[]
  /** The firmware version Puente would install. */
  firmware: string
  progress?: FirmwareProgress
}

const colourByte = v.pipe(
  v.number(),
  v.integer('a colour value is a whole number'),
  v.minValue(0, 'a colour value is 0..255'),
  v.maxValue(255, 'a colour value is 0..255')
)

// --- Classroom and profiles (issue 6) ---------------------------------------------------------

/** One client of the embedded broker with its counters. */
export interface BrokerClientInfo {
  id: string
  address: string
  user: string
  /** Puente's own link. */
  internal: boolean
  messagesIn: number
  messagesOut: number
  bytesIn: number
  bytesOut: number
  since: string
}

/** $SYS-style totals of the embedded broker since it started. */
export interface BrokerStats {
  /** Connected clients besides Puente's own link. */
  clients: number
  maxClients: number
  maxMessageBytes: number
  messagesIn: number
  messagesOut: number
  bytesIn: number
  bytesOut: number
  /** Connections refused (wrong password, anonymous, full) and messages refused (too big). */
  refused: number
  uptime: number
}

/** What the class window shows. The class password is shown to the teacher on purpose. */
export interface ClassroomState {
  /** The embedded broker is in use (the active profile is "This computer"). */
  available: boolean
  open: boolean
  /** IPv4 addresses of this computer on its networks (non-internal). */
  addresses: string[]
  port: number
  wsPort: number
  username: string
  password: string
  /** MicroPython lines ready to paste. */
  snippet: string
  clients: BrokerClientInfo[]
  stats: BrokerStats
  problem?: Problem
}

/** A connection profile as windows see it: never a password, only whether one is saved. */
export interface ProfileView {
  id: string
  name: string
  /** 'embedded' for "This computer". */
  url: string
  username: string
  hasPassword: boolean
  caFile: string
  builtin: boolean
}

export interface ProfilesState {
  active: string
  /** The active profile's name (the tray tooltip shows it). */
  activeName: string
  profiles: ProfileView[]
}

export interface ProfileTestResult {
  ok: boolean
  url: string
  problem?: Problem
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const empty = v.optional(v.strictObject({}), {})

/** Bytes of a string once UTF-8 encoded (no TextEncoder: this file must not need the DOM). */
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

const PublishSchema = v.pipe(
  v.strictObject({
    topic: topicName,
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

const TrafficQuerySchema = v.strictObject({
  /** An MQTT filter (+, #) the topic must match. */
  topic: v.optional(topicFilter),
  /** Text the topic or payload must contain (case-insensitive). */
  text: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  /** Only messages with seq below this (paging backwards). */
  before: v.optional(v.pipe(v.number(), v.integer())),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)), 500)
})

const isoTime = v.pipe(v.string(), v.isoTimestamp('a time must be an ISO timestamp'))

/**
 * Every command: its input schema. The result type of each is in `CommandResults`.
 * Channel names are `domain:verb`.
 */
export const commands = {
  'app:get-snapshot': empty,
  'settings:update': SettingsPatchSchema,
  'mqtt:connect': empty,
  'mqtt:disconnect': empty,
  'mqtt:publish': PublishSchema,
  'mqtt:subscribe': v.strictObject({ filter: topicFilter }),
  'mqtt:unsubscribe': v.strictObject({ filter: topicFilter }),
  // board (issue 4)
  'board:get-state': empty,
  'board:list-ports': empty,
  'board:select-port': v.strictObject({ serial: SerialSettingSchema }),
  'board:set-colour': v.strictObject({ r: colourByte, g: colourByte, b: colourByte }),
  'board:install-firmware': v.strictObject({
    confirm: v.literal(true, 'the teacher must confirm before anything is written to the board')
  }),
  'traffic:query': TrafficQuerySchema,
  'traffic:export': v.strictObject({ from: isoTime, to: isoTime }),
  // board (issue 4), weather (issue 5), classroom/profiles (issue 6) add theirs here
  // weather (issue 5)
  'weather:get-state': empty,
  'weather:search-place': v.strictObject({
    name: v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, 'type a place name'),
      v.maxLength(100, 'the place name is too long')
    ),
    language: v.optional(v.picklist(['es', 'en']), 'es'),
    count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), 8)
  }),
  'weather:set-place': v.strictObject({
    name: weatherFields.place,
    latitude: v.nonNullable(weatherFields.latitude),
    longitude: v.nonNullable(weatherFields.longitude)
  }),
  'weather:refresh': empty,
  // classroom (issue 6)
  'classroom:get-state': empty,
  'classroom:open': v.strictObject({
    username: v.optional(classUser),
    password: v.optional(classPassword),
    /** Make a new class password (students must then use the new one). */
    newPassword: v.optional(v.boolean(), false)
  }),
  'classroom:close': empty,
  // profiles (issue 6)
  'profiles:get-state': empty,
  'profiles:save': v.strictObject({
    /** Absent: a new profile. */
    id: v.optional(profileId),
    name: profileName,
    url: MqttUrlSchema,
    username: v.optional(v.pipe(v.string(), v.maxLength(256)), ''),
    /** Absent keeps the saved one, '' removes it. */
    password: v.optional(v.pipe(v.string(), v.maxLength(1024))),
    caFile: v.optional(caFile, '')
  }),
  'profiles:delete': v.strictObject({ id: profileId }),
  'profiles:activate': v.strictObject({ id: profileId }),
  'profiles:test': v.strictObject({
    /** A saved profile (its saved password is used unless one is given)… */
    id: v.optional(profileId),
    /** …or the values of the form being edited. */
    url: v.optional(v.union([v.literal('embedded'), MqttUrlSchema])),
    username: v.optional(v.pipe(v.string(), v.maxLength(256))),
    password: v.optional(v.pipe(v.string(), v.maxLength(1024))),
    caFile: v.optional(caFile)
  })
} as const

export interface CommandResults {
  'app:get-snapshot': AppSnapshot
  'settings:update': Settings
  'mqtt:connect': null
  'mqtt:disconnect': null
  'mqtt:publish': null
  'mqtt:subscribe': string[]
  'mqtt:unsubscribe': string[]
  // board (issue 4)
  'board:get-state': BoardSnapshot
  'board:list-ports': SerialPortInfo[]
  'board:select-port': BoardStatus
  'board:set-colour': Colour
  'board:install-firmware': { files: string[]; bytes: number }
  'traffic:query': TrafficMessage[]
  'traffic:export': { filename: string; count: number; jsonl: string }
  // weather (issue 5)
  'weather:get-state': WeatherState
  'weather:search-place': PlaceSuggestion[]
  'weather:set-place': WeatherState
  'weather:refresh': WeatherState
  // classroom and profiles (issue 6)
  'classroom:get-state': ClassroomState
  'classroom:open': ClassroomState
  'classroom:close': ClassroomState
  'profiles:get-state': ProfilesState
  'profiles:save': ProfilesState
  'profiles:delete': ProfilesState
  'profiles:activate': ProfilesState
  'profiles:test': ProfileTestResult
}

export type CommandName = keyof typeof commands
export type CommandInput<K extends CommandName> = v.InferInput<(typeof commands)[K]>
export type CommandArgs<K extends CommandName> = v.InferOutput<(typeof commands)[K]>
export type CommandResult<K extends CommandName> = CommandResults[K]

// ---------------------------------------------------------------------------------------------
// Events (pushed; traffic is batched to at most ~10 pushes a second)
// ---------------------------------------------------------------------------------------------

export interface Events {
  'mqtt:status': MqttStatus
  'broker:status': BrokerStatus
  'settings:changed': Settings
  // board (issue 4); lines are batched like traffic
  'board:status': BoardStatus
  'board:line': { lines: BoardLine[]; dropped: number }
  'board:button': BoardButton
  'board:rejected': BoardRejected
  'firmware:progress': FirmwareProgress
  /** All messages since the previous batch (capped), and the stats of the topics they touched. */
  'traffic:batch': { messages: TrafficMessage[]; topics: TopicStat[]; dropped: number }
  notice: Notice
  // weather (issue 5)
  'weather:state': WeatherState
  // classroom and profiles (issue 6); the class state at most once a second
  'classroom:state': ClassroomState
  'profiles:state': ProfilesState
  // tray shell (issues 4/6): the Electron shell asks its own window to show a section (the tray's
  // "Class broker" entry opens the Class tab). Sent by main to its window only, never by the core,
  // so it is not in eventNames: no host forwards it (a projector must not jump to the password).
  'app:show-tab': { tab: WindowTab }
}
export type EventName = keyof Events

/** The window's sections, as the shell may ask for them (the renderer's TABS satisfy this). */
export type WindowTab =
  'messages' | 'topics' | 'publish' | 'board' | 'weather' | 'class' | 'settings'

export const eventNames: readonly EventName[] = [
  'mqtt:status',
  'broker:status',
  'settings:changed',
  'board:status',
  'board:line',
  'board:button',
  'board:rejected',
  'firmware:progress',
  'traffic:batch',
  'notice',
  // weather (issue 5)
  'weather:state',
  // classroom and profiles (issue 6)
  'classroom:state',
  'profiles:state'
]

// ---------------------------------------------------------------------------------------------
// Validation and the wire format
// ---------------------------------------------------------------------------------------------

/** True for a known command name (guards lookups with strings from a window). */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name)
}

/** Validates a command from a window; the error says which field is wrong and why. */
export function parseCommand<K extends CommandName>(
  name: K,
  input: unknown
): Result<CommandArgs<K>> {
  // valibot's object schemas accept an array (its keys are ignored): every input is an object
  if (Array.isArray(input)) {
    const reason = 'the input must be an object, not a list'
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: `${name}: ${reason}`,
        params: { command: name, field: '', reason }
      }
    }
  }
  const parsed = v.safeParse(commands[name], input ?? {})
  if (parsed.success) return { ok: true, value: parsed.output as CommandArgs<K> }
  const issue = parsed.issues[0]
  const path = v.getDotPath(issue)
  return {
    ok: false,
    error: {
      code: 'invalid-input',
      message: `${name}: ${path ? `${path}: ` : ''}${issue.message}`,
      params: { command: name, field: path ?? '', reason: issue.message }
    }
  }
}

/** A request from a window over WebSocket. */
export interface RequestFrame {
  id: number
  cmd: string
  input?: unknown
}
/** The host's answer to one request. */
export interface ResponseFrame {
  id: number
  result: Result<unknown>
}
/** A pushed event. */
export interface EventFrame<K extends EventName = EventName> {
  event: K
  payload: Events[K]
}

export const RequestFrameSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  cmd: v.pipe(v.string(), v.maxLength(64)),
  input: v.optional(v.unknown())
})

/** What the preload exposes as window.puente and what the WebSocket client implements. */
export type PuenteApi = {
  invoke<K extends CommandName>(name: K, input?: CommandInput<K>): Promise<Result<CommandResult<K>>>
  on<K extends EventName>(name: K, listener: (payload: Events[K]) => void): () => void
  host: 'electron' | 'web'
}
