/**
 * The virtual board: the real MicroPython interpreter running the class's programs (or Puente's
 * firmware) with an ESP32's surface. Chosen as the board with `board:select-port {serial:'virtual'}`.
 */
import * as v from 'valibot'
import type { Colour } from './board'
import { EmptySchema, type Problem } from './fields'

/** Largest file the window may write to the board's folder (a real ESP32 has ~1.5 MB of flash). */
export const MAX_BOARD_FILE_BYTES = 256 * 1024

/** A file of the board's folder: a relative path such as main.py or lib/umqtt/simple.py. */
export const BoardFilePathSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'the file needs a name'),
  v.maxLength(200, 'the file name is too long'),
  v.regex(
    /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_.\-/]+$/,
    'a file name uses letters, digits, _ . - and / between folders'
  )
)

export const VirtualSettingsSchema = v.object({
  /** The board's folder under <data dir>/boards/ ('' = Puente's firmware, bridged like USB). */
  board: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{0,40}$/, 'a board name is letters, digits, _ or -')),
    'clase'
  ),
  /** The interpreter's heap, as on a real ESP32 (100–200 KB free for Python). */
  heapKb: v.optional(v.pipe(v.number(), v.integer(), v.minValue(64), v.maxValue(4096)), 192)
})
export type VirtualSettings = v.InferOutput<typeof VirtualSettingsSchema>

export type VirtualRunState = 'stopped' | 'starting' | 'running' | 'finished' | 'error'

export interface VirtualFile {
  path: string
  bytes: number
  /** ISO time of the last change. */
  modified: string
}

/** One line the virtual board printed, or a hint Puente added after a traceback. */
export interface ConsoleLine {
  at: string
  stream: 'out' | 'err' | 'hint' | 'system'
  text: string
  /** For hints and system lines: the problem, translated by code in the window. */
  problem?: Problem
}

export interface VirtualState {
  run: VirtualRunState
  /** 'firmware': Puente's own program, bridged like a USB board; 'folder': the class's files. */
  mode: 'firmware' | 'folder'
  /** The folder that is the board's flash (shown to the teacher). */
  dir: string
  /** The LED as it shows now (PWM duties or the NeoPixel), or null when dark/unknown. */
  led: Colour | null
  /** The BOOT button is held down. */
  button: boolean
  /** How the last run ended (an exception's last line, a MemoryError in words…). */
  exit?: Problem
  files: VirtualFile[]
  since: string
}

export interface VirtualSnapshot {
  state: VirtualState
  /** The newest console lines, oldest first. */
  console: ConsoleLine[]
}

export const virtualCommands = {
  'virtual:get-state': EmptySchema,
  /** Runs boot.py then main.py (stopping a running program first). */
  'virtual:run': EmptySchema,
  /** Ctrl-C: KeyboardInterrupt, and the worker ended when the program never calls out. */
  'virtual:stop': EmptySchema,
  /** Ctrl-D: soft reset, boot.py and main.py again. */
  'virtual:reset': EmptySchema,
  'virtual:button': v.strictObject({ pressed: v.boolean() }),
  'virtual:read-file': v.strictObject({ path: BoardFilePathSchema }),
  'virtual:write-file': v.strictObject({
    path: BoardFilePathSchema,
    text: v.pipe(v.string(), v.maxLength(MAX_BOARD_FILE_BYTES, 'the file is too large (256 KB)'))
  }),
  'virtual:rename-file': v.strictObject({ from: BoardFilePathSchema, to: BoardFilePathSchema }),
  'virtual:delete-file': v.strictObject({ path: BoardFilePathSchema }),
  /** The folder as a zip (base64), to keep or share. */
  'virtual:export': EmptySchema
} as const

export interface VirtualResults {
  'virtual:get-state': VirtualSnapshot
  'virtual:run': VirtualState
  'virtual:stop': VirtualState
  'virtual:reset': VirtualState
  'virtual:button': VirtualState
  'virtual:read-file': { path: string; text: string }
  'virtual:write-file': VirtualFile[]
  'virtual:rename-file': VirtualFile[]
  'virtual:delete-file': VirtualFile[]
  'virtual:export': { filename: string; base64: string }
}

export interface VirtualEvents {
  'virtual:state': VirtualState
  /** Console lines, batched like traffic (at most ~10 pushes a second). */
  'virtual:console': { lines: ConsoleLine[]; dropped: number }
}
