import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import type { MqttStatus } from '../../../electron/contract'
import type { Hub } from '../../../electron/core/hub'
import { connected, received, startTestHub, until } from '../../helpers/hub'
import { Mosquitto } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'

const skip = missingTools('mosquitto')
const OUTAGE_MS = 8000

describe.skipIf(skip)('a broker that comes back is found at once', () => {
  let hub: Hub | undefined
  let mosq: Mosquitto | undefined
  let pub: mqtt.MqttClient | undefined
  afterEach(async () => {
    await pub?.endAsync(true)
    await hub?.stop()
    await mosq?.stop()
    hub = mosq = pub = undefined
  })

  it('back within about a second of the broker, none of the QoS 1 messages lost', async () => {
    mosq = new Mosquitto({ noDelay: true })
    await mosq.start()
    hub = await startTestHub({ mqtt: { url: mosq.url } })
    const states: MqttStatus[] = []
    // each wait the link chose before a retry: the status says when the next try is, at once
    const waits: number[] = []
    hub.events.on('mqtt:status', (s) => {
      states.push(s)
      if (s.nextTry) waits.push(Date.parse(s.nextTry) - Date.now())
    })
    await connected(hub)

    // a student's client publishing at QoS 1 all along, reconnecting by itself every 100 ms
    pub = mqtt.connect(mosq.url, { reconnectPeriod: 100, clientId: 'alumno', clean: true })
    await new Promise((r) => pub!.once('connect', r))
    const acked: number[] = []
    let n = 0
    let publishing = true
    const publisher = (async (): Promise<void> => {
      while (publishing) {
        const i = n++
        void pub!.publishAsync('clase_eoi', String(i), { qos: 1 }).then(() => acked.push(i))
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    await until(() => acked.length >= 5, 'messages before the outage')

    await mosq.stop()
    await until(() => hub!.link!.status.state !== 'connected', 'Puente to notice', 5000)
    await new Promise((r) => setTimeout(r, OUTAGE_MS))
    // while away, the window is told when the next try is
    const away = hub.link!.status
    expect(away.nextTry, JSON.stringify(away)).toBeDefined()

    await mosq.start()
    await connected(hub, 20_000)
    // back within a second of the broker: every wait of this outage (younger than 30 s) was
    // under a second; the old doubling backoff waited 4 s, then 8 s, by then
    expect(waits.length, JSON.stringify(waits)).toBeGreaterThan(2)
    expect(Math.max(...waits), JSON.stringify(waits)).toBeLessThan(1000)

    const during = n
    await until(() => acked.length >= during + 5, 'messages after the outage', 10_000)
    publishing = false
    await publisher
    await until(
      () => acked.every((i) => received(hub!, 'clase_eoi').some((m) => m.payload === String(i))),
      'every acknowledged message at Puente',
      10_000
    )
    expect(hub.link!.status.nextTry).toBeUndefined()
    expect(states.some((s) => s.state === 'reconnecting' && s.nextTry)).toBe(true)
  })
})
