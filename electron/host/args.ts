import { parseArgs } from 'node:util'
import * as v from 'valibot'
import {
  boardFields,
  classroomFields,
  fieldError,
  MAX_BAUD,
  MAX_CLASS_PASSWORD,
  MAX_CLASS_USER,
  MAX_PORT,
  MIN_BAUD,
  MIN_CLASS_PASSWORD,
  MqttUrlSchema,
  PortSchema,
  TopicNameSchema
} from '../contract'
import type { SettingsOverrides } from '../core/hub'
import { defaultDataDir } from '../core/paths'
import { joinNegativeCoordinates, weatherFlags } from '../core/weather/flags'

/** What `npm run serve -- …` was asked to do. */
export interface ServeConfig {
  overrides: SettingsOverrides
  dataDir: string
  host: string
  httpPort: number
  /** --lan-password: the class password for this run (not saved). */
  lanPassword?: string
  /** --board-dir: the virtual board's folder ('' or absent: settings decide). */
  boardDir?: string
}

const TOPIC_FLAGS = ['button', 'led', 'temperature', 'channel', 'serial'] as const

export const USAGE = `usage: npm run serve -- [options]
  --broker <url>             mqtt://, mqtts://, ws://, wss:// (default: the embedded broker)
  --broker-port <n>          embedded broker's TCP port (default 1883)
  --broker-ws-port <n>       embedded broker's MQTT-over-WebSocket port (default 9001)
  --serial <auto|off|virtual|path>   the board's serial port (default auto); virtual: on screen
  --board-dir <dir>          the virtual board's files (default: Puente's firmware)
  --baud <n>                 default 115200
  --weather-url <url>        Open-Meteo forecast endpoint
  --geocoding-url <url>      Open-Meteo geocoding endpoint
  --place <name> | --lat <x> --lon <y>
  --weather-interval <s>     default 600
  --topic-<name> <topic>     button, led, temperature, channel, serial
  --lan                      open the embedded broker to the network (with credentials)
  --lan-user <name> --lan-password <pw>
  --data-dir <dir>           settings and traffic log
  --host <addr> --http-port <n>   web host address (default 127.0.0.1, port 4817)`

/** A one-line reason for a bad command line. */
export class UsageError extends Error {}

/** A flag's text as a number its field schema accepts; else `reason`, in words. */
function numberFlag(value: string, schema: v.GenericSchema, reason: string): number {
  const n = Number(value)
  if (!value.trim() || fieldError(schema, n)) throw new UsageError(reason)
  return n
}

function port(value: string, flag: string): number {
  return numberFlag(
    value,
    PortSchema,
    `${flag} must be a port number (0-${MAX_PORT}), not "${value}"`
  )
}

/** Parses the command line of `npm run serve` (stable: scripts depend on it). */
export function parseServeArgs(argv: string[]): ServeConfig {
  let parsed
  try {
    parsed = parseArgs({
      args: joinNegativeCoordinates(argv),
      strict: true,
      allowPositionals: false,
      options: {
        broker: { type: 'string' },
        'broker-port': { type: 'string' },
        'broker-ws-port': { type: 'string' },
        serial: { type: 'string' },
        'board-dir': { type: 'string' },
        baud: { type: 'string' },
        'weather-url': { type: 'string' },
        'geocoding-url': { type: 'string' },
        place: { type: 'string' },
        lat: { type: 'string' },
        lon: { type: 'string' },
        'weather-interval': { type: 'string' },
        ...Object.fromEntries(TOPIC_FLAGS.map((t) => [`topic-${t}`, { type: 'string' as const }])),
        lan: { type: 'boolean' },
        'lan-user': { type: 'string' },
        'lan-password': { type: 'string' },
        'data-dir': { type: 'string' },
        host: { type: 'string' },
        'http-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0])
  }
  const a = parsed.values as Record<string, string | boolean | undefined>
  if (a.help) throw new UsageError(USAGE)
  const str = (k: string): string | undefined =>
    typeof a[k] === 'string' ? (a[k] as string) : undefined
  const overrides: SettingsOverrides = {}
  const broker = str('broker')
  if (broker !== undefined) {
    const url = v.safeParse(MqttUrlSchema, broker)
    if (!url.success) throw new UsageError(`--broker: ${url.issues[0].message} (got "${broker}")`)
    overrides.mqtt = { url: url.output }
  }
  if (str('broker-port') !== undefined)
    overrides.broker = { port: port(str('broker-port')!, '--broker-port') }
  if (str('broker-ws-port') !== undefined)
    overrides.broker = {
      ...overrides.broker,
      wsPort: port(str('broker-ws-port')!, '--broker-ws-port')
    }
  const topics: Record<string, string> = {}
  for (const t of TOPIC_FLAGS) {
    const value = str(`topic-${t}`)
    if (value === undefined) continue
    if (fieldError(TopicNameSchema, value))
      throw new UsageError(`--topic-${t} must be a topic without + or #, not "${value}"`)
    topics[t] = value
  }
  if (Object.keys(topics).length) overrides.topics = topics
  // the board
  const serial = str('serial')
  const baud = str('baud')
  if (serial !== undefined || baud !== undefined) {
    if (serial !== undefined && fieldError(boardFields.serial, serial))
      throw new UsageError(
        '--serial must be auto, off, virtual or a port path such as /dev/ttyUSB0'
      )
    const b =
      baud === undefined
        ? undefined
        : numberFlag(
            baud,
            boardFields.baud,
            `--baud must be a whole number of bits a second (${MIN_BAUD}-${MAX_BAUD}), not "${baud}"`
          )
    overrides.board = {
      ...(serial !== undefined ? { serial: serial.trim() } : {}),
      ...(b !== undefined ? { baud: b } : {})
    }
  }
  // the weather
  const weather = weatherFlags(str)
  if (!weather.ok) throw new UsageError(weather.reason)
  if (Object.keys(weather.value).length) overrides.weather = weather.value
  // the class broker; its password is a secret, so not a settings override
  const lanUser = str('lan-user')
  const lanPassword = str('lan-password')
  if ((lanUser !== undefined || lanPassword !== undefined) && !a.lan)
    throw new UsageError(
      "--lan-user and --lan-password go with --lan (they are the class broker's credentials)"
    )
  if (lanUser !== undefined && fieldError(classroomFields.username, lanUser))
    throw new UsageError(
      `--lan-user must be 1 to ${MAX_CLASS_USER} letters, digits, _ . or -, not "${lanUser}"`
    )
  if (lanPassword !== undefined && fieldError(classroomFields.password, lanPassword))
    throw new UsageError(
      `--lan-password must be ${MIN_CLASS_PASSWORD} to ${MAX_CLASS_PASSWORD} letters, digits or symbols, without spaces`
    )
  if (a.lan && overrides.mqtt?.url)
    throw new UsageError("--lan opens Puente's own broker to the class: it cannot go with --broker")
  if (a.lan)
    overrides.classroom = {
      openAtStart: true,
      ...(lanUser !== undefined ? { username: lanUser.trim() } : {})
    }
  const boardDir = str('board-dir')?.trim() || undefined
  return {
    lanPassword,
    boardDir,
    overrides,
    dataDir: str('data-dir') ?? defaultDataDir(),
    host: str('host') ?? '127.0.0.1',
    httpPort: str('http-port') !== undefined ? port(str('http-port')!, '--http-port') : 4817
  }
}
