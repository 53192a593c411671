import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { MicroPython } from '@micropython/micropython-webassembly-pyscript'

const LIB = path.join(__dirname, 'lib')
/** Where the board's "flash" lives in the WebAssembly file system (cwd and sys.path ''). */
export const FLASH = '/flash'

/** What the simulated hardware reports back to the simulator. */
export interface Hardware {
  /** The LED colour last set through PWM (3 pins) or a NeoPixel, 0..255 each. */
  led: { r: number; g: number; b: number } | undefined
  pins: Map<number, number>
  pwm: Map<number, number>
}

/**
 * A MicroPython (the real interpreter, compiled to WebAssembly) standing in for the ESP32:
 * `machine`, `neopixel` and `select.poll` come from test/sim/lib and call back into JS here.
 * The firmware's own files run unchanged; only the outer `while True` loop is driven from JS
 * (one `placa.paso()` per tick), since a blocking loop would freeze Node's event loop.
 */
export class WasmBoard {
  readonly hw: Hardware = { led: undefined, pins: new Map(), pwm: new Map() }
  private input: number[] = []
  private out = ''
  private err = ''
  private mp!: MicroPython
  private pwmPins: number[] = []
  private anode = false

  private constructor(
    private readonly id: Uint8Array,
    private readonly write: (text: string) => void
  ) {}

  /** Loads the interpreter; `write` receives what the board prints (with \r\n line ends). */
  static async load(
    write: (text: string) => void,
    id = Uint8Array.from([0x24, 0x6f, 0x28, 0xa1, 0xb2, 0xc3])
  ): Promise<WasmBoard> {
    const b = new WasmBoard(id, write)
    const { loadMicroPython } = await import('@micropython/micropython-webassembly-pyscript')
    b.mp = await loadMicroPython({
      stdout: (s) => b.onOut(s),
      stderr: (s) => (b.err += s.endsWith('\n') ? s : `${s}\n`),
      stdin: () => (b.input.length ? b.input.shift()! : null),
      linebuffer: true
    })
    b.mp.registerJsModule('board_hw', {
      unique_id: () => Array.from(b.id),
      reset: () => undefined,
      pin_init: (id: number) => {
        if (!b.hw.pins.has(id)) b.hw.pins.set(id, 1)
      },
      pin_value: (id: number) => b.hw.pins.get(id) ?? 1,
      pin_write: (id: number, v: number) => b.hw.pins.set(id, v),
      pwm_init: (id: number) => b.pwmPins.push(id),
      pwm_duty: (id: number, d: number) => {
        if (d < 0) return b.hw.pwm.get(id) ?? 0
        b.hw.pwm.set(id, d)
        b.updateLed()
        return d
      },
      neopixel: (_pin: number, r: number, g: number, bl: number) => (b.hw.led = { r, g, b: bl }),
      stdin_waiting: () => b.input.length > 0
    })
    b.mp.FS.mkdir('/lib')
    for (const f of ['machine.py', 'neopixel.py', 'sim_select.py'])
      b.mp.FS.writeFile(`/lib/${f}`, readFileSync(path.join(LIB, f)))
    b.mp.FS.mkdir(FLASH)
    b.mp.runPython(`import os, sys\nos.chdir('${FLASH}')`)
    return b
  }

  private onOut(s: string): void {
    // linebuffer: one call per printed line, without its newline
    if (this.capturing) this.out += `${s}\n`
    else this.write(`${s}\r\n`)
  }

  private capturing = false

  private updateLed(): void {
    const [r, g, b] = this.pwmPins.slice(-3).map((p) => this.hw.pwm.get(p) ?? 0)
    const scale = (d: number): number => Math.round(((this.anode ? 65535 - d : d) * 255) / 65535)
    this.hw.led = { r: scale(r), g: scale(g), b: scale(b) }
  }

  /** True while bytes wait unread on the board's serial input. */
  get waiting(): boolean {
    return this.input.length > 0
  }

  /** Bytes arriving on the board's USB serial (read by the firmware through sys.stdin). */
  feed(bytes: Buffer): void {
    for (const x of bytes) this.input.push(x)
  }

  /** The board's flash: write a file (what a board with the firmware already has). */
  writeFile(name: string, data: string | Buffer): void {
    this.mp.FS.writeFile(`${FLASH}/${name}`, data)
  }

  /** The board's flash: a file's bytes, or undefined. */
  readFile(name: string): Buffer | undefined {
    try {
      return Buffer.from(this.mp.FS.readFile(`${FLASH}/${name}`))
    } catch {
      return undefined
    }
  }

  /** Runs code as the raw REPL does: its output and its error text (a traceback) apart. */
  exec(code: string): { out: string; err: string } {
    this.out = ''
    this.err = ''
    this.capturing = true
    try {
      this.mp.runPython(code)
    } catch (e) {
      this.err += `${(e as Error).message}\n`
    } finally {
      this.capturing = false
    }
    return { out: this.out, err: this.err }
  }

  /** Boots the firmware in the flash (config.py, puente.py): what main.py would do, minus the loop. */
  boot(): void {
    this.input = []
    const { err } = this.exec(
      [
        'import sys',
        "for m in ('puente', 'config', 'select'):",
        '    sys.modules.pop(m, None)',
        "sys.modules['select'] = __import__('sim_select')",
        'import config, puente',
        'placa = puente.Placa()'
      ].join('\n')
    )
    this.anode = /ANODO_COMUN\s*=\s*True/.test(this.readFile('config.py')?.toString() ?? '')
    if (err) throw new Error(`the firmware did not start:\n${err}`)
    // what it printed while starting (the hello) went to `out` while capturing
    for (const line of this.out.split('\n').filter(Boolean)) this.write(`${line}\r\n`)
  }

  /** One turn of the firmware's loop; returns the error text if it raised. */
  step(): string | undefined {
    try {
      this.mp.runPython('placa.paso()')
      return undefined
    } catch (e) {
      return (e as Error).message
    }
  }

  /** Compiles Python source with MicroPython's own compiler; the SyntaxError text or undefined. */
  compile(source: string, name: string): string | undefined {
    this.mp.FS.writeFile('/tmp_src.py', source)
    const { err } = this.exec(`compile(open('/tmp_src.py').read(), '${name}', 'exec')`)
    return err || undefined
  }
}
