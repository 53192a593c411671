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
    hub.events.on('mqtt:status', (s) => states.push(s))
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
    // while away, the window is told when the next try is: soon, this early in the outage
    const away = hub.link!.status
    expect(away.nextTry, JSON.stringify(away)).toBeDefined()
    expect(Date.parse(away.nextTry!) - Date.now()).toBeLessThan(1000)

    await mosq.start()
    const back = Date.now()
    await connected(hub, 20_000)
    const after = Date.now() - back
    // order of magnitude: the old doubling backoff came back ~7 s after an 8 s outage
    expect(after, `reconnected ${after} ms after the broker`).toBeLessThan(3000)

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
