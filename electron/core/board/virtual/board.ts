import { TextDecoder } from 'node:util'
import { Worker } from 'node:worker_threads'
import type { BoardSettings, Colour, Problem, VirtualRunState } from '../../../contract'
import { Emitter } from '../../util/events'
import { problem } from '../../util/problem'
import {
  C,
  CONTROL_WORDS,
  GPIOS,
  INPUT_BYTES,
  writeInput,
  type WorkerInit,
  type WorkerMessage
} from './control'
import { exitProblem, hintFor } from './hints'
import { netHandlers } from './net-host'
import { compiledInterpreter, flashFiles, virtualLibDir, workerEntry } from './paths'
import { SyscallServer } from './syscall'
import { wiringFrom, type Wiring } from './wiring'

/** How a virtual board is started: the folder (none = Puente's firmware), wiring, heap, network. */
export interface VirtualBoardOptions {
  /** The folder that is the board's flash; undefined = Puente's firmware, bridged like USB. */
  dir?: string
  /** Pins and wiring for the firmware's config.py when dir is undefined. */
  board: BoardSettings
  /** machine.unique_id() in hex (12 digits). */
  id?: string
  /** The board's heap: live data past it is a MemoryError (default 192 KB, as an ESP32). */
  heapKb?: number
  /** Host names answered by other endpoints (URL bases); the network is there without it. */
  net?: { hosts: Record<string, string> }
}

export interface VirtualBoardEvents {
  /** Each line printed (stdout, stderr, tracebacks), without its line end. */
  output: { stream: 'out' | 'err'; text: string }
  /** The raw bytes the program writes (what a USB serial line would carry). */
  serial: Buffer
  /** The LED as shown, on every change (null: dark since the start, unknown). */
  led: Colour | null
  state: { run: VirtualRunState; exit?: Problem }
  /** After a traceback: the mistake in words. */
  hint: Problem
}

/** What a Stop waits for before it ends the worker (a loop that never calls out). */
export const STOP_GRACE_MS = 1000
/** The interpreter's whole memory (wasm linear memory; ~17 MB of it is the runtime itself). */
export const MEMORY_CAP_BYTES = 64 * 1024 * 1024
const DEFAULT_ID = '240ac4a1b2c3'

interface Run {
  worker: Worker
  control: Int32Array
  server: SyscallServer
  input: Uint8Array
  wiring: Wiring
  partial: { out: string; err: string }
  decoder: { out: TextDecoder; err: TextDecoder }
  ended: boolean
  /** Resolves once the worker thread is gone. */
  gone: Promise<void>
  exited: Promise<void>
  onExit: () => void
}

/**
 * The virtual board: MicroPython (the WebAssembly build) in a worker thread with an ESP32's
 * surface (pins, PWM, NeoPixel, BOOT button, serial, network). Each start() makes a fresh
 * worker; Stop raises KeyboardInterrupt at the program's next call into the board and ends
 * the worker if it never comes.
 */
export class VirtualBoard {
  private readonly events = new Emitter<VirtualBoardEvents>()
  private run: Run | undefined
  private pressed = false
  private pending: Buffer[] = []
  private retry: NodeJS.Timeout | undefined
  private disposed = false
  private starting: Promise<void> | undefined
  private launching = 0

  constructor(private readonly opts: VirtualBoardOptions) {}

  /** Listens to one event; returns the function that stops listening. */
  on<K extends keyof VirtualBoardEvents>(
    name: K,
    listener: (payload: VirtualBoardEvents[K]) => void
  ): () => void {
    return this.events.on(name, listener)
  }

  /** True while a program runs (or is being started). */
  get running(): boolean {
    return this.run !== undefined && !this.run.ended
  }

  /** Starts the board (stopping a running program first): boot.py then main.py. */
  async start(): Promise<void> {
    if (this.disposed) throw new Error('the virtual board was disposed')
    // serial bytes written from now on are for the program about to start
    this.launching++
    try {
      await this.stop()
      this.starting = this.launch()
      await this.starting
    } finally {
      this.starting = undefined
      this.launching--
    }
  }

  private async launch(): Promise<void> {
    this.events.emit('state', { run: 'starting' })
    const files = flashFiles(this.opts.dir, this.opts.board)
    const config = files['config.py']
    const wiring = wiringFrom(config ? Buffer.from(config).toString('utf8') : undefined)
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4))
    for (let i = 0; i < GPIOS; i++) control[C.LEVEL + i] = -1
    control[C.LEVEL + wiring.button] = this.pressed ? 0 : 1
    const input = new SharedArrayBuffer(INPUT_BYTES)
    // the board always has its Wi-Fi; the options only map host names
    const net = netHandlers(this.opts.net ?? { hosts: {} })
    const server = new SyscallServer(net.handlers, net.unclaimed)
    const id = /^[0-9a-f]{12}$/i.test(this.opts.id ?? '') ? this.opts.id! : DEFAULT_ID
    const init: WorkerInit = {
      control: control.buffer as SharedArrayBuffer,
      input,
      files,
      libDir: virtualLibDir(),
      wiring,
      id: [...Buffer.from(id, 'hex')],
      heapKb: this.opts.heapKb ?? 192,
      memoryCapBytes: MEMORY_CAP_BYTES,
      net: server.channel,
      wasm: await compiledInterpreter()
    }
    const entry = workerEntry()
    const worker = new Worker(entry.file, {
      workerData: init,
      execArgv: entry.execArgv,
      transferList: [server.channel.port],
      stdout: false,
      stderr: false
    })
    let onExit = (): void => {}
    const exited = new Promise<void>((resolve) => (onExit = resolve))
    const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    const run: Run = {
      worker,
      control,
      server,
      input: new Uint8Array(input),
      wiring,
      partial: { out: '', err: '' },
      decoder: { out: new TextDecoder(), err: new TextDecoder() },
      ended: false,
      gone,
      exited,
      onExit
    }
    this.run = run
    void gone.then(() => {
      server.close()
      net.close()
      if (!run.ended) this.ended(run, 'error', problem('virtual-worker-died', 'The board stopped.'))
    })
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.t === 'running') resolve()
        this.message(run, m)
        if (m.t === 'exit') resolve()
      })
      worker.once('error', (err) => {
        this.line(run, 'err', `${err.stack ?? err.message}`)
        if (!run.ended) this.ended(run, 'error', problem('virtual-worker-died', err.message))
        reject(err)
      })
      void gone.then(() => resolve())
    })
    this.flushInput()
  }

  private message(run: Run, m: WorkerMessage): void {
    if (m.t === 'running') this.events.emit('state', { run: 'running' })
    else if (m.t === 'out') {
      this.events.emit('serial', Buffer.from(m.bytes))
      const text = run.partial[m.stream] + run.decoder[m.stream].decode(m.bytes, { stream: true })
      const lines = text.split('\n')
      run.partial[m.stream] = lines.pop() ?? ''
      for (const l of lines)
        this.events.emit('output', { stream: m.stream, text: l.replace(/\r$/, '') })
    } else if (m.t === 'led') this.events.emit('led', m.colour)
    else if (m.t === 'exit') {
      for (const stream of ['out', 'err'] as const)
        if (run.partial[stream]) this.line(run, stream, run.partial[stream])
      if (m.traceback && m.how === 'error') {
        const hint = hintFor(m.traceback, { attrs: m.attrs, net: m.net })
        if (hint) this.events.emit('hint', hint)
      }
      const state = m.how === 'interrupted' ? 'stopped' : m.how
      this.ended(run, state, exitProblem(m.how, m.traceback))
      void run.worker.terminate()
      if (m.reset && !this.disposed) void this.start().catch(() => undefined)
    }
  }

  private line(run: Run, stream: 'out' | 'err', text: string): void {
    run.partial[stream] = ''
    this.events.emit('output', { stream, text: text.replace(/\r$/, '') })
  }

  private ended(run: Run, state: VirtualRunState, exit: Problem): void {
    if (run.ended) return
    run.ended = true
    run.onExit()
    if (this.run === run) this.events.emit('state', { run: state, exit })
  }

  private notify(run: Run): void {
    Atomics.add(run.control, C.SEQ, 1)
    Atomics.notify(run.control, C.SEQ)
    run.server.nudge()
  }

  /**
   * Stop (Ctrl-C): KeyboardInterrupt at the program's next call into the board; a program that
   * does not get there within STOP_GRACE_MS has its worker ended. Resolves once it is gone.
   */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined)
    const run = this.run
    if (!run) return
    if (!run.ended) {
      Atomics.store(run.control, C.STOP, 1)
      this.notify(run)
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), STOP_GRACE_MS)
      })
      const killed = await Promise.race([run.exited.then(() => false), late])
      clearTimeout(timer)
      if (killed && !run.ended)
        this.ended(
          run,
          'stopped',
          problem(
            'virtual-exit-killed',
            'The program did not stop at Ctrl-C (a loop that never calls into the board); the board was restarted.'
          )
        )
    }
    await run.worker.terminate()
    await run.gone
    if (!this.launching) this.pending = []
  }

  /** Soft reset (Ctrl-D): the program stops and boot.py and main.py run again. */
  async reset(): Promise<void> {
    await this.start()
  }

  /** The BOOT button (pulled up: pressed reads 0). */
  button(pressed: boolean): void {
    if (pressed === this.pressed) return
    this.pressed = pressed
    const run = this.run
    if (!run || run.ended) return
    const pin = run.wiring.button
    Atomics.store(run.control, C.LEVEL + pin, pressed ? 0 : 1)
    Atomics.add(run.control, C.EDGES + pin, 1)
    this.notify(run)
  }

  /** Bytes to the program's sys.stdin (what Puente writes to a USB board). */
  writeSerial(data: Uint8Array): void {
    // while a start is under way the bytes wait for its worker; a stopped board drops them
    if (this.disposed || (!this.launching && !this.running)) return
    this.pending.push(Buffer.from(data))
    this.flushInput()
  }

  private flushInput(): void {
    const run = this.run
    if (!run || run.ended) return
    writeInput(run.control, run.input, this.pending)
    this.notify(run)
    clearTimeout(this.retry)
    if (this.pending.length) this.retry = setTimeout(() => this.flushInput(), 5)
  }

  /** Stops the program and frees the worker for good. */
  async dispose(): Promise<void> {
    this.disposed = true
    clearTimeout(this.retry)
    this.pending = []
    await this.stop()
  }
}
