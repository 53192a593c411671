/** The board: the serial link, the LED, the button and the firmware. */
import * as v from 'valibot'
import { EmptySchema, type Problem } from './fields'

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
/** The slowest and fastest serial speeds (bits a second) Puente accepts. */
export const MIN_BAUD = 300
export const MAX_BAUD = 4_000_000

/** The board's fields, each as a form or the command line validates it. */
export const boardFields = {
  serial: SerialSettingSchema,
  baud: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(MIN_BAUD, `the baud rate is ${MIN_BAUD}..${MAX_BAUD}`),
    v.maxValue(MAX_BAUD, `the baud rate is ${MIN_BAUD}..${MAX_BAUD}`)
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

/** The brightest value of one colour channel. */
export const MAX_COLOUR_BYTE = 255

/** One colour channel as the class sends it. */
export const ColourByteSchema = v.pipe(
  v.number(),
  v.integer('a colour value is a whole number'),
  v.minValue(0, `a colour value is 0..${MAX_COLOUR_BYTE}`),
  v.maxValue(MAX_COLOUR_BYTE, `a colour value is 0..${MAX_COLOUR_BYTE}`)
)

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
  /** Presses since Puente started: the same count in every window. */
  presses: number
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
  /** The last press (not release): its time and the press count. */
  lastPress?: BoardButton
  rejected: BoardRejected[]
  /** The firmware version Puente would install. */
  firmware: string
  progress?: FirmwareProgress
}

export const boardCommands = {
  'board:get-state': EmptySchema,
  'board:list-ports': EmptySchema,
  'board:select-port': v.strictObject({ serial: SerialSettingSchema }),
  'board:set-colour': v.strictObject({
    r: ColourByteSchema,
    g: ColourByteSchema,
    b: ColourByteSchema
  }),
  'board:install-firmware': v.strictObject({
    confirm: v.literal(true, 'the teacher must confirm before anything is written to the board')
  })
} as const

export interface BoardResults {
  'board:get-state': BoardSnapshot
  'board:list-ports': SerialPortInfo[]
  'board:select-port': BoardStatus
  'board:set-colour': Colour
  'board:install-firmware': { files: string[]; bytes: number }
}

export interface BoardEvents {
  'board:status': BoardStatus
  /** Lines are batched like traffic. */
  'board:line': { lines: BoardLine[]; dropped: number }
  'board:button': BoardButton
  'board:rejected': BoardRejected
  'firmware:progress': FirmwareProgress
}
