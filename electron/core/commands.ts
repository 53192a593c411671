import {
  isCommandName,
  parseCommand,
  type CommandArgs,
  type CommandName,
  type CommandResult,
  type Result
} from '../contract'
import { Base64Schema, fieldError } from '../contract'
import type { Hub } from './hub'
import { decodePayload } from './traffic/encode'
import { errorText, problem, PuenteError } from './util/problem'

export type Handlers = { [K in CommandName]: (args: CommandArgs<K>) => Promise<CommandResult<K>> }

/** The commands the hub answers itself: the app, settings, the MQTT link and the traffic. */
type CoreCommandName =
  | 'app:get-snapshot'
  | 'settings:update'
  | 'notices:dismiss'
  | `mqtt:${string}`
  | `traffic:${string}`
  | `shell:${string}`

/** The commands the services answer; the composition root wires them to their service. */
export type ServiceHandlers = Omit<Handlers, CoreCommandName>

/** The hub's own answers to the contract's commands (inputs already validated). */
export function coreHandlers(hub: Hub): Pick<Handlers, CoreCommandName & CommandName> {
  return {
    'app:get-snapshot': async () => hub.snapshot(),
    'settings:update': (patch) => hub.updateSettings(patch),
    'notices:dismiss': async ({ id }) => {
      hub.notices.dismiss(id)
      return null
    },
    'mqtt:connect': async () => {
      await hub.reconnect()
      return null
    },
    'mqtt:disconnect': async () => {
      await hub.disconnect()
      return null
    },
    'mqtt:publish': async ({ topic, payload, enc, qos, retain }) => {
      if (enc === 'base64' && fieldError(Base64Schema, payload))
        throw new PuenteError(problem('invalid-base64', 'The payload is not valid base64.'))
      await hub.publish(topic, decodePayload(payload, enc), qos, retain)
      await hub.config.rememberTopic(topic)
      return null
    },
    'mqtt:subscribe': async ({ filter }) => {
      const watch = hub.settings.mqtt.watch
      if (!watch.includes(filter)) await hub.updateSettings({ mqtt: { watch: [...watch, filter] } })
      return hub.settings.mqtt.watch
    },
    'mqtt:unsubscribe': async ({ filter }) => {
      await hub.updateSettings({
        mqtt: { watch: hub.settings.mqtt.watch.filter((f) => f !== filter) }
      })
      return hub.settings.mqtt.watch
    },
    'traffic:query': async (q) => hub.traffic.ring.query(q),
    // the tray app's shell answers these before they reach the core; any other host cannot
    'shell:open-log-folder': async () => shellOnly('shell:open-log-folder'),
    'shell:save-export': async () => shellOnly('shell:save-export')
  }
}

/** The refusal of a command only the tray app's shell can carry out. */
function shellOnly(command: string): never {
  throw new PuenteError(
    problem('shell-only', `${command} works only in the tray app, not in a browser.`, { command })
  )
}

/** Validates one command's input and runs its handler; never throws (a failure is a Problem). */
export async function runCommand<K extends CommandName>(
  handlers: Pick<Handlers, K>,
  name: K,
  input: unknown
): Promise<Result<CommandResult<K>>> {
  const parsed = parseCommand(name, input)
  if (!parsed.ok) return parsed
  const handler = handlers[name] as (args: CommandArgs<K>) => Promise<CommandResult<K>>
  try {
    return { ok: true, value: await handler(parsed.value) }
  } catch (err) {
    if (err instanceof PuenteError) return { ok: false, error: err.problem }
    console.error(`command ${name} failed:`, err)
    return {
      ok: false,
      error: problem('internal', `${name} failed: ${errorText(err)}`, {
        command: name,
        reason: errorText(err)
      })
    }
  }
}

/** Runs a command named by an untrusted string (a window's): unknown names are refused in words. */
export function dispatchCommand(
  handlers: Handlers,
  name: string,
  input: unknown
): Promise<Result<unknown>> {
  if (isCommandName(name)) return runCommand(handlers, name, input)
  const command = String(name).slice(0, 64)
  return Promise.resolve({
    ok: false,
    error: problem('unknown-command', `Unknown command "${command}".`, { command })
  })
}
