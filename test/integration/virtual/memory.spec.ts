import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TestBoard } from '../../helpers/virtual-board'

// The 1.27 build collects garbage only between top-level calls; the worker collects at the
// program's sleeps (heap.ts). Long-running programs must keep a flat heap and intact data.

const boards: TestBoard[] = []
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.dispose()))
})

const firmware = (name: string): string =>
  readFileSync(path.resolve(__dirname, '../../../resources/firmware', name), 'utf8')

describe('virtual board memory', () => {
  it('collects garbage while a program runs; objects in generators, closures and irq handlers survive', async () => {
    const main = `import gc, time, json
from machine import Pin

class Nodo:
    def __init__(self, v, sig):
        self.v = v
        self.sig = sig

def generador(n):
    for i in range(n):
        time.sleep_ms(0)
        yield {'i': i, 'txt': 'v' * 100 + str(i)}

def cierre(k):
    datos = [k] * 50
    def f():
        time.sleep_ms(0)
        return sum(datos)
    return f

pulsos = []
def al_pulsar(p):
    t = [p.value()] * 20
    time.sleep_ms(1)
    pulsos.append(len(t))

Pin(0, Pin.IN, Pin.PULL_UP).irq(handler=al_pulsar, trigger=Pin.IRQ_FALLING)
print('listo')
lista = None
pico = 0
for vuelta in range(200):
    for d in generador(50):
        lista = Nodo(json.dumps(d), lista)
        basura = [str(x) * 20 for x in range(30)]
    fs = [cierre(k) for k in range(20)]
    assert sum(f() for f in fs) == sum(k * 50 for k in range(20))
    time.sleep_ms(5)
    pico = max(pico, gc.mem_alloc())
n = 0
while lista:
    d = json.loads(lista.v)
    assert d['txt'] == 'v' * 100 + str(d['i'])
    lista = lista.sig
    n += 1
print('nodos', n, 'pico', pico, 'pulsos', len(pulsos) > 0)
`
    const b = TestBoard.withFiles({ 'main.py': main })
    boards.push(b)
    await b.board.start()
    await b.line('listo')
    const presses = setInterval(() => {
      b.board.button(true)
      setTimeout(() => b.board.button(false), 5)
    }, 50)
    try {
      await b.until(() => b.run !== 'running', 'the end', 60_000)
    } finally {
      clearInterval(presses)
    }
    expect(b.run).toBe('finished')
    const [, nodes, peak, pulses] = /^nodos (\d+) pico (\d+) pulsos (\w+)$/.exec(b.out.at(-1)!)!
    expect(Number(nodes)).toBe(10000)
    expect(pulses).toBe('True')
    // collected only at the end, this program's garbage would be tens of MB
    expect(Number(peak)).toBeLessThan(10 * 1024 * 1024)
  })

  it("Puente's firmware keeps a flat heap while idle and over a thousand colour lines", async () => {
    const main = `import gc, sys, time, puente
placa = puente.Placa()
antes = gc.mem_alloc()
inicio = time.ticks_ms()
while time.ticks_diff(time.ticks_ms(), inicio) < 1000:
    placa.paso()
    time.sleep_ms(2)
print('reposo', gc.mem_alloc() - antes)
n = 0
pico = 0
while n < 1000:
    linea = placa.lector.linea()
    if linea:
        placa.procesar(linea)
        n += 1
    time.sleep_ms(0)
    pico = max(pico, gc.mem_alloc())
print('colores', pico)
`
    const b = TestBoard.withFiles({
      'config.py': firmware('config.py'),
      'puente.py': firmware('puente.py'),
      'main.py': main
    })
    boards.push(b)
    await b.board.start()
    await b.line('reposo', 20_000)
    for (let i = 0; i < 1000; i++)
      b.board.writeSerial(Buffer.from(`{"r":${i % 256},"g":1,"b":2}\n`))
    await b.line('colores', 60_000)
    const idle = Number(/^reposo (-?\d+)/.exec(b.out.find((l) => l.startsWith('reposo'))!)![1])
    const peak = Number(/^colores (\d+)/.exec(b.out.at(-1)!)![1])
    expect(idle).toBeLessThan(4096)
    expect(peak).toBeLessThan(1024 * 1024)
    expect(b.led).toEqual({ r: 999 % 256, g: 1, b: 2 })
  })
})
