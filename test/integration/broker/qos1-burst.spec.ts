import mqtt, { type MqttClient } from 'mqtt'
import { afterEach, describe, it } from 'vitest'
import { mosquittoPub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'
import { tempDir, until } from '../../helpers/hub'
import { startedHubs } from '../../helpers/started-hubs'

const skip = missingTools('mosquitto_pub')
const hub = startedHubs()
const clients: MqttClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.end(true)
})

const N = 10_000

/**
 * A subscriber to burst/# at QoS 1 that records every distinct payload it receives; with
 * `subscribe` false it relies on the subscription its persistent session kept.
 */
async function subscriber(
  port: number,
  clientId: string,
  clean: boolean,
  subscribe = true
): Promise<{ c: MqttClient; seen: Set<string> }> {
  const seen = new Set<string>()
  const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId, clean, reconnectPeriod: 0 })
  clients.push(c)
  c.on('message', (_t, p) => seen.add(p.toString()))
  await new Promise((resolve, reject) => c.once('connect', resolve).once('error', reject))
  if (subscribe) await new Promise((resolve) => c.subscribe('burst/#', { qos: 1 }, resolve))
  return { c, seen }
}

/** `N` lines `<prefix>-<i>`, one QoS 1 message each through mosquitto_pub -l. */
function burst(port: number, prefix: string): Promise<void> {
  const lines = Array.from({ length: N }, (_, i) => `${prefix}-${i}`).join('\n') + '\n'
  return mosquittoPub(port, ['-q', '1', '-t', 'burst/x', '-l', '-i', `pub-${prefix}`], lines)
}

describe.skipIf(skip)('embedded broker: every acknowledged QoS 1 message is delivered', () => {
  it('delivers a 10,000-message burst to persistent and clean subscribers, and after a restart', async () => {
    const dir = tempDir()
    const h1 = await hub(dir)
    const port1 = h1.brokerStatus.port
    const a = await subscriber(port1, 'persistente_a', false)
    const b = await subscriber(port1, 'persistente_b', false)
    const c = await subscriber(port1, 'limpio', true)
    // mosquitto_pub exits 0 only when every PUBACK came back
    await burst(port1, 'uno')
    for (const [name, s] of [
      ['a', a],
      ['b', b],
      ['clean', c]
    ] as const)
      await until(() => s.seen.size === N, `${name}: ${s.seen.size} of ${N}`, 30_000)

    // b goes away; what is published meanwhile waits for it across a broker restart
    await new Promise<void>((resolve) => b.c.end(false, {}, () => resolve()))
    await burst(port1, 'dos')
    await until(() => a.seen.size === 2 * N, `a: ${a.seen.size} of ${2 * N}`, 30_000)
    await h1.stop()

    const h2 = await hub(dir)
    const port2 = h2.brokerStatus.port
    const back = await subscriber(port2, 'persistente_b', false)
    const count = (s: Set<string>, prefix: string): number =>
      [...s].filter((p) => p.startsWith(prefix)).length
    await until(
      () => count(back.seen, 'dos-') === N,
      `b after the restart: ${back.seen.size} of ${N}`,
      60_000
    )

    // a new burst after the restart reaches a's session as restored from disk (no new SUBSCRIBE)
    const againA = await subscriber(port2, 'persistente_a', false, false)
    await burst(port2, 'tres')
    for (const [name, s] of [
      ['a, restored', againA],
      ['b', back]
    ] as const)
      await until(
        () => count(s.seen, 'tres-') === N,
        `${name}: ${count(s.seen, 'tres-')} of ${N}`,
        30_000
      )
  }, 180_000)
})
