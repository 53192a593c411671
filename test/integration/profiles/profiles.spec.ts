import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfilesState } from '../../../electron/contract'
import type { Puente as Hub } from '../../../electron/core/puente'
import { cmd, connected, received, tempDir, until } from '../../helpers/hub'
import { startedHubs } from '../../helpers/started-hubs'
import { Mosquitto, mosquittoPub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'

const missing = missingTools('mosquitto', 'mosquitto_pub', 'mosquitto_passwd')
const hub = startedHubs()

describe.skipIf(missing)(`profiles ${missing ?? ''}`, () => {
  const open = new Mosquitto()
  const locked = new Mosquitto()
  beforeAll(async () => {
    await open.start()
    const pwfile = path.join(locked.dir, 'passwd')
    execFileSync('mosquitto_passwd', ['-c', '-b', pwfile, 'profe', 'buena-clave'])
    await locked.start(`password_file ${pwfile}\nallow_anonymous false`)
  })
  afterAll(async () => {
    await open.stop()
    await locked.stop()
  })

  it('has "This computer" and HiveMQ public (TCP and WebSocket) built in, "This computer" active', async () => {
    const h = await hub()
    const s = await cmd(h, 'profiles:get-state')
    expect(s.active).toBe('local')
    expect(s.activeName).toMatch(/This computer/)
    expect(s.profiles.map((p) => p.url)).toEqual([
      'embedded',
      'mqtt://broker.hivemq.com:1883',
      'ws://broker.hivemq.com:8000/mqtt'
    ])
    const refused = await h.invoke('profiles:delete', { id: 'hivemq' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'profile-builtin' } })
  })

  it('survives a restart, with the password only in the secret store', async () => {
    const dir = tempDir()
    const h1 = await hub(dir)
    const saved = await cmd(h1, 'profiles:save', {
      name: 'Mosquitto del aula',
      url: locked.url,
      username: 'profe',
      password: 'buena-clave'
    })
    const id = saved.profiles.find((p) => p.name === 'Mosquitto del aula')!.id
    await cmd(h1, 'profiles:activate', { id })
    await connected(h1)
    await h1.stop()

    const h2 = await hub(dir)
    const s = await cmd(h2, 'profiles:get-state')
    expect(s.active).toBe(id)
    expect(s.activeName).toBe('Mosquitto del aula')
    expect(s.profiles.find((p) => p.id === id)).toMatchObject({
      url: locked.url,
      username: 'profe',
      hasPassword: true,
      builtin: false
    })
    expect(h2.link!.status.url).toBe(locked.url)
    expect(readFileSync(path.join(dir, 'settings.json'), 'utf8')).not.toContain('buena-clave')
  })

  it('switching moves the subscriptions to the new broker, and back', async () => {
    const h = await hub()
    await cmd(h, 'mqtt:subscribe', { filter: 'extra/#' })
    const { profiles } = await cmd(h, 'profiles:save', {
      name: 'Abierto',
      url: open.url
    })
    const id = profiles.find((p) => p.name === 'Abierto')!.id
    const events: ProfilesState[] = []
    h.events.on('profiles:state', (s) => events.push(s))
    await cmd(h, 'profiles:activate', { id })
    await connected(h)
    expect(h.link!.status.url).toBe(open.url)
    expect(events.at(-1)?.activeName).toBe('Abierto')
    expect(h.broker).toBeUndefined() // the embedded broker is not needed any more
    await until(() => h.link!.connected, 'link to mosquitto')
    // the subscriptions moved: messages published on mosquitto arrive
    await retryUntilReceived(h, open.port, 'clase_eoi', 'en mosquitto')
    await retryUntilReceived(h, open.port, 'extra/uno', 'filtro propio')

    await cmd(h, 'profiles:activate', { id: 'local' })
    await connected(h)
    expect(h.brokerStatus.running).toBe(true)
    await retryUntilReceived(h, h.brokerStatus.port, 'clase_eoi', 'de vuelta en casa')
  })

  it('a wrong password is said in words, by the test button and by the link status', async () => {
    const h = await hub()
    const bad = await cmd(h, 'profiles:test', {
      url: locked.url,
      username: 'profe',
      password: 'mala'
    })
    expect(bad.ok).toBe(false)
    // mosquitto 2 answers a wrong password with CONNACK 5 (not authorised)
    expect(bad.problem).toMatchObject({ code: 'mqtt-not-authorized' })
    expect(bad.problem!.message).toBe(
      `${locked.url} refused this client as not authorised: check the user name and password.`
    )
    const good = await cmd(h, 'profiles:test', {
      url: locked.url,
      username: 'profe',
      password: 'buena-clave'
    })
    expect(good).toEqual({ ok: true, url: locked.url })
    const nobody = await cmd(h, 'profiles:test', {
      url: `mqtt://127.0.0.1:${await unusedPort()}`
    })
    expect(nobody.problem?.code).toBe('mqtt-refused')

    const { profiles } = await cmd(h, 'profiles:save', {
      name: 'Mal',
      url: locked.url,
      username: 'profe',
      password: 'mala'
    })
    const id = profiles.find((p) => p.name === 'Mal')!.id
    // the saved password is used by the test button when none is typed
    expect((await cmd(h, 'profiles:test', { id })).problem?.code).toBe('mqtt-not-authorized')
    await cmd(h, 'profiles:activate', { id })
    await until(
      () => h.link!.status.problem?.code === 'mqtt-not-authorized',
      'the link to say the password is wrong'
    )
    expect(h.link!.status.problem!.message).toMatch(/check the user name and password/)
    // fixing the password in the profile in use reconnects at once
    await cmd(h, 'profiles:save', {
      id,
      name: 'Mal',
      url: locked.url,
      username: 'profe',
      password: 'buena-clave'
    })
    await connected(h)
    // deleting the profile in use goes back to "This computer"
    const after = await cmd(h, 'profiles:delete', { id })
    expect(after.active).toBe('local')
    expect(after.profiles.some((p) => p.id === id)).toBe(false)
    expect(await h.config.secrets.get(`profile.${id}.password`)).toBeUndefined()
  })
})

async function unusedPort(): Promise<number> {
  const { freePort } = await import('../../helpers/ports')
  return freePort()
}

/** Publishes on `port` until the hub has received it (the subscription may take a moment). */
async function retryUntilReceived(
  h: Hub,
  port: number,
  topic: string,
  payload: string
): Promise<void> {
  const end = Date.now() + 10_000
  for (;;) {
    await mosquittoPub(port, ['-t', topic, '-m', payload, '-q', '1'])
    await new Promise((r) => setTimeout(r, 150))
    if (received(h, topic).some((m) => m.payload === payload)) return
    if (Date.now() > end) throw new Error(`${payload} on ${topic} never reached Puente`)
  }
}

describe('a saved password never goes to another broker', () => {
  it('is dropped when the profile gets a new address, and not used to test another address', async () => {
    const { createServer } = await import('node:net')
    // a fake "broker" that records what it is sent (a window must not reach the password this way)
    const seen: Buffer[] = []
    const trap = createServer((s) =>
      s.on('data', (d) => {
        seen.push(d)
        s.destroy()
      })
    )
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', () => r()))
    const trapUrl = `mqtt://127.0.0.1:${(trap.address() as { port: number }).port}`
    const h = await hub()
    try {
      const { profiles } = await cmd(h, 'profiles:save', {
        name: 'Guardado',
        url: 'mqtt://127.0.0.1:1',
        username: 'profe',
        password: 'no-me-robes'
      })
      const id = profiles.find((p) => p.name === 'Guardado')!.id
      const tested = await cmd(h, 'profiles:test', { id, url: trapUrl })
      expect(tested.problem?.message).toBe(
        `The connection to ${trapUrl} was cut by the other side.`
      )
      const moved = await cmd(h, 'profiles:save', {
        id,
        name: 'Guardado',
        url: trapUrl,
        username: 'profe'
      })
      expect(moved.profiles.find((p) => p.id === id)?.hasPassword).toBe(false)
      expect(await h.config.secrets.get(`profile.${id}.password`)).toBeUndefined()
      // the trap cuts a connection once it has read from it: all that was sent is in `seen`
      const again = await cmd(h, 'profiles:test', { id })
      expect(again.problem?.message).toBe(`The connection to ${trapUrl} was cut by the other side.`)
      expect(seen.length).toBeGreaterThan(0) // the trap did get connection attempts
      expect(Buffer.concat(seen).includes(Buffer.from('no-me-robes'))).toBe(false)
    } finally {
      trap.close()
    }
  })
})
