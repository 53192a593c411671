import mqtt from 'mqtt'
import { describe, expect, it } from 'vitest'
import { problem } from '../../../electron/core/util/problem'
import { until } from '../../helpers/hub'
import { mosquittoPub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'
import { startedHubs } from '../../helpers/started-hubs'

const skip = missingTools('mosquitto_pub')
const hub = startedHubs()

describe.skipIf(skip)('a flood of bad colours', () => {
  it('gives one notice with its count and about one error message a second, each with its count', async () => {
    const h = await hub()
    await h.updateSettings({ board: { serial: 'off' } })
    const port = h.brokerStatus.port
    const id = h.settings.mqtt.clientId
    const watcher = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: 'vigilante' })
    const errors: { count: number; code: string }[] = []
    watcher.on('message', (_t, p) => errors.push(JSON.parse(p.toString())))
    await new Promise((r) => watcher.once('connect', r))
    await new Promise((r) => watcher.subscribe(`puente/${id}/error`, { qos: 0 }, r))
    let pushed = 0
    h.events.on('board:rejected', () => pushed++)

    const N = 2000
    const lines = Array.from({ length: N }, () => '{"r":300,"g":0,"b":0}').join('\n') + '\n'
    await mosquittoPub(port, ['-t', h.settings.topics.led, '-q', '1', '-l'], lines)
    const total = (): number => errors.reduce((sum, e) => sum + e.count, 0)
    await until(() => total() === N, `error counts adding up to ${N} (have ${total()})`, 10_000)
    // 2,000 refusals, a few messages: one a second while they last, plus the last with its count
    expect(errors.length).toBeLessThan(N / 10)
    expect(new Set(errors.map((e) => e.code)).size).toBe(1)

    const notices = h.snapshot().notices.filter((n) => n.code === errors[0].code)
    expect(notices).toHaveLength(1)
    expect(notices[0].count).toBe(N)
    // the windows get the refusals coalesced, not one push per bad colour
    expect(pushed).toBeGreaterThan(0)
    expect(pushed).toBeLessThan(N / 10)
    watcher.end(true)
  })

  it('collapses bad colours whose words differ (a new field name each) by code and fault, and keeps the earlier error notice', async () => {
    const h = await hub()
    await h.updateSettings({ board: { serial: 'off' } })
    const earlier = h.notices.notify('error', problem('mqtt-lost', 'the link dropped earlier'))
    const port = h.brokerStatus.port
    const id = h.settings.mqtt.clientId
    const watcher = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: 'vigilante' })
    const errors: { count: number; code: string; reason: string }[] = []
    watcher.on('message', (_t, p) => errors.push(JSON.parse(p.toString())))
    await new Promise((r) => watcher.once('connect', r))
    await new Promise((r) => watcher.subscribe(`puente/${id}/error`, { qos: 0 }, r))

    const N = 2000
    const lines = Array.from({ length: N }, (_, i) => `{"r":1,"g":2,"b":3,"campo${i}":0}`)
    await mosquittoPub(
      port,
      ['-t', h.settings.topics.led, '-q', '1', '-l'],
      lines.join('\n') + '\n'
    )
    const total = (): number => errors.reduce((sum, e) => sum + e.count, 0)
    await until(() => total() === N, `error counts adding up to ${N} (have ${total()})`, 10_000)
    expect(errors.length).toBeLessThan(N / 10)
    expect(errors.at(-1)!.reason).toMatch(/unexpected field "campo\d+"/)

    const notices = h.snapshot().notices
    expect(notices.filter((n) => n.code === 'bad-colour').map((n) => n.count)).toEqual([N])
    expect(notices.find((n) => n.id === earlier.id)).toMatchObject({ level: 'error' })
    watcher.end(true)
  })
})
