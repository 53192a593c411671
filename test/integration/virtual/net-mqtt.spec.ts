import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddedBroker } from '../../../electron/core/broker/embedded'
import { Mosquitto } from '../../helpers/mosquitto'
import type { TestBoard } from '../../helpers/virtual-board'
import { program, WIFI } from '../../helpers/virtual-net'

// The virtual board's sockets against both real brokers, asserted through an MQTT client:
// first a program that speaks MQTT by hand over a raw socket, then Puente's umqtt modules.

interface Broker {
  port: number
  stop(): Promise<void>
}

const brokers: [string, () => Promise<Broker>][] = [
  [
    'embedded aedes',
    async () => {
      const b = new EmbeddedBroker({ host: '127.0.0.1', port: 0, wsPort: -1 })
      const { port } = await b.start()
      return { port, stop: () => b.stop() }
    }
  ],
  [
    'mosquitto',
    async () => {
      const m = new Mosquitto()
      await m.start()
      return { port: m.port, stop: () => m.stop() }
    }
  ]
]

describe.each(brokers)('virtual board MQTT against %s', (_name, startBroker) => {
  let broker: Broker
  let watcher: MqttClient
  const boards: TestBoard[] = []
  let n = 0

  beforeAll(async () => {
    broker = await startBroker()
    watcher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { clientId: 'watcher' })
  })
  afterEach(async () => {
    await Promise.all(boards.splice(0).map((b) => b.dispose()))
  })

  /** Runs main.py on a fresh virtual board; resolves once it is running. */
  async function run(code: string): ReturnType<typeof program> {
    const p = await program(code)
    boards.push(p.board)
    return p
  }
  afterAll(async () => {
    await watcher.endAsync()
    await broker.stop()
  })

  /** A fresh topic pair, and the next message the watcher sees on `out`. */
  async function topics(): Promise<{ into: string; out: string; next: Promise<string> }> {
    n++
    const into = `clase_eoi/v${n}/entrada`
    const out = `clase_eoi/v${n}/salida`
    await watcher.subscribeAsync(out)
    const next = new Promise<string>((resolve) => {
      const on = (topic: string, payload: Buffer): void => {
        if (topic !== out) return
        watcher.off('message', on)
        resolve(payload.toString())
      }
      watcher.on('message', on)
    })
    return { into, out, next }
  }

  it('runs a program that speaks MQTT by hand over a raw socket', async () => {
    const t = await topics()
    const { board, ended } = await run(`${WIFI}
import socket
def cadena(s):
    s = s.encode()
    return bytes([len(s) >> 8, len(s) & 255]) + s
addr = socket.getaddrinfo('127.0.0.1', ${broker.port})[0][-1]
s = socket.socket()
s.connect(addr)
cuerpo = b'\\x00\\x04MQTT\\x04\\x02\\x00\\x3c' + cadena('a-mano')
s.write(bytes([0x10, len(cuerpo)]) + cuerpo)
print('connack', s.read(4))
tema = cadena('${t.into}')
s.write(bytes([0x82, 2 + len(tema) + 1, 0, 7]) + tema + b'\\x00')
print('suback', s.read(5))
cab = s.read(1)[0]
largo = s.read(1)[0]
paquete = s.read(largo)
n = (paquete[0] << 8) | paquete[1]
recibido = paquete[2 + n:]
print('publish', hex(cab), paquete[2:2 + n], recibido)
cuerpo = cadena('${t.out}') + b'eco:' + recibido
s.write(bytes([0x30, len(cuerpo)]) + cuerpo)
s.write(b'\\xc0\\x00')
print('pingresp', s.read(2))
s.write(b'\\xe0\\x00')
s.close()
`)
    await board.line('suback')
    await watcher.publishAsync(t.into, 'hola')
    const r = await ended
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    expect(r.out).toEqual([
      "connack b' \\x02\\x00\\x00'",
      "suback b'\\x90\\x03\\x00\\x07\\x00'",
      `publish 0x30 b'${t.into}' b'hola'`,
      "pingresp b'\\xd0\\x00'"
    ])
    expect(await t.next).toBe('eco:hola')
  })

  it('umqtt.simple: subscribe, check_msg with nothing waiting, wait_msg, publish, ping', async () => {
    const t = await topics()
    const { board, ended } = await run(`${WIFI}
from umqtt.simple import MQTTClient
llegados = []
c = MQTTClient('alumno-simple', '127.0.0.1', port=${broker.port}, keepalive=30)
c.set_callback(lambda tema, msg: llegados.append((tema, msg)))
print('connect', c.connect())
c.subscribe('${t.into}')
print('check_msg', c.check_msg())
print('suscrito')
c.wait_msg()
print('llegado', llegados)
c.publish('${t.out}', b'eco:' + llegados[0][1])
c.ping()
print('pong', c.wait_msg())
c.disconnect()
`)
    await board.line('suscrito')
    await watcher.publishAsync(t.into, '{"r":255,"g":0,"b":0}')
    const r = await ended
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    expect(r.out).toEqual([
      'connect 0',
      'check_msg None',
      'suscrito',
      `llegado [(b'${t.into}', b'{"r":255,"g":0,"b":0}')]`,
      'pong None'
    ])
    expect(await t.next).toBe('eco:{"r":255,"g":0,"b":0}')
  })

  it('umqtt.robust: a check_msg loop with sleeps, QoS 1 both ways, a last will set (bytes args)', async () => {
    const t = await topics()
    const { board, ended } = await run(`${WIFI}
import time
from umqtt.robust import MQTTClient
llegados = []
c = MQTTClient(b'alumno-robust', b'127.0.0.1', ${broker.port}, keepalive=30)
c.set_callback(lambda tema, msg: llegados.append(msg))
c.set_last_will('${t.out}/will', 'adios')
c.connect()
c.subscribe(b'${t.into}', qos=1)
print('suscrito')
vueltas = 0
while not llegados:
    c.check_msg()
    time.sleep_ms(20)
    vueltas += 1
c.publish(b'${t.out}', b'robust:' + llegados[0], qos=1)
print('publicado', vueltas > 0)
c.disconnect()
`)
    // umqtt's subscribe() returns only once it has read the SUBACK, and both brokers add the
    // subscription before they send it: 'suscrito' means the broker will deliver
    await board.line('suscrito')
    await watcher.publishAsync(t.into, 'pulsado', { qos: 1 })
    const r = await ended
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    expect(r.out).toEqual(['suscrito', 'publicado True'])
    expect(await t.next).toBe('robust:pulsado')
  })

  it('umqtt.robust reconnects when the broker drops it and gets the queued QoS 1 message', async () => {
    const t = await topics()
    const id = `robusto-${n}`
    const { board, ended } = await run(`${WIFI}
from umqtt.robust import MQTTClient
llegados = []
def llega(tema, msg):
    llegados.append(msg)
    print('llega', msg)
c = MQTTClient('${id}', '127.0.0.1', ${broker.port})
c.set_callback(llega)
c.connect(clean_session=False)
c.subscribe(b'${t.into}', qos=1)
print('suscrito')
while b'dos' not in llegados:
    c.wait_msg()
c.disconnect()
`)
    await board.line('suscrito')
    await watcher.publishAsync(t.into, 'uno', { qos: 1 })
    await board.line("llega b'uno'")
    // another client with the same id takes the session over: the board's connection drops
    const thief = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      clientId: id,
      clean: false,
      reconnectPeriod: 0
    })
    await thief.endAsync()
    await watcher.publishAsync(t.into, 'dos', { qos: 1 })
    const r = await ended
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    // QoS 1 is at least once: 'uno' comes again if the drop beat its PUBACK
    expect(r.out[0]).toBe('suscrito')
    expect(r.out.at(-1)).toBe("llega b'dos'")
    expect(new Set(r.out.slice(1, -1))).toEqual(new Set(["llega b'uno'"]))
  })
})
