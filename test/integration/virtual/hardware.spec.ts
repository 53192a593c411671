import { describe, expect, it } from 'vitest'
import { startedBoards } from '../../helpers/started-boards'

// The class's exercises 1 and 3 as a student writes them, on the virtual board's hardware:
// the BOOT button (polled and with irq) and the RGB LED (three PWM pins or a NeoPixel).

const started = startedBoards()

const POLLING = `from machine import Pin
import time

boton = Pin(0, Pin.IN, Pin.PULL_UP)
antes = boton.value()
print('listo', antes)
while True:
    ahora = boton()
    if ahora != antes:
        print('pulsado' if ahora == 0 else 'suelto')
        antes = ahora
    time.sleep_ms(20)
`

const IRQ = `from machine import Pin
import time

pulsaciones = 0

def al_pulsar(pin):
    global pulsaciones
    pulsaciones += 1
    print('irq', pulsaciones, pin.value())

boton = Pin(0, Pin.IN, Pin.PULL_UP)
boton.irq(trigger=Pin.IRQ_FALLING, handler=al_pulsar)
print('listo')
while True:
    time.sleep(5)
`

const PWM_RGB = `from machine import Pin, PWM
import time

rojo = PWM(Pin(PINES[0]), freq=1000)
verde = PWM(Pin(PINES[1]), freq=1000)
azul = PWM(Pin(PINES[2]), freq=1000)

def color(r, g, b):
    for canal, valor in ((rojo, r), (verde, g), (azul, b)):
        ciclo = valor * 65535 // 255
        canal.duty_u16(65535 - ciclo if ANODO else ciclo)

color(255, 0, 0)
time.sleep_ms(30)
color(0, 128, 255)
print('hecho')
`

describe('virtual board hardware', () => {
  it('exercise 1 polled: the BOOT button reads 0 while pressed', async () => {
    const b = await started({ 'main.py': POLLING })
    await b.line('listo 1')
    b.board.button(true)
    await b.line('pulsado')
    b.board.button(false)
    await b.line('suelto')
    expect(b.out).toEqual(['listo 1', 'pulsado', 'suelto'])
  })

  it('exercise 1 with irq: the handler runs on the falling edge, even during a long sleep', async () => {
    const b = await started({ 'main.py': IRQ })
    await b.line('listo')
    for (let i = 1; i <= 3; i++) {
      b.board.button(true)
      await b.line(`irq ${i} 0`)
      b.board.button(false)
    }
    // rising edges do not call a FALLING handler
    expect(b.out).toEqual(['listo', 'irq 1 0', 'irq 2 0', 'irq 3 0'])
    expect(b.run).toBe('running')
  })

  it('exercise 3 with PWM, common cathode on the default pins: the LED follows the duties', async () => {
    const b = await started({ 'main.py': `PINES = (25, 26, 27)\nANODO = False\n${PWM_RGB}` })
    await b.line('hecho')
    expect(b.leds).toContainEqual({ r: 255, g: 0, b: 0 })
    expect(b.led).toEqual({ r: 0, g: 128, b: 255 })
  })

  it('exercise 3 with a common anode on the pins config.py names: duties count inverted', async () => {
    const config = 'PINES_RGB = (12, 13, 14)\nANODO_COMUN = True\n'
    const main = `import config\nPINES = config.PINES_RGB\nANODO = config.ANODO_COMUN\n${PWM_RGB}`
    const b = await started({ 'config.py': config, 'main.py': main })
    await b.line('hecho')
    expect(b.leds).toContainEqual({ r: 255, g: 0, b: 0 })
    expect(b.led).toEqual({ r: 0, g: 128, b: 255 })
  })

  it('a PWM on pins the LED is not wired to leaves the LED dark', async () => {
    const b = await started({ 'main.py': `PINES = (2, 4, 5)\nANODO = False\n${PWM_RGB}` })
    await b.line('hecho')
    expect(b.leds).toEqual([])
  })

  it('exercise 3 with a NeoPixel', async () => {
    const main = `import neopixel, time
from machine import Pin
np = neopixel.NeoPixel(Pin(48, Pin.OUT), 1)
np[0] = (10, 20, 30)
np.write()
time.sleep_ms(20)
np.fill((255, 255, 0))
np.write()
print('hecho')
`
    const b = await started({ 'main.py': main })
    await b.line('hecho')
    expect(b.leds).toEqual([
      { r: 10, g: 20, b: 30 },
      { r: 255, g: 255, b: 0 }
    ])
  })

  it('machine.Timer calls back periodically, unique_id and ticks work', async () => {
    const main = `import machine, time, ubinascii
print(ubinascii.hexlify(machine.unique_id()).decode())
n = 0
def tic(t):
    global n
    n += 1
t = machine.Timer(0)
t.init(period=20, mode=machine.Timer.PERIODIC, callback=tic)
inicio = time.ticks_ms()
time.sleep_ms(200)
t.deinit()
print('tics', n >= 5, n <= 12, time.ticks_diff(time.ticks_ms(), inicio) >= 200)
`
    const b = await started({ 'main.py': main })
    await b.until(() => b.run === 'finished', 'the end')
    expect(b.out).toEqual(['240ac4a1b2c3', 'tics True True True'])
  })

  it("a student's lib/ comes before Puente's modules", async () => {
    const b = await started({
      'lib/umqtt/simple.py': 'class MQTTClient:\n    SOURCE = "student"\n',
      'main.py':
        'from umqtt.simple import MQTTClient\nimport network\nprint(MQTTClient.SOURCE, network.STA_IF)\n'
    })
    await b.until(() => b.run === 'finished', 'the end')
    expect(b.out).toEqual(['student 0'])
  })
})
