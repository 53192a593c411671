import type {
  CommandInput,
  CommandName,
  CommandResult,
  TrafficMessage
} from '../../electron/contract'
import type { Hub, SettingsOverrides } from '../../electron/core/hub'
import { startPuente, type Puente } from '../../electron/core/puente'
import { freePort } from './ports'
import { tempDir } from './tmp'

export { tempDir }

/**
 * Starts the whole core in this process on free ports and a temp data dir (embedded broker
 * unless `overrides.mqtt.url` says otherwise).
 */
export async function startTestHub(
  overrides: SettingsOverrides = {},
  dataDir = tempDir()
): Promise<Puente> {
  const base: SettingsOverrides = { broker: { port: await freePort(), wsPort: await freePort() } }
  return startPuente({
    dataDir,
    host: 'web',
    version: 'test',
    overrides: { ...base, ...overrides, broker: { ...base.broker, ...overrides.broker } }
  })
}

/** Polls `pred` until true or fails after `ms` with `what`. */
export async function until(pred: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Waits until the hub's MQTT link is connected. */
export function connected(hub: Hub, ms = 10_000): Promise<void> {
  return until(
    () => hub.link?.status.state === 'connected',
    `MQTT connected (is ${hub.link?.status.state})`,
    ms
  )
}

/** The incoming messages in the ring on `topic`. */
export function received(hub: Hub, topic: string): TrafficMessage[] {
  return hub.traffic.ring
    .query({ limit: 100_000 })
    .filter((m) => m.dir === 'in' && m.topic === topic)
}

/** Runs a command through the contract and returns its value; throws with the refusal's words. */
export async function cmd<K extends CommandName>(
  hub: Hub,
  name: K,
  ...input: Record<string, never> extends CommandInput<K> ? [CommandInput<K>?] : [CommandInput<K>]
): Promise<CommandResult<K>> {
  const r = await hub.invoke(name, input[0])
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
  return r.value
}
