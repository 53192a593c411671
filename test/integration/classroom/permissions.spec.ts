import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import type { Hub } from '../../../electron/core/hub'
import { cmd, connected } from '../../helpers/hub'
import { startedHubs } from '../../helpers/started-hubs'

const hub = startedHubs()
const clients: MqttClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.end(true)
})

const PASSWORD = 'clase-secreta-9'

/** Connects a client; resolves with it, or rejects with the broker's refusal code. */
function student(port: number, opts: IClientOptions = {}): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      reconnectPeriod: 0,
      connectTimeout: 30_000,
      username: 'clase',
      password: PASSWORD,
      ...opts
    })
    clients.push(c)
    c.once('connect', () => resolve(c))
    c.once('error', (err) => reject(err))
    c.once('close', () => reject(new Error('closed before CONNACK')))
  })
}

/** The retained payload on `topic` as a fresh client sees it. */
async function retained(port: number, topic: string): Promise<string> {
  const c = await student(port, { clientId: `lector_${Math.random().toString(36).slice(2)}` })
  const got = new Promise<string>((resolve) =>
    c.on('message', (t, p) => t === topic && resolve(p.toString()))
  )
  c.subscribe(topic)
  return got
}

/** Publishes; resolves 'closed' when the broker disconnects the client for it, else 'kept'. */
function tryPublish(
  c: MqttClient,
  topic: string,
  payload: string,
  retain = false
): Promise<string> {
  return new Promise((resolve) => {
    c.once('close', () => resolve('closed'))
    c.publish(topic, payload, { qos: 1, retain }, (err) => {
      if (!err) setImmediate(() => resolve(c.connected ? 'kept' : 'closed'))
    })
  })
}

async function openClass(h: Hub): Promise<number> {
  return (await cmd(h, 'classroom:open', { password: PASSWORD })).port
}

describe('class users on the class broker', () => {
  it('read puente/# but never publish under it (the virtual button aside), nor overwrite Puente’s retained temperature', async () => {
    const h = await hub()
    const port = await openClass(h)
    await connected(h)
    const id = h.settings.mqtt.clientId
    const temperature = h.settings.topics.temperature
    await h.publish(temperature, Buffer.from('{"temperature":21.5}'), 1, true)

    const reader = await student(port, { clientId: 'alumno_lector' })
    const status = new Promise<string>((resolve) =>
      reader.on('message', (t, p) => t === `puente/${id}/status` && resolve(p.toString()))
    )
    reader.subscribe('puente/#')
    expect(await status).toBe('online')

    for (const [topic, retain] of [
      [`puente/${id}/status`, true],
      [`puente/${id}/error`, false],
      [`puente/otro/status`, true],
      [temperature, true]
    ] as const) {
      const c = await student(port, { clientId: 'alumno_malo' })
      expect(await tryPublish(c, topic, 'offline', retain), topic).toBe('closed')
    }
    expect(await retained(port, `puente/${id}/status`)).toBe('online')
    expect(await retained(port, temperature)).toBe('{"temperature":21.5}')
    expect(h.snapshot().notices.map((n) => n.code)).toContain('broker-publish-refused')

    // the class's own exercise 2 (a board sends a temperature) and the virtual button still go
    const ok = await student(port, { clientId: 'alumno_bueno' })
    expect(await tryPublish(ok, temperature, '{"temperature":19}')).toBe('kept')
    expect(await tryPublish(ok, `puente/${id}/virtual/button`, 'press')).toBe('kept')
    expect(await tryPublish(ok, 'clase_eoi', 'hola', true)).toBe('kept')
  })

  it('cannot read $SYS', async () => {
    const h = await hub()
    const port = await openClass(h)
    const c = await student(port, { clientId: 'alumno_sys' })
    const refused = await new Promise<Error | null>((resolve) =>
      c.subscribe('$SYS/#', { qos: 0 }, (err) => resolve(err ?? null))
    )
    expect(refused?.message).toMatch(/Subscribe error/)
    const granted = await new Promise<number[]>((resolve, reject) =>
      c.subscribe('#', { qos: 0 }, (err, g) =>
        err ? reject(err) : resolve((g ?? []).map((x) => x.qos))
      )
    )
    expect(granted).toEqual([0])
  })

  it('cannot take Puente’s client id: refused, and Puente stays connected', async () => {
    const h = await hub()
    const port = await openClass(h)
    await connected(h)
    const id = h.settings.mqtt.clientId
    for (let i = 0; i < 3; i++)
      await expect(student(port, { clientId: id })).rejects.toMatchObject({ code: 2 })
    expect(h.link?.status.state).toBe('connected')
    const state = await cmd(h, 'classroom:get-state')
    expect(state.clients.filter((c) => c.id === id).map((c) => c.internal)).toEqual([true])
    expect(h.snapshot().notices.map((n) => n.code)).toContain('broker-refused-client-id')
  })

  it('slows password guessing per address, says how many failed from where, and lets the right password in', async () => {
    const h = await hub()
    const port = await openClass(h)
    const waits: number[] = []
    for (let i = 0; i < 4; i++) {
      const start = Date.now()
      await expect(
        student(port, { clientId: `adivino_${i}`, password: `adivina-${i}-xx` })
      ).rejects.toMatchObject({ code: 4 })
      waits.push(Date.now() - start)
    }
    // after the 1st, 2nd and 3rd failures the next try waits at least 250, 500 and 1000 ms
    expect(waits[1]).toBeGreaterThanOrEqual(240)
    expect(waits[2]).toBeGreaterThanOrEqual(490)
    expect(waits[3]).toBeGreaterThanOrEqual(990)
    const told = h.snapshot().notices.filter((n) => n.code === 'broker-refused-credentials')
    expect(told.at(-1)?.message).toMatch(/^4 failed attempts from 127\.0\.0\.1/)
    expect(told.at(-1)?.params).toMatchObject({ count: 4, address: '127.0.0.1' })

    // a flood from the same address is refused without its passwords tried; the first in line,
    // with the right password, gets in when its turn comes
    const flood = Array.from({ length: 30 }, (_, i) =>
      student(port, { clientId: `flood_${i}` }).then(
        () => 0,
        (err: { code?: number }) => err.code ?? -1
      )
    )
    const first = await Promise.race(flood.filter((_, i) => i >= 20))
    expect(first).toBe(3)
    expect(await flood[0]).toBe(0)
    for (const c of clients.splice(0)) c.end(true)
  }, 60_000)
})
