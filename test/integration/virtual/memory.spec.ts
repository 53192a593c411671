import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TestBoard } from '../../helpers/virtual-board'

// The 1.27 build collects garbage only between top-level calls and grows its heap without
// end; the worker collects at the program's calls into the board and holds the live data to
// the board's heap (heap.ts). Long-running programs must keep a flat heap and intact data, and
// one whose data outgrows an ESP32's heap gets a MemoryError.

const HEAP_KB = 192

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
    // ten thousand nodes are megabytes: the largest heap the settings allow
    const b = TestBoard.withFiles({ 'main.py': main }, { heapKb: 4096 })
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

  it("a program whose data outgrows the board's heap gets MemoryError in words; the board runs again", async () => {
    const main = `import time
datos = []
try:
    while True:
        datos.append(bytearray(1024))
        time.sleep_ms(1)
except MemoryError:
    print('lleno', len(datos))
    raise
`
    const b = TestBoard.withFiles({ 'main.py': main })
    boards.push(b)
    await b.board.start()
    await b.until(() => b.run !== 'running', 'the MemoryError', 20_000)
    expect(b.run).toBe('error')
    const full = Number(/^lleno (\d+)$/.exec(b.out.find((l) => l.startsWith('lleno'))!)![1])
    // the heap also holds the program and the board's modules; the check comes every 50 ms
    expect(full).toBeGreaterThan(HEAP_KB / 2)
    expect(full).toBeLessThan(HEAP_KB * 2)
    expect(b.out.at(-1)).toMatch(/^MemoryError: memory allocation failed, heap is full/)
    expect(b.hints.map((h) => h.code)).toEqual(['virtual-hint-memory'])

    writeFileSync(path.join(b.dir!, 'main.py'), "print('otra vez')\n")
    await b.board.start()
    await b.until(() => b.run === 'finished', 'the second run')
    expect(b.out.at(-1)).toBe('otra vez')
  })

  it('a program using half the heap runs as before, and gc tells the heap as a chip would', async () => {
    const main = `import gc, time
print('total', gc.mem_free() + gc.mem_alloc())
datos = [bytearray(1024) for _ in range(${HEAP_KB / 2 - 16})]
inicio = time.ticks_ms()
while time.ticks_diff(time.ticks_ms(), inicio) < 1500:
    basura = [str(x) * 10 for x in range(200)]
    time.sleep_ms(1)
grande = bytearray(40000)
antes = gc.mem_alloc()
del grande
gc.collect()
print('recogido', antes - gc.mem_alloc(), 'libre', gc.mem_free() > 0, len(datos))
`
    const b = TestBoard.withFiles({ 'main.py': main })
    boards.push(b)
    await b.board.start()
    await b.until(() => b.run !== 'running', 'the end', 20_000)
    expect(b.run).toBe('finished')
    expect(b.out).toContain(`total ${HEAP_KB * 1024}`)
    const [, freed, free, n] = /^recogido (\d+) libre (\w+) (\d+)$/.exec(b.out.at(-1)!)!
    expect(Number(freed)).toBeGreaterThan(36_000)
    expect(free).toBe('True')
    expect(Number(n)).toBe(HEAP_KB / 2 - 16)
  })

  it('a generator that sleeps under list(), sum(), join() or map() keeps their partial results', async () => {
    const main = `import time
def valores(n, f):
    for i in range(n):
        basura = [str(x) * 3 for x in range(60)]
        time.sleep_ms(0)
        yield f(i)
lista = list(valores(3000, lambda i: 'valor%d' % i))
print('lista', sum(1 for i in range(3000) if lista[i] != 'valor%d' % i), len(lista))
print('suma', sum(valores(3000, lambda i: i * 0.5)) == sum(i * 0.5 for i in range(3000)))
texto = ''.join(valores(2000, str))
print('texto', texto == ''.join(str(i) for i in range(2000)))
def lento(i):
    basura = [str(x) * 3 for x in range(60)]
    time.sleep_ms(0)
    return [i] * 3
print('map', list(map(lento, range(2000))) == [[i] * 3 for i in range(2000)])
`
    const b = TestBoard.withFiles({ 'main.py': main })
    boards.push(b)
    await b.board.start()
    await b.until(() => b.run !== 'running', 'the end', 60_000)
    expect(b.out).toEqual(['lista 0 3000', 'suma True', 'texto True', 'map True'])
    expect(b.run).toBe('finished')
  })
})
