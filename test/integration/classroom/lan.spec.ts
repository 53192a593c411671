import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { cmd, connected, received, tempDir, until } from '../../helpers/hub'
import { startedHubs } from '../../helpers/started-hubs'

const hub = startedHubs()
const clients: MqttClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.end(true)
})

/** Connects a student's client; resolves with it, or rejects with the broker's refusal code. */
function student(url: string, opts: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5000, ...opts })
    clients.push(c)
    c.once('connect', () => resolve(c))
    c.once('error', (err) => reject(err))
    c.once('close', () => reject(new Error('closed before CONNACK')))
  })
}

function nextMessage(c: MqttClient, topic: string): Promise<string> {
  return new Promise((resolve) => {
    const on = (t: string, p: Buffer): void => {
      if (t !== topic) return
      c.off('message', on)
      resolve(p.toString())
    }
    c.on('message', on)
  })
}

describe('class broker (LAN mode), on loopback addresses only', () => {
  it('lets a client with the class credentials exchange messages with Puente over TCP and WebSocket', async () => {
    const h = await hub()
    const state = await cmd(h, 'classroom:open', { password: 'clase-secreta-1' })
    expect(state.open).toBe(true)
    expect(state.username).toBe('clase')
    expect(state.password).toBe('clase-secreta-1')
    expect(state.snippet).toContain('user="clase", password="clase-secreta-1"')
    expect(h.brokerStatus.host).toBe('0.0.0.0')
    // Puente's own link is still in (it uses the broker's internal credentials)
    await connected(h)

    const tcp = await student(`mqtt://127.0.0.1:${state.port}`, {
      clientId: 'alumno_01',
      username: 'clase',
      password: 'clase-secreta-1'
    })
    await new Promise((r) => tcp.subscribe('clase_eoi', { qos: 1 }, r))
    const got = nextMessage(tcp, 'clase_eoi')
    await h.publish('clase_eoi', Buffer.from('hola desde Puente'), 1, false)
    expect(await got).toBe('hola desde Puente')
    await new Promise((r) => tcp.publish('clase_eoi', 'hola desde alumno_01', { qos: 1 }, r))
    await until(
      () => received(h, 'clase_eoi').some((m) => m.payload === 'hola desde alumno_01'),
      'the student message at Puente'
    )

    const ws = await student(`ws://127.0.0.1:${state.wsPort}`, {
      clientId: 'alumno_02',
      username: 'clase',
      password: 'clase-secreta-1'
    })
    await new Promise((r) => ws.publish('clase_eoi', 'por websocket', { qos: 1 }, r))
    await until(
      () => received(h, 'clase_eoi').some((m) => m.payload === 'por websocket'),
      'the WebSocket message at Puente'
    )

    const after = await cmd(h, 'classroom:get-state')
    const a1 = after.clients.find((c) => c.id === 'alumno_01')
    expect(a1).toMatchObject({ address: '127.0.0.1', user: 'clase', internal: false })
    expect(a1!.messagesIn).toBeGreaterThanOrEqual(1)
    expect(a1!.messagesOut).toBeGreaterThanOrEqual(1)
    expect(after.clients.find((c) => c.id === 'alumno_02')).toBeTruthy()
    expect(after.clients.find((c) => c.internal)?.id).toBe(h.settings.mqtt.clientId)
    expect(after.stats.clients).toBe(2)
  })

  it('refuses a client without credentials or with a wrong password, and says so', async () => {
    const h = await hub()
    const { port } = await cmd(h, 'classroom:open', { password: 'clase-secreta-2' })
    await expect(
      student(`mqtt://127.0.0.1:${port}`, { clientId: 'anonimo' })
    ).rejects.toMatchObject({ code: 5 })
    await expect(
      student(`mqtt://127.0.0.1:${port}`, {
        clientId: 'alumno_x',
        username: 'clase',
        password: 'otra'
      })
    ).rejects.toMatchObject({ code: 4 })
    await expect(
      student(`mqtt://127.0.0.1:${port}`, {
        clientId: 'intruso',
        username: 'puente-internal',
        password: 'adivina'
      })
    ).rejects.toMatchObject({ code: 4 })
    const state = await cmd(h, 'classroom:get-state')
    expect(state.stats.refused).toBe(3)
    expect(state.problem?.message).toMatch(/wrong user name or password/)
    expect(h.snapshot().notices.map((n) => n.code)).toEqual(
      expect.arrayContaining(['broker-refused-anonymous', 'broker-refused-credentials'])
    )
  })

  it('enforces the limits on clients and message size with clear reasons', async () => {
    const h = await hub()
    await h.updateSettings({ classroom: { maxClients: 1, maxMessageBytes: 100 } })
    const { port } = await cmd(h, 'classroom:open', { password: 'clase-secreta-3' })
    const creds = { username: 'clase', password: 'clase-secreta-3' }
    const first = await student(`mqtt://127.0.0.1:${port}`, { clientId: 'alumno_01', ...creds })
    await expect(
      student(`mqtt://127.0.0.1:${port}`, { clientId: 'alumno_02', ...creds })
    ).rejects.toMatchObject({ code: 3 })
    expect(h.snapshot().notices.find((n) => n.code === 'broker-full')?.message).toMatch(
      /already has 1 clients \(its limit\)/
    )

    const closed = new Promise<void>((r) => first.once('close', () => r()))
    first.publish('clase_eoi', 'x'.repeat(200), { qos: 1 })
    await closed
    const notice = h.snapshot().notices.find((n) => n.code === 'broker-message-too-large')
    expect(notice?.message).toMatch(
      /alumno_01 sent 200 bytes on clase_eoi, more than the class broker's limit of 100 bytes/
    )
    expect(received(h, 'clase_eoi').some((m) => m.size === 200)).toBe(false)
    // Puente itself is not limited, and keeps serving
    await h.publish('clase_eoi', Buffer.from('y'.repeat(500)), 1, false)
    await until(
      () => received(h, 'clase_eoi').some((m) => m.size === 500),
      'Puente own large message'
    )
  })

  it('closing returns the broker to 127.0.0.1 and disconnects the students', async () => {
    const h = await hub()
    const { port } = await cmd(h, 'classroom:open', { password: 'clase-secreta-4' })
    const c = await student(`mqtt://127.0.0.1:${port}`, {
      clientId: 'alumno_01',
      username: 'clase',
      password: 'clase-secreta-4'
    })
    const gone = new Promise<void>((r) => c.once('close', () => r()))
    const state = await cmd(h, 'classroom:close')
    await gone
    expect(state.open).toBe(false)
    expect(h.brokerStatus.host).toBe('127.0.0.1')
    await connected(h)
    // local tools without credentials work again outside class mode
    const local = await student(`mqtt://127.0.0.1:${port}`, { clientId: 'herramienta' })
    expect(local.connected).toBe(true)
  })

  it('keeps the class password across restarts, and makes a new one on request', async () => {
    const dir = tempDir()
    const h1 = await hub(dir)
    const first = await cmd(h1, 'classroom:get-state')
    expect(first.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
    await h1.stop()
    const h2 = await hub(dir)
    expect((await cmd(h2, 'classroom:get-state')).password).toBe(first.password)
    const renewed = await cmd(h2, 'classroom:open', { newPassword: true })
    expect(renewed.password).not.toBe(first.password)
  })
})

describe('embedded broker store', () => {
  it('keeps retained messages and a persistent session (QoS 1 queued while away) across a restart', async () => {
    const dir = tempDir()
    const h1 = await hub(dir)
    const port1 = h1.brokerStatus.port
    const s1 = await student(`mqtt://127.0.0.1:${port1}`, {
      clientId: 'alumno_persistente',
      clean: false
    })
    await new Promise((r) => s1.subscribe('clase_eoi/privado', { qos: 1 }, r))
    await new Promise<void>((r) => s1.end(false, {}, () => r()))
    await h1.publish('clase_eoi/privado', Buffer.from('mientras no estabas'), 1, false)
    await h1.publish('clase_eoi/retenido', Buffer.from('22.5'), 1, true)
    await h1.stop()

    const h2 = await hub(dir)
    const port2 = h2.brokerStatus.port
    const queued = new Promise<string>((resolve) => {
      const c = mqtt.connect(`mqtt://127.0.0.1:${port2}`, {
        clientId: 'alumno_persistente',
        clean: false,
        reconnectPeriod: 0
      })
      clients.push(c)
      c.on('message', (t, p) => t === 'clase_eoi/privado' && resolve(p.toString()))
    })
    expect(await queued).toBe('mientras no estabas')
    const late = await student(`mqtt://127.0.0.1:${port2}`, { clientId: 'otro' })
    const retained = nextMessage(late, 'clase_eoi/retenido')
    late.subscribe('clase_eoi/retenido')
    expect(await retained).toBe('22.5')
  })
})
