import type { Colour } from '../../../contract'
import type { SyscallChannel } from './syscall'
import type { Wiring } from './wiring'

// What the main thread and the interpreter's worker share. The worker spends its life inside
// one synchronous runPython() call, so it cannot read messages: everything the main thread
// tells it (Stop, the button, serial input) goes through shared memory it looks at whenever
// the program calls into the board, and its waits (sleep, stdin) wake on SEQ.

/** Int32 words of the control buffer. */
export const C = {
  /** 1 once Stop was pressed: the next call into the board raises KeyboardInterrupt. */
  STOP: 0,
  /** Bumped (and notified) on every change below: what a sleeping worker waits on. */
  SEQ: 1,
  /** Serial input ring: bytes written so far by the main thread, read so far by the worker. */
  IN_HEAD: 2,
  IN_TAIL: 3,
  /** Per GPIO: the level an outside part drives it to (the BOOT button), -1 = nothing. */
  LEVEL: 8,
  /** Per GPIO: how many times that level changed (the worker turns changes into IRQ edges). */
  EDGES: 8 + 64
} as const
export const GPIOS = 64
export const CONTROL_WORDS = C.EDGES + GPIOS
/** Serial input bytes that may wait unread (a USB CDC buffer is far smaller). */
export const INPUT_BYTES = 64 * 1024

/** What a wait (`_placa.sleep`, `_placa.stdin_wait`) answers; _puente.py and select.py know them. */
export const WAKE = {
  /** The time is up (sleep), or nothing came (stdin). */
  DONE: 0,
  /** Come back: a handler or the interrupt is pending (sleep), or a byte waits (stdin). */
  AGAIN: 1,
  /** The live data no longer fits in the heap: raise MemoryError. */
  NO_MEMORY: 2
} as const
export type Wake = (typeof WAKE)[keyof typeof WAKE]

/** What the worker is started with. */
export interface WorkerInit {
  control: SharedArrayBuffer
  input: SharedArrayBuffer
  /** Files of the board's flash, path relative to it → bytes. */
  files: Record<string, Uint8Array>
  /** Puente's Python modules (resources/virtual/lib). */
  libDir: string
  wiring: Wiring
  id: number[]
  heapKb: number
  /** The interpreter's whole memory may not grow past this (a runaway program's MemoryError). */
  memoryCapBytes: number
  net?: SyscallChannel
  /** The interpreter's WebAssembly.Module, compiled once by the main thread. */
  wasm?: unknown
}

/** What the worker tells the main thread. */
export type WorkerMessage =
  | { t: 'ready' }
  | { t: 'running' }
  /** Bytes the program wrote to stdout ('out') or stderr ('err'). */
  | { t: 'out'; stream: 'out' | 'err'; bytes: Uint8Array }
  | { t: 'led'; colour: Colour | null }
  /** The program ended: how, its traceback text, and what the hints need to know. */
  | {
      t: 'exit'
      how: 'finished' | 'error' | 'interrupted'
      traceback?: string
      attrs?: string[]
      net?: { wifi: boolean; failure?: { op: string; errno: number; target: string } }
      /** machine.reset() ended it: the board starts again. */
      reset?: boolean
    }

/** Main thread: moves what fits of `pending` into the serial input ring (the rest waits). */
export function writeInput(control: Int32Array, input: Uint8Array, pending: Buffer[]): void {
  let head = Atomics.load(control, C.IN_HEAD)
  while (pending.length) {
    const free = INPUT_BYTES - ((head - Atomics.load(control, C.IN_TAIL)) | 0)
    if (free <= 0) break
    const chunk = pending[0]
    const n = Math.min(free, chunk.length)
    for (let i = 0; i < n; i++) input[(head + i) & (INPUT_BYTES - 1)] = chunk[i]
    head = (head + n) | 0
    if (n === chunk.length) pending.shift()
    else pending[0] = chunk.subarray(n)
  }
  Atomics.store(control, C.IN_HEAD, head)
}

/** Worker: the next byte of the serial input ring, or -1 when none waits. */
export function readInput(control: Int32Array, input: Uint8Array): number {
  const tail = Atomics.load(control, C.IN_TAIL)
  if (((Atomics.load(control, C.IN_HEAD) - tail) | 0) <= 0) return -1
  const byte = input[tail & (INPUT_BYTES - 1)]
  Atomics.store(control, C.IN_TAIL, (tail + 1) | 0)
  return byte
}

/** Worker: true when serial input waits unread. */
export function inputWaiting(control: Int32Array): boolean {
  return ((Atomics.load(control, C.IN_HEAD) - Atomics.load(control, C.IN_TAIL)) | 0) > 0
}
