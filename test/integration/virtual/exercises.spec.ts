import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Puente } from '../../../electron/core/puente'
import { cmd, connected, startTestHub } from '../../helpers/hub'
import { Mosquitto } from '../../helpers/mosquitto'
import { MqttWatch } from '../../helpers/mqtt-watch'
import { OpenMeteoServer } from '../../helpers/open-meteo-server'
import { missingTools } from '../../helpers/tools'

const PROGRAMS = path.resolve(__dirname, '../../fixtures/virtual')

/** A student's program with the class broker's port put in (the only line a test changes). */
function program(name: string, port: number): string {
  const text = readFileSync(path.join(PROGRAMS, name), 'utf8')
  if (!/^PUERTO = 1883$/m.test(text)) throw new Error(`${name} has no PUERTO = 1883 line`)
  return text.replace(/^PUERTO = 1883$/m, `PUERTO = ${port}`)
}

const colour = (text: string): { r: number; g: number; b: number } =>
  JSON.parse(text) as { r: number; g: number; b: number }
/** PWM duties are 10 bits: a channel may come back one step off. */
const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1

const brokers = [
  { name: 'the embedded broker', mosquitto: false },
  { name: "Debian's mosquitto", mosquitto: true }
]

describe.each(brokers)('the class exercises in the virtual board, on $name', (b) => {
  const skip = b.mosquitto ? missingTools('mosquitto') : undefined
  const mosq = new Mosquitto()
  const meteo = new OpenMeteoServer()
  let hub: Puente
  let url: string
  let port: number
  let watch: MqttWatch
  let base: string

  beforeAll(async () => {
    if (skip) return
    await meteo.start()
    if (b.mosquitto) await mosq.start()
    hub = await startTestHub({
      ...(b.mosquitto ? { mqtt: { url: mosq.url } } : {}),
      weather: { forecastUrl: meteo.forecastUrl, geocodingUrl: meteo.geocodingUrl }
    })
    await connected(hub)
    url = hub.brokerUrl
    port = Number(new URL(url).port)
    base = `puente/${hub.settings.mqtt.clientId}/virtual`
    watch = await MqttWatch.start(url, ['clase_eoi', 'clase_eoi/#', 'temperatura_eoi', `${base}/#`])
  })
  afterAll(async () => {
    await watch?.stop()
    await hub?.stop()
    await mosq.stop()
    await meteo.stop()
  })

  /** Saves the program as main.py through the window's command and runs it. */
  async function run(name: string): Promise<void> {
    await cmd(hub, 'virtual:stop')
    await cmd(hub, 'virtual:write-file', { path: 'main.py', text: program(name, port) })
    await cmd(hub, 'virtual:run')
  }

  it.skipIf(skip)(
    '1, polling with umqtt.simple: the BOOT button over MQTT sends the message',
    async () => {
      await run('ej1_polling_simple.py')
      await watch.waitFor('clase_eoi', (t) => t === 'alumno1 conectado')
      await watch.publish(`${base}/button`, 'press')
      const msg = await watch.waitFor('clase_eoi/boton', (t) => t.includes('alumno1'))
      expect(JSON.parse(msg)).toEqual({ pressed: true, board: 'alumno1' })
      // what the program printed is on the console topic too
      await watch.waitFor(`${base}/console`, (t) => t === 'pulsado')
    }
  )

  it.skipIf(skip)(
    '1, irq with umqtt.robust: each press (held, let go) is one message',
    async () => {
      await run('ej1_irq_robust.py')
      await watch.waitFor(`${base}/console`, (t) => t === 'alumno2 listo')
      await watch.publish(`${base}/button`, 'pressed')
      await watch.waitFor('clase_eoi/boton', (t) => t === 'alumno2 pulsaciones=1')
      await watch.publish(`${base}/button`, 'released')
      await watch.publish(`${base}/button`, 'press')
      await watch.waitFor('clase_eoi/boton', (t) => t === 'alumno2 pulsaciones=2')
      expect(watch.on('clase_eoi/boton').filter((t) => t.startsWith('alumno2'))).toHaveLength(2)
    }
  )

  it.skipIf(skip)(
    '1, irq while wait_msg blocks: the handler publishes the press before any message arrives',
    async () => {
      await run('ej1_irq_wait_msg.py')
      await watch.waitFor(`${base}/console`, (t) => t === 'alumno6 esperando')
      const heard = watch.on('clase_eoi').length
      // the program sits in wait_msg(): nothing is sent to what it subscribed to
      await watch.publish(`${base}/button`, 'pressed')
      await watch.waitFor('clase_eoi/boton', (t) => t === 'alumno6 pulsaciones=1')
      expect(watch.on('clase_eoi')).toHaveLength(heard)
      await watch.publish(`${base}/button`, 'released')
      await watch.publish(`${base}/button`, 'pressed')
      await watch.waitFor('clase_eoi/boton', (t) => t === 'alumno6 pulsaciones=2')
      await watch.publish(`${base}/button`, 'released')
      // the read the handlers interrupted lost nothing: the next message arrives whole
      await watch.publish('clase_eoi', 'hola alumno6')
      await watch.waitFor(`${base}/console`, (t) => t === 'recibido hola alumno6')
      expect(watch.on(`${base}/console`).filter((t) => t.startsWith('recibido'))).toEqual([
        'recibido hola alumno6'
      ])
    }
  )

  it.skipIf(skip)(
    '2, urequests to api.open-meteo.com reaches the configured endpoint',
    async () => {
      await run('ej2_tiempo.py')
      const msg = await watch.waitFor('temperatura_eoi', (t) => t.includes('alumno3'))
      expect(JSON.parse(msg)).toEqual({ temperatura: 21.4, sitio: 'Madrid', alumno: 'alumno3' })
      expect(
        meteo.log.some((r) => r.endpoint === 'forecast' && r.params.latitude === '40.4165')
      ).toBe(true)
    }
  )

  it.skipIf(skip)('3, three PWM pins: a colour on clase_eoi/led lights the LED', async () => {
    await run('ej3_pwm.py')
    await watch.waitFor('clase_eoi', (t) => t === 'alumno4 listo')
    await watch.publish('clase_eoi/led', '{"r":255,"g":128,"b":0}')
    const led = await watch.waitFor(`${base}/led`, (t) => {
      const c = colour(t)
      return near(c.r, 255) && near(c.g, 128) && c.b === 0
    })
    expect(Object.keys(colour(led))).toEqual(['r', 'g', 'b'])
    // a colour with a missing key is the program's own error: it says so, the LED stays
    await watch.publish('clase_eoi/led', '{"r":0,"g":0}')
    await watch.waitFor(`${base}/console`, (t) => t.startsWith('color mal:'))
    // the LED is retained: a late subscriber sees it at once
    const late = await MqttWatch.start(url, [`${base}/led`])
    try {
      const seen = await late.waitFor(`${base}/led`, () => true)
      expect(near(colour(seen).g, 128)).toBe(true)
      expect(late.seen[0].retain).toBe(true)
    } finally {
      await late.stop()
    }
  })

  it.skipIf(skip)('3, a NeoPixel with umqtt.robust and wait_msg: exact colours', async () => {
    await run('ej3_neopixel_robust.py')
    await watch.waitFor('clase_eoi', (t) => t === 'alumno5 listo')
    for (const c of ['{"r":0,"g":0,"b":255}', '{"r":12,"g":200,"b":7}']) {
      await watch.publish('clase_eoi/led', c)
      await watch.waitFor(`${base}/led`, (t) => t === c)
    }
  })
})
