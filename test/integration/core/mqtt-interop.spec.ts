import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Puente as Hub } from '../../../electron/core/puente'
import { connected, received, startTestHub, until } from '../../helpers/hub'
import { Mosquitto, mosquittoPub, mosquittoSub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'

const skip = missingTools('mosquitto', 'mosquitto_pub', 'mosquitto_sub')

/** The broker under test: the embedded aedes one, or Debian's mosquitto. */
interface BrokerCase {
  name: string
  setup(): Promise<{ hub: Hub; port: number; cleanup(): Promise<void> }>
}

const cases: BrokerCase[] = [
  {
    name: 'embedded aedes broker',
    async setup() {
      const hub = await startTestHub()
      return { hub, port: hub.brokerStatus.port, cleanup: () => hub.stop() }
    }
  },
  {
    name: 'Debian mosquitto',
    async setup() {
      const mosq = new Mosquitto()
      await mosq.start()
      const hub = await startTestHub({ mqtt: { url: mosq.url } })
      return {
        hub,
        port: mosq.port,
        cleanup: async () => {
          await hub.stop()
          await mosq.stop()
        }
      }
    }
  }
]

/** The log's lines for `topic`, parsed. */
async function logged(hub: Hub, topic: string): Promise<Record<string, unknown>[]> {
  await hub.traffic.log!.flush()
  return hub.traffic
    .log!.files()
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((m) => m.topic === topic)
}

describe.skipIf(skip)('MQTT link and traffic against real brokers', () => {
  for (const c of cases) {
    describe(c.name, () => {
      let hub: Hub
      let port: number
      let cleanup: () => Promise<void>

      beforeAll(async () => {
        ;({ hub, port, cleanup } = await c.setup())
        await connected(hub)
      })
      afterAll(() => cleanup())

      it('receives UTF-8 with accents and emoji, empty, binary and 256 KB payloads exactly, in the ring and the log', async () => {
        const text = 'Hola, ñandú — temperatura 21,4 °C 🎉🌡️'
        const binary = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3]), randomBytes(300)])
        const big = randomBytes(256 * 1024)
        await mosquittoPub(port, ['-t', 'clase_eoi/texto', '-m', text])
        await mosquittoPub(port, ['-t', 'clase_eoi/vacio', '-n'])
        await mosquittoPub(port, ['-t', 'clase_eoi/binario', '-s'], binary)
        await mosquittoPub(port, ['-t', 'clase_eoi/grande', '-s'], big)
        await until(() => received(hub, 'clase_eoi/grande').length === 1, 'the 256 KB message')
        await until(() => received(hub, 'clase_eoi/binario').length === 1, 'the binary message')

        const [t] = received(hub, 'clase_eoi/texto')
        expect(t).toMatchObject({ payload: text, enc: 'utf8', size: Buffer.byteLength(text) })
        const [e] = received(hub, 'clase_eoi/vacio')
        expect(e).toMatchObject({ payload: '', enc: 'utf8', size: 0 })
        const [b] = received(hub, 'clase_eoi/binario')
        expect(b.enc).toBe('base64')
        expect(Buffer.from(b.payload, 'base64').equals(binary)).toBe(true)
        const [g] = received(hub, 'clase_eoi/grande')
        expect(Buffer.from(g.payload, g.enc === 'base64' ? 'base64' : 'utf8').equals(big)).toBe(
          true
        )

        expect(await logged(hub, 'clase_eoi/texto')).toEqual([
          {
            t: t.t,
            dir: 'in',
            topic: 'clase_eoi/texto',
            qos: 0,
            retain: false,
            payload: text,
            enc: 'utf8'
          }
        ])
        expect((await logged(hub, 'clase_eoi/vacio'))[0]).toMatchObject({
          payload: '',
          enc: 'utf8'
        })
        const lb = (await logged(hub, 'clase_eoi/binario'))[0]
        expect(Buffer.from(lb.payload as string, 'base64').equals(binary)).toBe(true)
        const lg = (await logged(hub, 'clase_eoi/grande'))[0]
        expect(
          Buffer.from(lg.payload as string, lg.enc === 'base64' ? 'base64' : 'utf8').equals(big)
        ).toBe(true)
      })

      it('keeps each QoS as published and counts per topic', async () => {
        for (const q of [0, 1, 2])
          await mosquittoPub(port, ['-t', `clase_eoi/qos${q}`, '-q', String(q), '-m', `q${q}`])
        await until(() => received(hub, 'clase_eoi/qos2').length === 1, 'the QoS 2 message')
        for (const q of [0, 1, 2]) {
          expect(received(hub, `clase_eoi/qos${q}`)).toMatchObject([{ qos: q, payload: `q${q}` }])
          expect(await logged(hub, `clase_eoi/qos${q}`)).toMatchObject([
            { qos: q, payload: `q${q}` }
          ])
        }
        const stat = hub.traffic.stats.all(Date.now()).find((s) => s.topic === 'clase_eoi/qos1')
        expect(stat).toMatchObject({ count: 1, lastPayload: 'q1' })
      })

      it('gets a retained message with its retain flag when it subscribes later', async () => {
        await mosquittoPub(port, ['-t', 'aula/retenido', '-r', '-q', '1', '-m', 'guardado'])
        const r = await hub.invoke('mqtt:subscribe', { filter: 'aula/#' })
        expect(r).toMatchObject({ ok: true })
        await until(() => received(hub, 'aula/retenido').length === 1, 'the retained message')
        expect(received(hub, 'aula/retenido')[0]).toMatchObject({
          payload: 'guardado',
          retain: true
        })
        expect(
          hub.traffic.stats.all(Date.now()).find((s) => s.topic === 'aula/retenido')?.retained
        ).toBe(true)
        await mosquittoPub(port, ['-t', 'aula/retenido', '-r', '-n']) // clear it
      })

      it('matches + and # wildcards and nothing else', async () => {
        expect(await hub.invoke('mqtt:subscribe', { filter: 'sensores/+/temp' })).toMatchObject({
          ok: true
        })
        await mosquittoPub(port, ['-t', 'sensores/aula1/temp', '-m', '20'])
        await mosquittoPub(port, ['-t', 'sensores/aula1/hum', '-m', '55'])
        await mosquittoPub(port, ['-t', 'sensores/aula1/temp/raw', '-m', '20.0'])
        await mosquittoPub(port, ['-t', 'clase_eoi/a/b/c', '-m', 'deep'])
        // published last: once it is in, the others would be too
        await until(() => received(hub, 'clase_eoi/a/b/c').length === 1, 'the deep # message')
        expect(received(hub, 'sensores/aula1/temp')).toHaveLength(1)
        expect(received(hub, 'sensores/aula1/hum')).toHaveLength(0)
        expect(received(hub, 'sensores/aula1/temp/raw')).toHaveLength(0)
      })

      it("delivers Puente's publishes (QoS 0/1/2, retained, binary) to mosquitto_sub", async () => {
        const sub = await mosquittoSub(port, ['salida/#'], ['-q', '2', '-F', '%t %q %r %x'])
        try {
          for (const q of [0, 1, 2] as const) {
            const r = await hub.invoke('mqtt:publish', {
              topic: `salida/q${q}`,
              payload: `hola ${q}`,
              qos: q
            })
            expect(r).toEqual({ ok: true, value: null })
          }
          await hub.invoke('mqtt:publish', {
            topic: 'salida/bin',
            payload: Buffer.from([0, 255, 1]).toString('base64'),
            enc: 'base64',
            retain: true,
            qos: 1
          })
          const hex = (s: string): string => Buffer.from(s).toString('hex')
          for (const q of [0, 1, 2])
            await sub.waitFor((l) => l === `salida/q${q} ${q} 0 ${hex(`hola ${q}`)}`)
          await sub.waitFor((l) => l.startsWith('salida/bin 1 ') && l.endsWith(' 00ff01'))
          expect(
            hub.traffic.ring.query({ limit: 10, topic: 'salida/#' }).filter((m) => m.dir === 'out')
          ).toHaveLength(4)
          expect(await logged(hub, 'salida/q1')).toMatchObject([
            { dir: 'out', qos: 1, payload: 'hola 1' }
          ])
        } finally {
          sub.stop()
          await mosquittoPub(port, ['-t', 'salida/bin', '-r', '-n'])
        }
      })

      it('announces itself online, retained, on puente/<client id>/status', async () => {
        const id = hub.settings.mqtt.clientId
        const sub = await mosquittoSub(port, [`puente/${id}/status`], ['-C', '1'])
        try {
          expect(await sub.waitFor(() => true)).toBe(`puente/${id}/status online`)
        } finally {
          sub.stop()
        }
      })

      it('keeps its session: QoS 1 messages published while it was away arrive after it reconnects', async () => {
        await hub.invoke('mqtt:disconnect', {})
        await mosquittoPub(port, [
          '-t',
          'clase_eoi/ausente',
          '-q',
          '1',
          '-m',
          'mientras no estabas'
        ])
        expect(received(hub, 'clase_eoi/ausente')).toHaveLength(0)
        await hub.invoke('mqtt:connect', {})
        await connected(hub)
        await until(
          () => received(hub, 'clase_eoi/ausente').length === 1,
          'the message queued by the broker'
        )
        expect(received(hub, 'clase_eoi/ausente')[0]).toMatchObject({
          payload: 'mientras no estabas',
          qos: 1
        })
      })
    })
  }
})
