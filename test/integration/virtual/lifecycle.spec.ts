import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startedBoards } from '../../helpers/started-boards'

// Run, Stop, reset and the end of a program, with the real interpreter in its worker.

const started = startedBoards()

/** Threads of this process (a worker that is gone leaves none behind). */
function threads(): number {
  return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1])
}

describe('virtual board lifecycle', () => {
  it('Stop raises KeyboardInterrupt in a loop that sleeps, well before the worker would be ended', async () => {
    const b = await started({
      'main.py':
        'import time\nn = 0\nwhile True:\n    n += 1\n    if n == 3:\n        print("vuelta")\n    time.sleep_ms(20)\n'
    })
    await b.line('vuelta')
    await b.board.stop()
    expect(b.out.some((l) => l.includes('KeyboardInterrupt'))).toBe(true)
    // as on a chip: the program's own line, not the sleep inside Puente's time module
    expect(b.lines.filter((l) => l.stream === 'err').map((l) => l.text)).toEqual([
      'Traceback (most recent call last):',
      '  File "main.py", line 7, in <module>',
      'KeyboardInterrupt: '
    ])
    // the program stopped by itself: a worker ended at the grace period says virtual-exit-killed
    expect(b.states.at(-1)).toMatchObject({
      run: 'stopped',
      exit: { code: 'virtual-exit-interrupted' }
    })
  })

  it('Stop reaches a program blocked reading sys.stdin, and a print loop', async () => {
    const b = await started({ 'main.py': 'import sys\nprint("lee")\nsys.stdin.read(1)\n' })
    await b.line('lee')
    await b.board.stop()
    expect(b.states.at(-1)?.exit?.code).toBe('virtual-exit-interrupted')
    const c = await started({ 'main.py': 'n = 0\nwhile True:\n    n += 1\n    print(n)\n' })
    await c.line('100')
    await c.board.stop()
    expect(c.states.at(-1)?.exit?.code).toBe('virtual-exit-interrupted')
  })

  it('a loop that never calls into the board is ended with its worker', async () => {
    const b = await started({ 'main.py': 'print("gira")\nwhile True:\n    pass\n' })
    await b.line('gira')
    const before = threads()
    await b.board.stop()
    // only the STOP_GRACE_MS timer, run out without an exit from the program, says killed
    expect(b.states.at(-1)).toMatchObject({ run: 'stopped', exit: { code: 'virtual-exit-killed' } })
    expect(threads()).toBeLessThan(before)
  })

  it('a program that ends is finished; one that raises shows its last line as the exit', async () => {
    const b = await started({ 'boot.py': 'print("boot")\n', 'main.py': 'print("main")\n' })
    await b.until(() => b.run === 'finished', 'the end')
    expect(b.out).toEqual(['boot', 'main'])
    expect(b.states.map((s) => s.run)).toEqual(['starting', 'running', 'finished'])
    const c = await started({ 'main.py': 'print("antes")\nx = 1 / 0\n' })
    await c.until(() => c.run === 'error', 'the error')
    expect(c.lines.filter((l) => l.stream === 'err').map((l) => l.text)).toEqual([
      'Traceback (most recent call last):',
      '  File "main.py", line 2, in <module>',
      'ZeroDivisionError: divide by zero'
    ])
    expect(c.states.at(-1)?.exit).toMatchObject({
      code: 'virtual-exit-error',
      message: 'ZeroDivisionError: divide by zero',
      params: { type: 'ZeroDivisionError' }
    })
  })

  it('soft reset runs boot.py and main.py again in a fresh interpreter', async () => {
    const b = await started({
      'main.py':
        'import time\ntry:\n    print("otra vez", contador)\nexcept NameError:\n    contador = 1\n    print("primera")\nwhile True:\n    time.sleep_ms(50)\n'
    })
    await b.line('primera')
    await b.board.reset()
    await b.until(() => b.out.filter((l) => l === 'primera').length === 2, 'the second run')
    expect(b.run).toBe('running')
    expect(b.out.some((l) => l.startsWith('otra vez'))).toBe(false)
  })

  it('machine.reset() starts the board again', async () => {
    const b = await started({
      'main.py':
        'import machine, os\nprint("arranca")\nif "hecho" not in os.listdir():\n    open("hecho", "w").close()\n    machine.reset()\n'
    })
    await b.until(() => b.out.filter((l) => l === 'arranca').length >= 2, 'the restart')
  })

  it('ten run/stop cycles leave no worker behind and memory flat', async () => {
    const b = await started({ 'main.py': 'import time\nwhile True:\n    time.sleep_ms(10)\n' })
    await b.board.stop()
    const threads0 = threads()
    const rss0 = process.memoryUsage().rss
    for (let i = 0; i < 10; i++) {
      await b.board.start()
      expect(b.run).toBe('running')
      await b.board.stop()
    }
    expect(threads()).toBeLessThanOrEqual(threads0)
    // each worker holds ~20 MB of wasm memory while it lives; ten left behind would show
    expect(process.memoryUsage().rss - rss0).toBeLessThan(120 * 1024 * 1024)
  })

  it('MemoryError is reported in words', async () => {
    const b = await started({
      'main.py': 'datos = []\nwhile True:\n    datos.append(bytearray(100000))\n'
    })
    await b.until(() => b.run === 'error', 'the error', 20_000)
    expect(b.out.at(-1)).toMatch(/^MemoryError/)
    expect(b.hints.map((h) => h.code)).toEqual(['virtual-hint-memory'])
  })
})
