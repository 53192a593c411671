import mqtt from 'mqtt'
import { describe, expect, it } from 'vitest'
import { KEEP_NOTICES } from '../../../electron/core/notices'
import { problem } from '../../../electron/core/util/problem'
import { cmd } from '../../helpers/hub'
import { startedHubs } from '../../helpers/started-hubs'

const hub = startedHubs()

/** One connection without credentials; resolves with the broker's refusal code. */
function anonymous(port: number, clientId: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId, reconnectPeriod: 0 })
    c.once('connect', () => {
      c.end(true)
      resolve(undefined)
    })
    c.once('error', (err) => {
      c.end(true)
      resolve((err as { code?: number }).code)
    })
  })
}

describe('a flood of refused class clients, each with a new client id', () => {
  it('is one notice per address with its count, and the notices before it stay', async () => {
    const h = await hub()
    const earlier = h.notices.notify('warning', problem('mqtt-lost', 'the link dropped earlier'))
    const { port } = await cmd(h, 'classroom:open', { password: 'clase-secreta-9' })
    const N = KEEP_NOTICES + 10
    for (let i = 0; i < N; i++) expect(await anonymous(port, `intruso_${i}`)).toBe(5)
    const notices = h.snapshot().notices
    const refused = notices.filter((n) => n.code === 'broker-refused-anonymous')
    expect(refused.map((n) => n.count)).toEqual([N])
    expect(refused[0].message).toMatch(new RegExp(`^intruso_${N - 1} \\(127\\.0\\.0\\.1\\)`))
    expect(notices.some((n) => n.id === earlier.id)).toBe(true)
  })
})
