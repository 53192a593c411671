import type { Colour } from '../../../contract'
import { C, GPIOS, inputWaiting, readInput, WAKE, type Wake } from './control'
import { replayEdges, type Irq, type PyCallable } from './irq'
import { Led } from './led'
import { pwmColour, type Wiring } from './wiring'

// The ESP32's surface inside the worker: the `_placa` JS module that machine.py, neopixel.py,
// select.py and _puente.py call. Every call looks at the control buffer first, so Stop and the
// button reach the program at its next call into the board: Stop as a KeyboardInterrupt
// (mp_sched_keyboard_interrupt, raised by the VM at its next branch), an edge on a pin with
// irq() or a due Timer as micropython.schedule(handler, arg), which the VM runs between two
// bytecodes, protected (an exception in a handler is printed and the program goes on).

const OUT = 3
const PULL_UP = 2
/** Longest single wait: a sleeping program still notices a Stop that failed to notify. */
const SLICE_MS = 100

interface PinState {
  mode: number
  pull: number
  out: number
  pwm?: number
}

interface Timer {
  key: number
  obj: unknown
  period: number
  periodic: boolean
  due: number
  callback: PyCallable
}

/** What the hardware needs from the worker around it. */
export interface HardwareHost {
  control: Int32Array
  input: Uint8Array
  wiring: Wiring
  id: number[]
  led(colour: Colour | null): void
  /** The interpreter's keyboard interrupt (raised at the next branch). */
  interrupt(): void
  /** micropython.schedule, once the interpreter is up. */
  schedule(): PyCallable
  /** Output waiting in the worker goes out before it blocks. */
  flush(): void
  /**
   * Collects garbage if due, only where Python called our JS directly (see heap.ts); true when
   * the live data still does not fit in the board's heap.
   */
  memoryFull(): boolean
  /** machine.reset(): the program ends and the board starts again. */
  reset(): void
}

/** The board's pins, LED, button, timers and serial input, as seen from the interpreter. */
export class Hardware {
  private readonly pins = new Map<number, PinState>()
  private readonly irqs = new Map<number, Irq>()
  private readonly timers: Timer[] = []
  readonly led: Led
  /** One Stop = one KeyboardInterrupt (a program may catch it and clean up). */
  private interrupted = false
  private scheduled = false

  constructor(private readonly host: HardwareHost) {
    this.led = new Led(host.led)
  }

  /** True when Stop was pressed (the network gives up its blocking calls then). */
  get stopping(): boolean {
    return Atomics.load(this.host.control, C.STOP) === 1
  }

  /** A network call gave up for Stop and raises its own KeyboardInterrupt: not a second one. */
  interruptedElsewhere(): boolean {
    if (!this.stopping) return false
    this.interrupted = true
    return true
  }

  /**
   * Looks at Stop, the pins' edges and the timers; schedules what is due. True when the
   * program should leave a wait (an interrupt or a handler is pending).
   */
  poll(): boolean {
    const c = this.host.control
    this.scheduled = false
    if (this.led.due) this.led.flush()
    if (!this.interrupted && Atomics.load(c, C.STOP) === 1) {
      this.interrupted = true
      this.host.interrupt()
      return true
    }
    for (const [id, irq] of this.irqs)
      replayEdges(
        irq,
        Atomics.load(c, C.EDGES + id),
        () => this.read(id),
        (h, pin) => this.call(h, pin)
      )
    if (this.timers.length) {
      const now = performance.now()
      for (const t of [...this.timers]) {
        if (t.due > now) continue
        if (t.periodic) t.due = Math.max(t.due + t.period, now)
        else this.timers.splice(this.timers.indexOf(t), 1)
        this.call(t.callback, t.obj)
      }
    }
    return this.scheduled
  }

  private call(handler: PyCallable, arg: unknown): void {
    try {
      this.host.schedule()(handler, arg)
      this.scheduled = true
    } catch {
      // the schedule queue is full: as on the chip, this edge is lost
    }
  }

  /** Waits for a change (Stop, a pin, serial input) or `ms`, whichever comes first. */
  private wait(ms: number): void {
    this.host.flush()
    const c = this.host.control
    const seq = Atomics.load(c, C.SEQ)
    Atomics.wait(c, C.SEQ, seq, Math.max(0, Math.min(ms, SLICE_MS)))
  }

  /** Milliseconds to the next timer (Infinity without timers): how long a wait may last. */
  nextTimer(): number {
    let next = Infinity
    for (const t of this.timers) next = Math.min(next, t.due - performance.now())
    return Math.max(0, next)
  }

  /** time.sleep_ms: AGAIN = come back after the pending handler or interrupt ran. */
  sleep(ms: number): Wake {
    if (this.host.memoryFull()) return WAKE.NO_MEMORY
    const end = performance.now() + Math.max(0, ms)
    for (;;) {
      if (this.poll()) return WAKE.AGAIN
      const left = end - performance.now()
      if (left <= 0) return WAKE.DONE
      this.wait(Math.min(left, this.nextTimer()))
    }
  }

  /** select.poll on sys.stdin: waits up to `ms` (-1 = for ever) for a byte (AGAIN). */
  stdinWait(ms: number): Wake {
    if (this.host.memoryFull()) return WAKE.NO_MEMORY
    const end = ms < 0 ? Infinity : performance.now() + ms
    for (;;) {
      if (inputWaiting(this.host.control)) return WAKE.AGAIN
      if (this.poll()) return WAKE.DONE
      const left = end - performance.now()
      if (left <= 0) return WAKE.DONE
      this.wait(Math.min(left, this.nextTimer()))
    }
  }

  /** sys.stdin's next byte: blocks until one arrives; Stop ends a read with a newline. */
  stdinByte(): number {
    for (;;) {
      const byte = readInput(this.host.control, this.host.input)
      if (byte >= 0) return byte
      if (this.stopping) {
        this.poll()
        return 10
      }
      this.poll()
      this.wait(this.nextTimer())
    }
  }

  /** A pin's level: the button (driven from outside), an output's value, or its pull. */
  read(id: number): number {
    if (id >= 0 && id < GPIOS) {
      const driven = Atomics.load(this.host.control, C.LEVEL + id)
      if (driven >= 0) return driven
    }
    const p = this.pins.get(id)
    if (!p) return 0
    if (p.mode === OUT) return p.out
    return p.pull === PULL_UP ? 1 : 0
  }

  private pin(id: number): PinState {
    let p = this.pins.get(id)
    if (!p) this.pins.set(id, (p = { mode: -1, pull: -1, out: 0 }))
    return p
  }

  /** A pin the RGB LED is wired to changed: the LED shows its three duties. */
  private touchLed(id: number): void {
    const { rgb, commonAnode } = this.host.wiring
    if (!rgb.includes(id)) return
    const duty = (pin: number): number => {
      const p = this.pins.get(pin)
      if (p?.pwm !== undefined) return p.pwm
      if (p?.mode === OUT) return p.out ? 65535 : 0
      return commonAnode ? 65535 : 0 // not driven: dark
    }
    this.led.set(pwmColour([duty(rgb[0]), duty(rgb[1]), duty(rgb[2])], commonAnode))
  }

  /** The `_placa` module the Python side imports. */
  module(): Record<string, unknown> {
    return {
      unique_id: (): number[] => this.host.id,
      reset: (): void => this.host.reset(),
      sleep: (ms: number): Wake => this.sleep(ms),
      stdin_wait: (ms: number): Wake => this.stdinWait(ms),
      pin_init: (id: number, mode: number, pull: number): void => {
        this.poll()
        const p = this.pin(id)
        if (mode !== -1) p.mode = mode
        if (pull !== -1) p.pull = pull
        if (mode === OUT) p.pwm = undefined
        this.touchLed(id)
      },
      pin_read: (id: number): number => {
        this.poll()
        return this.read(id)
      },
      pin_write: (id: number, v: number): void => {
        this.poll()
        const p = this.pin(id)
        p.out = v ? 1 : 0
        if (p.mode !== OUT) p.mode = OUT
        p.pwm = undefined
        this.touchLed(id)
      },
      pin_irq: (id: number, trigger: number, handler: PyCallable | null, pin: unknown): void => {
        this.poll()
        if (!handler) this.irqs.delete(id)
        else {
          const seen = Atomics.load(this.host.control, C.EDGES + id)
          this.irqs.set(id, { trigger, handler, pin, seen, level: this.read(id) })
        }
      },
      pwm_init: (id: number): void => {
        this.poll()
        const p = this.pin(id)
        p.pwm ??= 0
        this.touchLed(id)
      },
      pwm_duty: (id: number, duty: number): number => {
        this.poll()
        const p = this.pin(id)
        if (duty < 0) return p.pwm ?? 0
        p.pwm = duty
        this.touchLed(id)
        return duty
      },
      pwm_deinit: (id: number): void => {
        this.poll()
        const p = this.pin(id)
        p.pwm = undefined
        p.mode = -1
        this.touchLed(id)
      },
      neopixel: (_pin: number, r: number, g: number, b: number): void => {
        this.poll()
        const byte = (x: number): number => Math.max(0, Math.min(255, Math.round(Number(x) || 0)))
        this.led.set({ r: byte(r), g: byte(g), b: byte(b) })
        this.led.flush() // one write() is one colour
      },
      timer: (
        key: number,
        obj: unknown,
        period: number,
        periodic: boolean,
        cb: PyCallable | null
      ): void => {
        this.poll()
        const at = this.timers.findIndex((t) => t.key === key)
        if (at >= 0) this.timers.splice(at, 1)
        const due = performance.now() + period
        if (cb && period >= 0) this.timers.push({ key, obj, period, periodic, callback: cb, due })
      }
    }
  }
}
