import type { MicroPython } from '@micropython/micropython-webassembly-pyscript'
import { learnSafeFrames } from './heap-frames'

// The board's heap: collected while a program runs, and capped at the size of an ESP32's.
// The 1.27 build collects only when a call from JS returns to the top level (its
// `external_call_depth` back to 0), because it cannot scan the wasm C stack, and it never runs
// out: when its heap is full it mallocs another area (MICROPY_GC_SPLIT_HEAP_AUTO, up to a
// hard-coded 128 MB). So the board does both itself. Every Python frame's objects live on the
// interpreter's pystack, which the collector does scan, so a collection is safe at a point
// where Python called straight into our JS (time.sleep, select.poll, a socket read): there the
// counter is set to 0 for one call of gc.collect(), whose return then collects, and put back.
// The cap is checked at those same points: when what is allocated passed it, collect; if the
// live data still does not fit, the program gets a MemoryError there (raised by the Python
// side, which sees the call's answer). A C builtin that calls back into Python which then
// waits (list() or sum() over a generator that sleeps) holds its partial result where the
// collector cannot see it: there the board does not collect (heap-frames.ts) and decides
// nothing about the cap until a later call.

/**
 * How often the heap is looked at, at most. Measuring it walks the whole allocation table
 * (~90 µs for 192 KB), so a program that sleeps 1 ms at a time pays it only every 50 ms; a
 * program that allocates fast may go this long past the cap before its MemoryError.
 */
const CHECK_MS = 50
/** Static data (where the counter lives) is in the first megabytes of the wasm memory. */
const SCAN_BYTES = 4 * 1024 * 1024

/** The interpreter's heap: collected at safe points, its live data held to `cap` bytes. */
export class HeapKeeper {
  private lastCheck = -Infinity
  /** Bytes in use at the last check, for the MemoryError's message. */
  private inUse = 0

  private constructor(
    private readonly memory: { buffer: ArrayBuffer },
    private readonly word: number,
    private readonly gcCollect: () => unknown,
    private readonly used: () => number,
    private readonly safe: () => boolean,
    readonly cap: number
  ) {}

  /**
   * Finds the call-depth counter: the one word that reads 0 at the top level, 1 inside a JS
   * call from Python and 2 one call deeper, and learns where collecting is safe. Undefined (no
   * collection while running, no cap but the wasm memory's) if the counter is not exactly one
   * word or the stack shows no wasm frames, as in a build or engine that works another way.
   */
  static find(
    mp: MicroPython,
    memory: { buffer: ArrayBuffer },
    cap: number
  ): HeapKeeper | undefined {
    const words = Math.min(SCAN_BYTES, memory.buffer.byteLength) >> 2
    const live = (): Int32Array => new Int32Array(memory.buffer, 0, words)
    const top = live().slice()
    let found: number[] = []
    mp.registerJsModule('_sonda', {
      fuera: (inner: () => void) => {
        const now = live()
        for (let i = 0; i < words; i++) if (top[i] === 0 && now[i] === 1) found.push(i)
        inner()
      },
      dentro: () => {
        const now = live()
        found = found.filter((i) => now[i] === 2)
      }
    })
    mp.runPython('import _sonda\n_sonda.fuera(lambda: _sonda.dentro())\ndel _sonda')
    const after = live()
    found = found.filter((i) => after[i] === 0)
    if (found.length !== 1) return undefined
    const safe = learnSafeFrames(mp)
    if (!safe) return undefined
    const gc = mp.pyimport('gc')
    return new HeapKeeper(
      memory,
      found[0],
      gc.collect as () => unknown,
      gc.mem_alloc as () => number,
      safe,
      cap
    )
  }

  /**
   * Collects now, if nothing on the stack holds objects the collector cannot see; false when
   * it did not. Only from a JS function Python called directly.
   */
  collect(): boolean {
    if (!this.safe()) return false
    const view = new Int32Array(this.memory.buffer)
    const depth = view[this.word]
    view[this.word] = 0
    try {
      this.gcCollect()
    } finally {
      new Int32Array(this.memory.buffer)[this.word] = depth
    }
    return true
  }

  /** Bytes allocated, collected first if they passed the cap (gc.mem_alloc as a chip tells it). */
  allocated(): number {
    const n = this.used()
    return n > this.cap && this.collect() ? this.used() : n
  }

  /**
   * At a safe point, every CHECK_MS at most: true when the live data does not fit in the cap
   * even after a collection (the program's MemoryError is due). Where collecting is not safe
   * it is not known, and the check waits for the next call.
   */
  full(): boolean {
    const now = performance.now()
    if (now - this.lastCheck < CHECK_MS) return false
    this.lastCheck = now
    if (this.used() <= this.cap || !this.collect()) return false
    this.inUse = this.used()
    return this.inUse > this.cap
  }

  /** The MemoryError's text, as MicroPython words a failed allocation. */
  message(): string {
    const kb = (n: number): number => Math.ceil(n / 1024)
    return `memory allocation failed, heap is full (${kb(this.inUse)} KB in use of ${kb(this.cap)} KB)`
  }
}

/**
 * The `_memoria` JS module behind the board's gc (resources/virtual/lib/_gc.py): gc.collect()
 * that really collects and gc.mem_alloc()/mem_free() against the board's heap. Without a
 * keeper (a build where the counter was not found) it falls back to the interpreter's own gc.
 */
export function memoryModule(
  mp: MicroPython,
  keeper: HeapKeeper | undefined,
  cap: number
): Record<string, unknown> {
  const gc = mp.pyimport('gc')
  return {
    HEAP: cap,
    collect: (): unknown => (keeper ? keeper.collect() : (gc.collect as () => unknown)()),
    mem_alloc: (): number => (keeper ? keeper.allocated() : (gc.mem_alloc as () => number)()),
    mensaje: (): string =>
      keeper?.message() ?? `memory allocation failed, heap is full (${cap >> 10} KB)`
  }
}
