import { existsSync } from 'node:fs'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConsoleLine } from '../../../electron/contract'
import type { Puente } from '../../../electron/core/puente'
import { cmd, connected, startTestHub, tempDir, until } from '../../helpers/hub'
import { MqttWatch } from '../../helpers/mqtt-watch'

/** The virtual board's commands as a window uses them, and its console. */
describe("the virtual board's service", () => {
  let hub: Puente | undefined
  let watch: MqttWatch | undefined
  afterEach(async () => {
    await watch?.stop()
    await hub?.stop()
  })

  it("has a folder per board in the data directory; files go through the contract's checks", async () => {
    const dataDir = tempDir()
    hub = await startTestHub({}, dataDir)
    const snap = await cmd(hub, 'virtual:get-state')
    expect(snap.state).toMatchObject({ mode: 'folder', run: 'stopped' })
    expect(snap.state.dir).toBe(path.join(dataDir, 'boards', 'clase'))
    expect(snap.state.files.map((f) => f.path)).toEqual(['main.py'])
    const main = await cmd(hub, 'virtual:read-file', { path: 'main.py' })
    expect(main.text).toContain(`PUERTO = ${hub.settings.broker.port}`)
    const bad = await hub.dispatch('virtual:write-file', { path: '../fuera.py', text: 'x' })
    expect(bad.ok).toBe(false)
    expect(existsSync(path.join(dataDir, 'boards', 'fuera.py'))).toBe(false)
    const files = await cmd(hub, 'virtual:write-file', { path: 'lib/mio.py', text: 'X = 1\n' })
    expect(files.map((f) => f.path)).toEqual(['lib/mio.py', 'main.py'])
    expect(hub.services.virtual.state.files).toEqual(files)
    await cmd(hub, 'virtual:rename-file', { from: 'lib/mio.py', to: 'lib/tuyo.py' })
    const zip = await cmd(hub, 'virtual:export')
    expect(Object.keys(unzipSync(Buffer.from(zip.base64, 'base64'))).sort()).toEqual([
      'lib/tuyo.py',
      'main.py'
    ])
    expect((await cmd(hub, 'virtual:delete-file', { path: 'lib/tuyo.py' })).length).toBe(1)
    // another board name in settings is another folder
    await cmd(hub, 'settings:update', { virtual: { board: 'tarde' } })
    await until(() => hub!.services.virtual.state.dir.endsWith('tarde'), 'the other folder')
    expect(existsSync(path.join(dataDir, 'boards', 'tarde', 'main.py'))).toBe(true)
  })

  it("with no board name it is Puente's firmware: shown, not editable", async () => {
    hub = await startTestHub({ virtual: { board: '' } })
    const snap = await cmd(hub, 'virtual:get-state')
    expect(snap.state.mode).toBe('firmware')
    expect(snap.state.files.map((f) => f.path)).toContain('puente.py')
    const r = await hub.dispatch('virtual:write-file', { path: 'main.py', text: 'x' })
    expect(r.ok ? 'written' : r.error.code).toBe('virtual-firmware-readonly')
  })

  it('keeps the last 500 console lines, pushes them in batches, and caps them on MQTT', async () => {
    hub = await startTestHub()
    await connected(hub)
    const base = `puente/${hub.settings.mqtt.clientId}/virtual`
    watch = await MqttWatch.start(hub.brokerUrl, [`${base}/console`])
    const pushes: ConsoleLine[][] = []
    let dropped = 0
    hub.events.on('virtual:console', (e) => {
      pushes.push(e.lines)
      dropped += e.dropped
    })
    await cmd(hub, 'virtual:write-file', {
      path: 'main.py',
      text: 'for i in range(700):\n    print("linea", i)\n'
    })
    await cmd(hub, 'virtual:run')
    await until(() => hub!.services.virtual.state.run === 'finished', 'the program to end')
    // on MQTT: the first 200 of that second, then how many were left out
    await watch.waitFor(`${base}/console`, (t) => /^… \d+ lines not published/.test(t))
    expect(watch.on(`${base}/console`)).toContain('linea 0')
    expect(watch.on(`${base}/console`)).not.toContain('linea 699')
    const kept = (await cmd(hub, 'virtual:get-state')).console
    expect(kept).toHaveLength(500)
    expect(kept.at(-1)?.text).toBe('linea 699')
    await until(
      () => pushes.flat().filter((l) => l.stream === 'out').length + dropped === 700,
      'every line pushed or counted'
    )
    // batched: far fewer pushes than lines
    expect(pushes.length).toBeLessThan(100)
    // a batch holds at most 500 lines; the rest are counted, so the window can say so
    expect(pushes.flat().filter((l) => l.stream === 'out').length + dropped).toBe(700)
  })

  it("a mistake gets a hint in the console and on MQTT (the tutorial's client.suscribe)", async () => {
    hub = await startTestHub()
    await connected(hub)
    const port = new URL(hub.brokerUrl).port
    const base = `puente/${hub.settings.mqtt.clientId}/virtual`
    watch = await MqttWatch.start(hub.brokerUrl, [`${base}/console`])
    await cmd(hub, 'virtual:write-file', {
      path: 'main.py',
      text: [
        'import network',
        'from umqtt.simple import MQTTClient',
        'w = network.WLAN(network.STA_IF)',
        'w.active(True)',
        'w.connect("aula", "clave")',
        `client = MQTTClient("alumno", "127.0.0.1", port=${port})`,
        'client.connect()',
        'client.suscribe(b"clase_eoi")',
        ''
      ].join('\n')
    })
    await cmd(hub, 'virtual:run')
    await until(() => hub!.services.virtual.state.run === 'error', 'the error')
    await watch.waitFor(`${base}/console`, (t) => t.includes("has no attribute 'suscribe'"))
    await watch.waitFor(`${base}/console`, (t) => t.includes('subscribe'))
    const hint = (await cmd(hub, 'virtual:get-state')).console.find((l) => l.stream === 'hint')
    expect(hint?.problem?.code).toMatch(/^virtual-hint-/)
    expect(hub.services.virtual.state.exit?.code).toBe('virtual-exit-error')
  })
})
