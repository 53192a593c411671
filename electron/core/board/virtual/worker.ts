import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import type { MicroPython, PythonError } from '@micropython/micropython-webassembly-pyscript'
import type { Colour } from '../../../contract'
import { C, type WorkerInit, type WorkerMessage } from './control'
import { Hardware } from './hardware'
import { HeapKeeper, memoryModule } from './heap'
import { installNet, type NetControl } from './net-worker'
import { syscallClient } from './syscall'

// The virtual board's interpreter thread: MicroPython (WebAssembly) with an ESP32's surface.
// It runs boot.py then main.py inside one runPython() call and reports what happens through
// postMessage; the main thread reaches it only through the shared control buffer.

const init = workerData as WorkerInit
const port = parentPort!
const control = new Int32Array(init.control)
const send = (m: WorkerMessage): void => port.postMessage(m)
const FLASH = '/flash'
const LIB = '/lib'

/**
 * The 1.27 build grows its heap on demand and collects garbage only between top-level calls;
 * the board's heap size is held at the program's calls into the board (heap.ts). A program
 * that allocates without ever calling out is stopped here: the whole wasm memory is capped,
 * so the interpreter's own MemoryError comes when it cannot grow its heap any more.
 */
function capMemory(
  cap: number,
  compiled: unknown,
  found: (memory: { buffer: ArrayBuffer }) => void
): void {
  type Imports = { env?: Record<string, unknown> } | undefined
  type Made = { instance: { exports: Record<string, unknown> } }
  type Instantiate = (what: unknown, imports: Imports) => Promise<unknown>
  const wasm = (globalThis as unknown as { WebAssembly: { instantiate: Instantiate } }).WebAssembly
  const instantiate = wasm.instantiate.bind(wasm)
  wasm.instantiate = (bytes, imports) => {
    const env = imports?.env
    const grow = env?.emscripten_resize_heap as ((size: number) => number) | undefined
    if (!env || !grow) return instantiate(bytes, imports)
    env.emscripten_resize_heap = (size: number): number => (size >>> 0 > cap ? 0 : grow(size))
    // the main thread compiled the module once for every worker
    const made = compiled
      ? instantiate(compiled, imports).then((instance) => ({ instance, module: compiled }))
      : instantiate(bytes, imports)
    return made.then((r) => {
      found((r as Made).instance.exports.memory as { buffer: ArrayBuffer })
      return r
    })
  }
}

/** Output bytes, sent a line at a time (and before the worker blocks). */
class Output {
  private bytes: number[] = []
  private stream: 'out' | 'err' = 'out'

  constructor(private readonly before: () => void) {}

  write(stream: 'out' | 'err', b: Uint8Array): void {
    if (stream !== this.stream) this.flush()
    this.stream = stream
    for (const x of b) this.bytes.push(x)
    if (b.includes(10) || this.bytes.length >= 4096) this.flush()
  }

  flush(): void {
    this.before()
    if (!this.bytes.length) return
    send({ t: 'out', stream: this.stream, bytes: Uint8Array.from(this.bytes) })
    this.bytes = []
  }
}

function copyInto(mp: MicroPython, from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = path.join(from, name)
    if (name === '__pycache__') continue
    if (statSync(src).isDirectory()) {
      mkdirs(mp, `${to}/${name}`)
      copyInto(mp, src, `${to}/${name}`)
    } else mp.FS.writeFile(`${to}/${name}`, readFileSync(src))
  }
}

function mkdirs(mp: MicroPython, dir: string): void {
  let at = ''
  for (const part of dir.split('/').filter(Boolean)) {
    at += `/${part}`
    try {
      mp.FS.mkdir(at)
    } catch {
      // already there
    }
  }
}

async function main(): Promise<void> {
  let memory: { buffer: ArrayBuffer } | undefined
  capMemory(init.memoryCapBytes, init.wasm, (m) => (memory = m))
  let heap: HeapKeeper | undefined
  // the LED goes out before what the program prints next (the firmware's {"led":…} line)
  const output = new Output(() => hw.led.flush())
  let mp: MicroPython | undefined
  let schedule: ((...args: unknown[]) => unknown) | undefined
  let resetAsked = false
  const hw = new Hardware({
    control,
    input: new Uint8Array(init.input),
    wiring: init.wiring,
    id: init.id,
    led: (colour: Colour | null) => send({ t: 'led', colour }),
    interrupt: () => mp?._module._mp_sched_keyboard_interrupt(),
    schedule: () => (schedule ??= mp!.pyimport('micropython').schedule as typeof schedule)!,
    flush: () => output.flush(),
    memoryFull: () => heap?.full() ?? false,
    reset: () => {
      resetAsked = true
    }
  })
  const { loadMicroPython } = await import('@micropython/micropython-webassembly-pyscript')
  mp = await loadMicroPython({
    heapsize: init.heapKb * 1024,
    linebuffer: false,
    stdout: (b) => {
      if (hw.stopping) hw.poll()
      output.write('out', b)
    },
    stderr: (b) => output.write('err', b),
    stdin: () => hw.stdinByte()
  })
  mkdirs(mp, LIB)
  copyInto(mp, init.libDir, LIB)
  mkdirs(mp, FLASH)
  for (const [name, data] of Object.entries(init.files)) {
    mkdirs(mp, path.posix.dirname(`${FLASH}/${name}`))
    mp.FS.writeFile(`${FLASH}/${name}`, data)
  }
  const cap = init.heapKb * 1024
  if (memory) heap = HeapKeeper.find(mp, memory, cap)
  mp.registerJsModule('_memoria', memoryModule(mp, heap, cap))
  mp.registerJsModule('_placa', hw.module())
  let net: NetControl | undefined
  if (init.net) {
    const hooks = {
      // every network call asks this first: what the program showed goes out before it blocks
      interrupted: (): boolean => {
        output.flush()
        return hw.interruptedElsewhere()
      },
      // a read that waits gives way to a pin's irq handler or a Timer, as on the chip
      pending: (): boolean => hw.poll(),
      due: (): number => hw.nextTimer(),
      memoryFull: (): boolean => heap?.full() ?? false
    }
    net = installNet(mp, syscallClient(init.net, hooks), hooks)
  }
  mp.runPython(
    [
      'import sys, os',
      `sys.path[:] = ['', '${FLASH}/lib', '${LIB}', '.frozen']`,
      `os.chdir('${FLASH}')`,
      'import _puente'
    ].join('\n')
  )
  send({ t: 'running' })

  let how: 'finished' | 'error' | 'interrupted' = 'finished'
  let traceback: string | undefined
  let type = ''
  for (const file of ['boot.py', 'main.py']) {
    if (!init.files[file] || Atomics.load(control, C.STOP) === 1) continue
    try {
      mp.runPython(`execfile('${file}')`)
    } catch (e) {
      const err = e as PythonError
      if (err.name !== 'PythonError') throw e
      type = err.type
      if (type === 'SystemExit') break
      how = type === 'KeyboardInterrupt' ? 'interrupted' : 'error'
      // the runner's frame and time.sleep's are not the program's (sleep is C on a chip)
      traceback = err.message
        .replace(/^ {2}File "<stdin>", line \d+, in <module>\n/m, '')
        .replace(/^ {2}File "\/lib\/_puente\.py", line \d+, in \w+\n/gm, '')
      output.write('err', new TextEncoder().encode(traceback))
      break
    }
  }
  if (Atomics.load(control, C.STOP) === 1 && how === 'finished') how = 'interrupted'
  output.flush()
  let attrs: string[] | undefined
  const missing = /'(\w+)' object has no attribute '\w+'/.exec(traceback ?? '')
  if (type === 'AttributeError' && missing) {
    try {
      const names = mp.pyimport('_puente').atributos as (n: string) => string
      attrs = names(missing[1]).split(',').filter(Boolean)
    } catch {
      attrs = undefined
    }
  }
  const failure = net?.lastFailure()
  send({
    t: 'exit',
    how: resetAsked ? 'finished' : how,
    traceback,
    attrs,
    net: net && { wifi: net.wifi(), failure },
    reset: resetAsked
  })
}

main().catch((err: unknown) => {
  send({
    t: 'exit',
    how: 'error',
    traceback: `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`
  })
})
