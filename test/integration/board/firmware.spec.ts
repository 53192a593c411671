import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SerialPort } from 'serialport'
import { afterEach, describe, expect, it } from 'vitest'
import { configPy, firmwareDir } from '../../../electron/core/board/firmware'
import type { Puente } from '../../../electron/core/puente'
import { defaultSettings } from '../../../electron/core/settings/store'
import { BoardSim, SIM_BOARD_ID } from '../../sim/board-sim'
import { WasmBoard } from '../../sim/mpy'
import { connected, startTestHub, until } from '../../helpers/hub'
import { missingTools } from '../../helpers/tools'

const dir = firmwareDir()
const file = (n: string): Buffer => readFileSync(path.join(dir, n))
const firmware = (config = file('config.py').toString()): Record<string, string | Buffer> => ({
  'config.py': config,
  'puente.py': file('puente.py'),
  'main.py': file('main.py')
})

describe('firmware: the Python itself', () => {
  it('compiles in MicroPython (WebAssembly port)', async () => {
    const mp = await WasmBoard.load(() => {})
    for (const name of ['main.py', 'puente.py', 'config.py'])
      expect(mp.compile(file(name).toString(), name), name).toBeUndefined()
    expect(mp.compile('def x(:\n  pass', 'broken.py')).toMatch(/SyntaxError/)
    expect(
      mp.compile(
        configPy({ ...defaultSettings().board, led: 'neopixel', commonAnode: true }),
        'config.py'
      )
    ).toBeUndefined()
  })

  it.skipIf(missingTools('python3'))('compiles in CPython too (py_compile)', () => {
    for (const name of ['main.py', 'puente.py', 'config.py'])
      execFileSync('python3', [
        '-c',
        'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")',
        path.join(dir, name)
      ])
  })
})

/** Puente's end of the simulator's pty, opened by the test: every line the board sends. */
interface HostEnd {
  lines: string[]
  close(): Promise<void>
}

async function hostEnd(sim: BoardSim): Promise<HostEnd> {
  const port = new SerialPort({ path: sim.hostPath, baudRate: 115200, autoOpen: false })
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())))
  const lines: string[] = []
  let partial = ''
  port.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts.map((l) => l.replace(/\r$/, '')))
  })
  return { lines, close: () => new Promise((r) => port.close(() => r())) }
}

const isHello = (l: string): boolean => l.startsWith('{') && JSON.parse(l).hello === 'puente'

describe.skipIf(missingTools('socat'))('firmware: its behaviour, running in the simulator', () => {
  let sim: BoardSim | undefined
  let hub: Puente | undefined
  let host: HostEnd | undefined
  afterEach(async () => {
    await host?.close()
    await hub?.stop()
    await sim?.stop()
    hub = sim = host = undefined
  })

  it('says hello with its id, sets the PWM LED from a colour line and reports it', async () => {
    sim = await BoardSim.start({ firmware: 'wasm', files: firmware() })
    const h = (host = await hostEnd(sim))
    const mp = sim.mp!
    // the hello went out at boot; ask again as Puente does
    mp.feed(Buffer.from('{"hello":"?"}\n{"r":255,"g":128,"b":0}\n'))
    await sim.waitFor(() => sim!.led?.r === 255, 'the LED')
    expect(sim.led).toEqual({ r: 255, g: 128, b: 0 })
    expect(mp.hw.pwm.get(25)).toBe(65535)
    expect(mp.hw.pwm.get(26)).toBe(Math.floor((128 * 65535) / 255))
    expect(mp.hw.pwm.get(27)).toBe(0)
    await sim.waitFor(() => h.lines.some((l) => l.includes('"led"')), 'the LED report')
    // bad colours are ignored by the firmware too: it reads lines in order, so once it has
    // answered the hello sent after them it has dealt with them, and reported no colour
    const from = h.lines.length
    mp.feed(Buffer.from('{"r":300,"g":0,"b":0}\n{"r":"1","g":0,"b":0}\nnot json\n{"hello":"?"}\n'))
    await sim.waitFor(() => h.lines.slice(from).some(isHello), 'the hello after the bad lines')
    expect(h.lines.slice(from, -1)).toEqual(['Puente: no entiendo not json'])
    expect(sim.led).toEqual({ r: 255, g: 128, b: 0 })
  })

  it('common anode inverts the duty; neopixel mode drives the pixel', async () => {
    const anode = configPy({ ...defaultSettings().board, commonAnode: true, pins: [12, 13, 14] })
    sim = await BoardSim.start({ firmware: 'wasm', files: firmware(anode) })
    sim.mp!.feed(Buffer.from('{"r":255,"g":0,"b":0}\n'))
    await sim.waitFor(() => sim!.mp!.hw.pwm.get(12) === 0, 'red on (anode: duty 0)')
    expect(sim.mp!.hw.pwm.get(13)).toBe(65535)
    await sim.stop()
    sim = await BoardSim.start({
      firmware: 'wasm',
      files: firmware(configPy({ ...defaultSettings().board, led: 'neopixel', neopixelPin: 8 }))
    })
    sim.mp!.feed(Buffer.from('{"r":1,"g":2,"b":3}\n'))
    await sim.waitFor(() => sim!.led?.b === 3, 'the NeoPixel')
    expect(sim.led).toEqual({ r: 1, g: 2, b: 3 })
  })

  it('through Puente: hello, a debounced press becomes a message, a colour reaches the LED', async () => {
    sim = await BoardSim.start({ firmware: 'wasm', files: firmware() })
    hub = await startTestHub({ board: { serial: sim.hostPath } })
    await connected(hub)
    const board = hub.services.board
    await until(
      () => board.status.boardId === SIM_BOARD_ID && board.status.firmware === '1.0.0',
      'the hello'
    )
    const presses: string[] = []
    hub.events.on('board:button', (b) => b.pressed && presses.push(JSON.stringify(b)))
    // a bounce shorter than the debounce is not a press
    sim.mp!.hw.pins.set(0, 0)
    await new Promise((r) => setTimeout(r, 8))
    sim.mp!.hw.pins.set(0, 1)
    await new Promise((r) => setTimeout(r, 150))
    await sim.press()
    await until(() => presses.length === 1, 'one press on clase_eoi/boton')
    expect(JSON.parse(presses[0])).toMatchObject({ pressed: true, board: SIM_BOARD_ID })
    await hub.invoke('board:set-colour', { r: 9, g: 99, b: 199 })
    await sim.waitFor(() => sim!.led?.b === 199, 'the LED')
    // the firmware reports the colour after every button event it sent before reading the
    // colour line, and one serial line keeps the order: no second press came before the report
    await until(() => board.status.colour?.b === 199, 'the colour reported back')
    expect(presses).toHaveLength(1)
  })
})
