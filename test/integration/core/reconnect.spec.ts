import { afterEach, describe, expect, it } from 'vitest'
import type { MqttStatus } from '../../../electron/contract'
import type { Puente as Hub } from '../../../electron/core/puente'
import { connected, received, startTestHub, until } from '../../helpers/hub'
import { Mosquitto, mosquittoPub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'

const skip = missingTools('mosquitto', 'mosquitto_pub')

describe.skipIf(skip)('reconnect after the broker goes away', () => {
  let hub: Hub | undefined
  let mosq: Mosquitto | undefined
  afterEach(async () => {
    await hub?.stop()
    await mosq?.stop()
    hub = mosq = undefined
  })

  it('mosquitto stopped and started again: Puente reconnects, resubscribes, and gets the QoS 1 messages sent meanwhile', async () => {
    mosq = new Mosquitto()
    await mosq.start()
    hub = await startTestHub({ mqtt: { url: mosq.url } })
    const states: MqttStatus[] = []
    hub.events.on('mqtt:status', (s) => states.push(s))
    await connected(hub)
    await mosquittoPub(mosq.port, ['-t', 'clase_eoi', '-q', '1', '-m', 'antes'])
    await until(() => received(hub!, 'clase_eoi').length === 1, 'the first message')

    await mosq.stop()
    await until(
      () => hub!.link!.status.state !== 'connected',
      'Puente to notice the broker is gone'
    )
    expect(hub.link!.status.problem?.message).toMatch(/lost|refused/)

    await mosq.start()
    // published before Puente is back: the broker keeps it in Puente's persistent session
    await mosquittoPub(mosq.port, ['-t', 'clase_eoi/boton', '-q', '1', '-m', 'durante'])
    await connected(hub, 15_000)
    await until(
      () => received(hub!, 'clase_eoi/boton').length === 1,
      'the message sent while Puente was away',
      10_000
    )
    // and the subscriptions work for new messages too
    await mosquittoPub(mosq.port, ['-t', 'temperatura_eoi', '-q', '0', '-m', 'después'])
    await until(
      () => received(hub!, 'temperatura_eoi').length === 1,
      'a message after the reconnect'
    )
    expect(states.map((s) => s.state)).toEqual(
      expect.arrayContaining(['offline', 'reconnecting', 'connected'])
    )
  })

  it('quits promptly even when the broker has stopped answering', async () => {
    mosq = new Mosquitto()
    await mosq.start()
    hub = await startTestHub({ mqtt: { url: mosq.url } })
    await connected(hub)
    mosq.signal('SIGSTOP') // alive but silent: no PUBACK, no DISCONNECT handling
    const states: string[] = []
    hub.events.on('mqtt:status', (s) => states.push(s.state))
    try {
      // the "offline" publish waits for a PUBACK that never comes: stop() bounds each step and
      // each part's stop; without those bounds it never returns and the test times out
      await hub.stop()
      hub = undefined
      // the link's own bounds fit in the hub's deadline: it ends disconnected, not cut short
      expect(states.at(-1)).toBe('disconnected')
    } finally {
      mosq.signal('SIGCONT')
    }
  })

  it('the embedded broker restarted: Puente reconnects by itself and resubscribes', async () => {
    hub = await startTestHub()
    await connected(hub)
    const port = hub.brokerStatus.port
    await hub.broker!.stop()
    await until(() => hub!.link!.status.state !== 'connected', 'Puente to notice')
    await hub.broker!.start()
    await connected(hub, 15_000)
    await mosquittoPub(port, ['-t', 'clase_eoi/otra', '-m', 'de vuelta'])
    await until(() => received(hub!, 'clase_eoi/otra').length === 1, 'a message after the restart')
  })

  it('says in words why it cannot connect: refused, host not found, bad credentials', async () => {
    const refused = await startTestHub({ mqtt: { url: 'mqtt://127.0.0.1:1' } })
    await until(() => refused.link!.status.problem !== undefined, 'a problem')
    expect(refused.link!.status.problem).toMatchObject({ code: 'mqtt-refused' })
    expect(refused.link!.status.problem!.message).toContain('mqtt://127.0.0.1:1')
    await refused.stop()

    const unknown = await startTestHub({ mqtt: { url: 'mqtt://no-such-host.invalid:1883' } })
    await until(() => unknown.link!.status.problem !== undefined, 'a problem')
    expect(unknown.link!.status.problem).toMatchObject({ code: 'mqtt-host-not-found' })
    await unknown.stop()

    mosq = new Mosquitto()
    await mosq.start('password_file ' + (await passwordFile(mosq.dir)) + '\nallow_anonymous false')
    hub = await startTestHub({ mqtt: { url: mosq.url, username: 'profe' } })
    expect(await hub.invoke('settings:update', { password: 'incorrecto' })).toMatchObject({
      ok: true
    })
    await until(() => hub!.link!.status.problem !== undefined, 'a problem')
    // mosquitto answers MQTT 3.1.1's "not authorised" (5) to a wrong password
    expect(hub.link!.status.problem!.code).toMatch(/^mqtt-(bad-credentials|not-authorized)$/)
    expect(hub.link!.status.problem!.message).toMatch(/user name (or|and) password/)
    const ok = await hub.invoke('settings:update', { password: 'secreto' })
    expect(ok).toMatchObject({ ok: true })
    await connected(hub)
  })
})

/** A mosquitto password file with profe/secreto. */
async function passwordFile(dir: string): Promise<string> {
  const { execFileSync } = await import('node:child_process')
  const file = `${dir}/passwd`
  execFileSync('mosquitto_passwd', ['-c', '-b', file, 'profe', 'secreto'])
  return file
}
