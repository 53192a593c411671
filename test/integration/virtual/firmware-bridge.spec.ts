import { afterEach, describe, expect, it } from 'vitest'
import type { Puente } from '../../../electron/core/puente'
import { cmd, connected, startTestHub, until } from '../../helpers/hub'
import { MqttWatch } from '../../helpers/mqtt-watch'

/**
 * The virtual board with no folder runs Puente's firmware and is bridged like a USB board; its
 * own topics (LED, button, console) work the same. Checked through MQTT, as a class would.
 */
describe("the virtual board running Puente's firmware, bridged like a USB board", () => {
  let hub: Puente | undefined
  let watch: MqttWatch | undefined

  afterEach(async () => {
    await watch?.stop()
    await hub?.stop()
  })

  async function start(): Promise<{ hub: Puente; watch: MqttWatch; base: string }> {
    hub = await startTestHub({ board: { serial: 'virtual' }, virtual: { board: '' } })
    await connected(hub)
    const base = `puente/${hub.settings.mqtt.clientId}/virtual`
    watch = await MqttWatch.start(hub.brokerUrl, ['clase_eoi/#', `${base}/#`])
    const h = hub
    await until(() => !!h.services.board.status.boardId, 'the firmware says hello', 10_000)
    return { hub: h, watch, base }
  }

  it('the button topic presses BOOT: clase_eoi/boton; clase_eoi/led lights the LED topic', async () => {
    const { hub, watch, base } = await start()
    // the tray and the Board tab show it as the connected board
    expect(hub.services.board.status).toMatchObject({ state: 'connected', port: 'virtual' })
    expect(hub.services.virtual.state).toMatchObject({ mode: 'firmware', run: 'running' })
    await watch.publish(`${base}/button`, 'press')
    const msg = JSON.parse(await watch.waitFor('clase_eoi/boton', () => true))
    expect(msg).toMatchObject({ pressed: true, board: hub.services.board.status.boardId })
    await watch.publish('clase_eoi/led', '{"r":255,"g":0,"b":64}')
    await watch.waitFor(`${base}/led`, (t) => t === '{"r":255,"g":0,"b":64}')
    await until(() => hub.services.board.status.colour?.b === 64, 'the colour the firmware reports')
    // the firmware's own lines are on the console topic (it says which colour it set)
    await watch.waitFor(`${base}/console`, (t) => ledReport(t) === '255,0,64')
  })

  it('switching to auto and back is one control; the last colour comes back', async () => {
    const { hub, watch, base } = await start()
    await watch.publish('clase_eoi/led', '{"r":1,"g":2,"b":3}')
    await watch.waitFor(`${base}/led`, (t) => t === '{"r":1,"g":2,"b":3}')
    const seen = watch.on(`${base}/led`).length
    await cmd(hub, 'board:select-port', { serial: 'auto' })
    await until(() => hub.services.virtual.state.run === 'stopped', 'the firmware stopped')
    expect(hub.services.board.status.mode).toBe('auto')
    await cmd(hub, 'board:select-port', { serial: 'virtual' })
    await until(() => hub.services.board.status.state === 'connected', 'the virtual board again')
    // dark while off, then (maybe through the channels set in turn) the colour the bridge re-sends
    const after = (): string[] => watch.on(`${base}/led`).slice(seen)
    await until(
      () => after()[0] === '{"r":0,"g":0,"b":0}' && after().at(-1) === '{"r":1,"g":2,"b":3}',
      'dark, then the colour again',
      10_000
    ).catch((err: Error) => {
      throw new Error(`${err.message}; saw ${after().join(' ')}`)
    })
  })

  it('a soft reset: the firmware greets again and gets the colour back', async () => {
    const { hub, watch, base } = await start()
    await watch.publish('clase_eoi/led', '{"r":9,"g":9,"b":9}')
    await watch.waitFor(`${base}/led`, (t) => t === '{"r":9,"g":9,"b":9}')
    const hellos = (): number =>
      watch.on(`${base}/console`).filter((t) => t.includes('"hello"')).length
    const before = hellos()
    await cmd(hub, 'virtual:reset')
    await until(() => hellos() > before, 'a second hello', 15_000)
    // the bridge answers the new hello with the colour; the firmware says it set it
    const lines = watch.on(`${base}/console`)
    const hello = lines.findLastIndex((t) => t.includes('"hello"'))
    await until(
      () =>
        watch
          .on(`${base}/console`)
          .slice(hello)
          .some((t) => ledReport(t) === '9,9,9'),
      'the colour set again after the reset',
      15_000
    )
    expect(watch.on(`${base}/led`).at(-1)).toBe('{"r":9,"g":9,"b":9}')
  })
})

/** The colour in the firmware's `{"led": {...}}` line as "r,g,b" (its keys come in any order). */
function ledReport(line: string): string | undefined {
  const m = /^\{"led": ?(\{.*\})\}$/.exec(line)
  if (!m) return undefined
  const c = JSON.parse(m[1]) as { r: number; g: number; b: number }
  return `${c.r},${c.g},${c.b}`
}
