import type { MicroPython } from '@micropython/micropython-webassembly-pyscript'

// Garbage collection while a program runs. The 1.27 build collects only when a call from JS
// returns to the top level (its `external_call_depth` back to 0), because it cannot scan the
// wasm C stack: a `while True` loop would otherwise grow its heap for ever (the firmware's
// idle loop makes ~16 KB of garbage a second). Every Python frame's objects live on the
// interpreter's pystack, which the collector does scan, so a collection is safe at a point
// where Python called straight into our JS (time.sleep, select.poll): there the counter is
// set to 0 for one call of gc.collect(), whose return then collects, and put back.

/**
 * Collect when the heap has grown this much since the last collection. Large on purpose: a
 * C builtin that calls back into Python (sum() over a generator that sleeps, sorted(key=…))
 * holds its partial result where the collector cannot see it, so collections stay rare —
 * enough to keep a long-running loop's garbage bounded, seldom enough that such a window is
 * unlikely to be hit.
 */
const GROWTH_BYTES = 4 * 1024 * 1024
/** How often sleeping programs look at their heap. */
const CHECK_MS = 200
/** Static data (where the counter lives) is in the first megabytes of the wasm memory. */
const SCAN_BYTES = 4 * 1024 * 1024

/** The interpreter's heap, kept from growing by garbage while a program runs. */
export class HeapKeeper {
  private lastCheck = 0
  private base = 0

  private constructor(
    private readonly memory: { buffer: ArrayBuffer },
    private readonly word: number,
    private readonly collect: () => unknown,
    private readonly used: () => number
  ) {}

  /**
   * Finds the call-depth counter: the one word that reads 0 at the top level, 1 inside a JS
   * call from Python and 2 one call deeper. Undefined (no collection while running) if it is
   * not exactly one word, as in a build that works another way.
   */
  static find(mp: MicroPython, memory: { buffer: ArrayBuffer }): HeapKeeper | undefined {
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
    const gc = mp.pyimport('gc')
    return new HeapKeeper(
      memory,
      found[0],
      gc.collect as () => unknown,
      gc.mem_alloc as () => number
    )
  }

  /** Called from a JS function Python called directly: collects if the heap grew enough. */
  maybeCollect(): void {
    const now = performance.now()
    if (now - this.lastCheck < CHECK_MS) return
    this.lastCheck = now
    if (this.used() < this.base + GROWTH_BYTES) return
    const view = new Int32Array(this.memory.buffer)
    const depth = view[this.word]
    view[this.word] = 0
    try {
      this.collect()
    } finally {
      new Int32Array(this.memory.buffer)[this.word] = depth
    }
    this.base = this.used()
  }
}
