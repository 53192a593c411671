import { SerialPort } from 'serialport'
import { WasmBoard } from './mpy'
import { SocatPair } from './socat'

export interface SimOptions {
  /**
   * 'wasm' runs the real resources/firmware in MicroPython's WebAssembly port; 'js' mimics it
   * (fast, for the fuzz and the benchmark); 'none' is a board without MicroPython (silent).
   */
  firmware?: 'js' | 'wasm' | 'none'
  /** false: no REPL behind the 'js' firmware (skips loading MicroPython). */
  repl?: boolean
  /** Pull the plug after this many bytes have arrived in raw-REPL mode (an interrupted install). */
  unplugInRawAfter?: number
  /** Firmware files already on the board (wasm mode needs config.py, puente.py). */
  files?: Record<string, string | Buffer>
}

const BANNER =
  'MicroPython v1.27.0 on 2025-01-01; Puente simulator with ESP32\r\nType "help()" for more information.\r\n>>> '
const SIM_ID = Uint8Array.from([0x24, 0x6f, 0x28, 0xa1, 0xb2, 0xc3])
export const SIM_BOARD_ID = Buffer.from(SIM_ID).toString('hex')

/**
 * A board on one end of a socat pty pair: it says hello, presses its button on command,
 * records every line Puente writes, prints or sends garbage on command, and answers the
 * MicroPython REPL (Ctrl-C, raw REPL with Ctrl-A / Ctrl-D / Ctrl-B, soft reset) so the
 * installer can be tested. The raw REPL runs the code it receives in the real MicroPython.
 */
export class BoardSim {
  readonly pty = new SocatPair()
  /** Every line Puente wrote while the firmware ran. */
  readonly received: string[] = []
  /** Told of each line Puente writes, as it arrives (the benchmark waits on it). */
  onLine: ((line: string) => void) | undefined
  /** The colour the firmware last set on the LED. */
  led: { r: number; g: number; b: number } | undefined
  mp: WasmBoard | undefined
  private port: SerialPort | undefined
  private mode: 'run' | 'repl' | 'raw' | 'dead' = 'run'
  private partial = ''
  private raw: number[] = []
  private rawBytes = 0
  private ticker: NodeJS.Timeout | undefined
  private stepError: string | undefined
  /** Puente's firmware is running in MicroPython (wasm mode with puente.py on the flash). */
  private running = false

  private constructor(readonly opts: SimOptions) {}

  get hostPath(): string {
    return this.pty.hostPath
  }

  /** Creates the pty pair and boots the board. */
  static async start(opts: SimOptions = {}): Promise<BoardSim> {
    const sim = new BoardSim(opts)
    if (opts.firmware === 'wasm' || (opts.firmware !== 'none' && opts.repl !== false)) {
      sim.mp = await WasmBoard.load((text) => sim.write(text), SIM_ID)
      for (const [name, data] of Object.entries(opts.files ?? {})) sim.mp.writeFile(name, data)
    }
    await sim.plug()
    return sim
  }

  /** The colour lines Puente wrote, exactly. */
  get colourLines(): string[] {
    return this.received.filter((l) => /^\{"r":/.test(l))
  }

  /** Writes raw bytes as the board (a student's print, garbage…). */
  write(data: string | Buffer): void {
    this.port?.write(data)
  }

  /** A line the student's code printed. */
  print(text: string): void {
    this.write(`${text}\r\n`)
  }

  /** Presses and releases the BOOT button (through the firmware's debounce in wasm mode). */
  async press(holdMs = 80): Promise<void> {
    if (this.opts.firmware === 'wasm' && this.mp) {
      this.mp.hw.pins.set(0, 0)
      await new Promise((r) => setTimeout(r, holdMs))
      this.mp.hw.pins.set(0, 1)
      await new Promise((r) => setTimeout(r, holdMs))
    } else {
      this.write('{"button":"pressed"}\r\n')
      this.write('{"button":"released"}\r\n')
    }
  }

  /** Waits until `pred` holds (polling), or fails saying what was awaited. */
  async waitFor(pred: () => boolean, what: string, ms = 5000): Promise<void> {
    const end = Date.now() + ms
    while (!pred()) {
      if (this.stepError) throw new Error(`the firmware raised: ${this.stepError}`)
      if (Date.now() > end)
        throw new Error(
          `board simulator: timed out waiting for ${what}; received ${JSON.stringify(this.received.slice(-5))}`
        )
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  /** Pulls the USB cable: socat ends, both pty paths vanish. */
  async unplug(): Promise<void> {
    this.stopTicker()
    const port = this.port
    this.port = undefined
    await this.pty.stop()
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()))
  }

  /** Plugs it back in at the same path; the firmware boots again and says hello. */
  async plug(): Promise<void> {
    await this.pty.start()
    const port = new SerialPort({ path: this.pty.boardPath, baudRate: 115200, autoOpen: false })
    port.on('error', () => {})
    await new Promise<void>((resolve, reject) =>
      port.open((err) => (err ? reject(err) : resolve()))
    )
    port.on('data', (chunk: Buffer) => this.onData(chunk))
    this.port = port
    this.partial = ''
    this.raw = []
    this.rawBytes = 0
    this.bootFirmware()
  }

  /** Stops the board and removes the pty pair. */
  async stop(): Promise<void> {
    await this.unplug()
  }

  private bootFirmware(): void {
    this.mode = 'run'
    this.running = false
    if (this.opts.firmware === 'none') {
      this.mode = 'dead'
      return
    }
    if (this.opts.firmware === 'wasm' && this.mp && !this.mp.readFile('puente.py')) {
      // not Puente's firmware: run the student's main.py once, as a board would
      const main = this.mp.readFile('main.py')
      if (main) this.mp.exec(main.toString())
    } else if (this.opts.firmware === 'wasm' && this.mp) {
      this.mp.boot()
      this.running = true
      this.stopTicker()
      this.ticker = setInterval(() => this.step(), 5)
    } else this.hello()
  }

  private hello(): void {
    this.write(`{"hello":"puente","fw":"1.0.0","id":"${SIM_BOARD_ID}"}\r\n`)
  }

  private step(): void {
    const mp = this.mp
    if (!mp || this.mode !== 'run' || !this.running) return
    const err = mp.step()
    if (err) {
      this.stepError = err
      this.stopTicker()
    }
    if (mp.hw.led) this.led = mp.hw.led
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = undefined
  }

  private onData(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]
      if (this.mode === 'dead') continue
      if (this.mode === 'run') {
        if (byte === 0x03) {
          this.stopTicker()
          this.mode = 'repl'
          this.write(
            `Traceback (most recent call last):\r\n  File "main.py", line 6, in <module>\r\nKeyboardInterrupt: \r\n${BANNER}`
          )
          continue
        }
        this.runByte(byte)
      } else if (this.mode === 'repl') {
        if (byte === 0x01) {
          this.mode = 'raw'
          this.raw = []
          this.write('raw REPL; CTRL-B to exit\r\n>')
        } else if (byte === 0x04) {
          this.write('MPY: soft reboot\r\n')
          this.bootFirmware()
        } else if (byte === 0x03) this.write(`\r\n>>> `)
      } else this.rawByte(byte)
    }
    // let the firmware read what arrived now rather than on the next tick
    for (let n = 0; n < 64 && this.mode === 'run' && this.running && this.mp?.waiting; n++)
      this.step()
  }

  private runByte(byte: number): void {
    // record what Puente wrote, line by line
    if (byte === 10) {
      const line = this.partial.replace(/\r$/, '')
      this.partial = ''
      this.received.push(line)
      this.onLine?.(line)
      if (this.opts.firmware !== 'wasm') this.jsFirmware(line)
    } else if (this.partial.length < 1 << 16) this.partial += String.fromCharCode(byte)
    if (this.opts.firmware === 'wasm') this.mp?.feed(Buffer.from([byte]))
  }

  /** What the firmware does with a line, in JS (fast, for the fuzz and the benchmark). */
  private jsFirmware(line: string): void {
    let o: unknown
    try {
      o = JSON.parse(line)
    } catch {
      return
    }
    if (!o || typeof o !== 'object') return
    const m = o as Record<string, unknown>
    if ('hello' in m) return this.hello()
    const ok = (x: unknown): boolean =>
      Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 255
    if (ok(m.r) && ok(m.g) && ok(m.b)) {
      this.led = { r: m.r as number, g: m.g as number, b: m.b as number }
      this.write(`{"led": {"r": ${m.r}, "g": ${m.g}, "b": ${m.b}}}\r\n`)
    }
  }

  private rawByte(byte: number): void {
    this.rawBytes++
    if (this.opts.unplugInRawAfter !== undefined && this.rawBytes > this.opts.unplugInRawAfter) {
      this.mode = 'dead'
      void this.unplug()
      return
    }
    if (byte === 0x02) {
      this.mode = 'repl'
      this.write(`\r\n${BANNER}`)
    } else if (byte === 0x03) this.raw = []
    else if (byte === 0x04) {
      if (!this.raw.length) {
        this.write('OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>')
        return
      }
      const code = Buffer.from(this.raw).toString('utf8')
      this.raw = []
      const { out, err } = this.mp!.exec(code)
      this.write(`OK${out.replace(/\n/g, '\r\n')}\x04${err.replace(/\n/g, '\r\n')}\x04>`)
    } else this.raw.push(byte)
  }
}
