import type { Duplex } from 'node:stream'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddedBroker } from '../../../electron/core/broker/embedded'
import { tuneMqttStream } from '../../../electron/core/mqtt/stream'
import type { BoardSim } from '../../sim/board-sim'
import { Mosquitto } from '../../helpers/mosquitto'
import { noDelayBridge, type NoDelayBridge } from '../../helpers/nodelay-bridge'
import { missingTools } from '../../helpers/tools'

const skip = missingTools('socat', 'mosquitto')

/** An mqtt.js client, connected. */
function client(url: string, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { reconnectPeriod: 0, ...opts })
    c.once('connect', () => resolve(c))
    c.once('error', reject)
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]

describe.skipIf(skip)('no Nagle stall: a button line reaches a no-delay mosquitto at once', () => {
  let bridge: NoDelayBridge
  let broker: Mosquitto
  let sim: BoardSim
  let sub: MqttClient

  beforeAll(async () => {
    bridge = await noDelayBridge()
    ;({ broker, sim } = bridge)
    sub = await client(broker.url)
    await sub.subscribeAsync('clase_eoi/boton', { qos: 0 })
  })
  afterAll(async () => {
    await sub?.endAsync()
    await bridge?.stop()
  })

  it('one line at a time: the median round trip is a few ms, not the ~40 ms delayed ACK', async () => {
    // Puente also receives its own button message (it watches clase_eoi/#) and acks it: with
    // Nagle on, the next QoS 1 PUBLISH waited behind that PUBACK for mosquitto's delayed ACK
    let got: (() => void) | undefined
    sub.on('message', () => got?.())
    const trips: number[] = []
    for (let i = 0; i < 60; i++) {
      const arrived = new Promise<void>((resolve) => (got = resolve))
      const t0 = performance.now()
      sim.write('{"button":"pressed"}\n')
      await arrived
      if (i >= 10) trips.push(performance.now() - t0)
    }
    // order of magnitude only: sub-ms to a few ms here, ≥ 40 ms with the stall
    expect(
      median(trips),
      `round trips (ms): ${trips.map((t) => t.toFixed(1)).join(' ')}`
    ).toBeLessThan(10)
  })
})

describe.skipIf(skip)('one socket write per MQTT packet', () => {
  const mosq = new Mosquitto({ noDelay: true })
  const embedded = new EmbeddedBroker({ host: '127.0.0.1', port: 0, wsPort: 0 })

  beforeAll(async () => {
    await mosq.start()
    await embedded.start()
  })
  afterAll(async () => {
    await mosq.stop()
    await embedded.stop()
  })

  /** Counts the stream's writes to its transport (a `_writev`, or a `_write` outside one). */
  function countWrites(stream: Duplex): () => number {
    let n = 0
    let inWritev = false
    const s = stream as Duplex & { _writev?: Duplex['_writev'] }
    const write = s._write.bind(s)
    s._write = (chunk, enc, cb): void => {
      if (!inWritev) n++
      write(chunk, enc, cb)
    }
    if (s._writev) {
      const writev = s._writev.bind(s)
      s._writev = (chunks, cb): void => {
        n++
        inWritev = true
        try {
          writev(chunks, cb)
        } finally {
          inWritev = false
        }
      }
    }
    return () => n
  }

  async function writesPerPublish(url: string, opts: mqtt.IClientOptions = {}): Promise<number> {
    const c = await client(url, opts)
    try {
      const stream = tuneMqttStream(c.stream as Duplex)
      const writes = countWrites(stream)
      for (let i = 0; i < 20; i++)
        await c.publishAsync('clase_eoi/boton', `{"pressed":true,"n":${i}}`, { qos: 1 })
      return writes() / 20
    } finally {
      await c.endAsync()
    }
  }

  it('over TCP (mosquitto): each QoS 1 PUBLISH is one writev', async () => {
    expect(await writesPerPublish(mosq.url)).toBe(1)
  })

  it('over WebSocket (the embedded broker): each PUBLISH is one frame, not one per chunk', async () => {
    const { username, password } = embedded.internal
    const url = `ws://127.0.0.1:${embedded.status.wsPort}`
    expect(await writesPerPublish(url, { username, password })).toBe(1)
  })
})
