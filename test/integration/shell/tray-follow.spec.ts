// The tray following the real core: the board on a socat pty, the class broker opened and closed
// from the menu, the active profile and the MQTT state in the tooltip. Electron's Tray cannot run
// here, so TrayService gets the named mock through its createTray seam; everything else is real.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import type { WindowTab } from '../../../electron/contract'
import type { Puente } from '../../../electron/core/puente'
import { followHub, toggleClassBroker, type TrayHub } from '../../../electron/main/tray-follow'
import { BoardSim, SIM_BOARD_ID } from '../../sim/board-sim'
import { cmd, connected, startTestHub, tempDir, until } from '../../helpers/hub'
import { freePort } from '../../helpers/ports'
import { missingTools } from '../../helpers/tools'
import { mockTray } from '../../helpers/mock-tray'

let hub: Puente | undefined
let sim: BoardSim | undefined
const cleanups: (() => void)[] = []
afterEach(async () => {
  cleanups.splice(0).forEach((f) => f())
  await hub?.stop()
  await sim?.stop()
  hub = undefined
  sim = undefined
})

/** Connects like a student's board would; resolves true on CONNACK, false when refused. */
function studentConnects(url: string, username: string, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c: MqttClient = mqtt.connect(url, {
      username,
      password,
      reconnectPeriod: 0,
      connectTimeout: 5000
    })
    c.once('connect', () => {
      c.end(true)
      resolve(true)
    })
    c.once('error', () => {
      c.end(true)
      resolve(false)
    })
    c.once('close', () => resolve(false))
  })
}

const skipPty = missingTools('socat')

describe.skipIf(skipPty)('tray: the board on a pty', () => {
  it('shows connected with port and board id (board dot on the icon), disconnected on unplug, back on replug', async () => {
    sim = await BoardSim.start({ repl: false })
    hub = await startTestHub({ board: { serial: sim.hostPath } })
    const h = hub
    await connected(h)
    // the board was there before the tray: its state comes from board:get-state
    await until(() => h.services.board.status.boardId === SIM_BOARD_ID, 'hello from the board')
    const { service, tray } = mockTray({ language: 'es' })
    cleanups.push(followHub(service, h, 'es-ES'))
    const on = `Placa: conectada (${sim.hostPath} · id ${SIM_BOARD_ID})`
    await until(
      () => tray.item('board')?.label === on,
      `"${on}" (is "${tray.item('board')?.label}")`
    )
    expect(tray.icon).toBe('connected-board.png')
    expect(tray.tooltip.split('\n')).toContain(on)

    await sim.unplug()
    await until(
      () => tray.item('board')?.label?.startsWith('Placa: desconectada') === true,
      'the disconnected line'
    )
    // the reason in the tray's language, naming the port once
    expect(tray.item('board')?.label).toBe(
      `Placa: desconectada (Se desenchufó la placa de ${sim.hostPath}. Al volver a enchufarla se reconecta sola.)`
    )
    expect(tray.icon).toBe('connected.png')
    expect(tray.tooltip).toContain('Placa: desconectada')

    const menusBefore = tray.menus.length
    await sim.plug()
    await until(() => tray.item('board')?.label === on, 'connected again after the replug')
    expect(tray.icon).toBe('connected-board.png')
    // Linux shows a changed menu only when it is set again
    expect(tray.menus.length).toBeGreaterThan(menusBefore)
  })

  it('says searching while it looks for a board, and error with the reason for a port that is not serial', async () => {
    hub = await startTestHub({ board: { serial: 'off' } })
    const h = hub
    await connected(h)
    const { service, tray } = mockTray({ language: 'en' })
    // the tray asks the core for the board's state: once that answer is in, it has been drawn
    const asked: Promise<unknown>[] = []
    const watched: TrayHub = {
      link: h.link,
      settings: h.settings,
      events: h.events,
      invoke: (name, input) => {
        const answer = h.invoke(name, input)
        asked.push(answer)
        return answer
      }
    }
    cleanups.push(followHub(service, watched, 'en-US'))
    await Promise.all(asked)
    // serial "off": the board part is off, the tray shows no board line
    expect(asked.length).toBeGreaterThan(0)
    expect(tray.item('board')).toBeUndefined()

    await cmd(h, 'board:select-port', { serial: 'auto' })
    await until(
      () => tray.item('board')?.label === 'Board: searching…',
      `searching (is "${tray.item('board')?.label}")`
    )
    expect(tray.icon).toBe('connected.png')

    // a plain file is no serial port: the board part says so
    const notSerial = path.join(tempDir(), 'not-a-port')
    writeFileSync(notSerial, 'hola\n')
    await cmd(h, 'board:select-port', { serial: notSerial })
    await until(
      () => tray.item('board')?.label?.startsWith('Board: error') === true,
      `the error line (is "${tray.item('board')?.label}")`
    )
    const line = tray.item('board')!.label!
    // the port once, and why
    expect(line).toBe(`Board: error (${notSerial} is not a serial port.)`)
    expect(tray.tooltip).toContain(line)
    expect(tray.icon).toBe('connected.png')
  })
})

describe('tray: the class broker entry', () => {
  it('a checkbox that opens the class broker to the network, then shows the Class tab; unchecks when it closes', async () => {
    hub = await startTestHub()
    const h = hub
    await connected(h)
    const tabs: { tab: WindowTab; host: string }[] = []
    const { service, tray } = mockTray({
      language: 'es',
      actions: {
        classBroker: () =>
          void toggleClassBroker(h, service, (tab) => tabs.push({ tab, host: h.brokerStatus.host }))
      }
    })
    cleanups.push(followHub(service, h, 'es-ES'))
    await until(() => tray.item('class') !== undefined, 'the class broker entry')
    expect(tray.item('class')).toMatchObject({
      type: 'checkbox',
      label: 'Broker de la clase',
      checked: false
    })
    expect(h.brokerStatus.host).toBe('127.0.0.1')

    tray.item('class')!.click!()
    await until(() => tray.item('class')?.checked === true, 'the checked entry')
    await until(() => tabs.length === 1, 'the window on the Class tab')
    // the window comes up on the Class tab once the broker is open, so the password is there to read
    expect(tabs[0]).toEqual({ tab: 'class', host: '0.0.0.0' })
    const state = await cmd(h, 'classroom:get-state')
    expect(state.open).toBe(true)
    expect(
      await studentConnects(`mqtt://127.0.0.1:${state.port}`, state.username, state.password)
    ).toBe(true)
    expect(
      await studentConnects(`mqtt://127.0.0.1:${state.port}`, state.username, 'wrong-password')
    ).toBe(false)

    tray.item('class')!.click!()
    await until(() => tray.item('class')?.checked === false, 'the unchecked entry')
    await until(() => tabs.length === 2, 'the Class tab again')
    expect(h.brokerStatus.host).toBe('127.0.0.1')

    // opened from the window: the tray follows classroom:state
    await cmd(h, 'classroom:open')
    await until(() => tray.item('class')?.checked === true, 'checked after the window opened it')
    await cmd(h, 'classroom:close')
    await until(() => tray.item('class')?.checked === false, 'unchecked after the window closed it')
  })

  it('on another broker the entry cannot open it: it stays unchecked and the Class tab says why', async () => {
    hub = await startTestHub()
    const h = hub
    await connected(h)
    const tabs: WindowTab[] = []
    const results: boolean[] = []
    const { service, tray } = mockTray({
      language: 'en',
      actions: {
        classBroker: () =>
          void toggleClassBroker(h, service, (tab) => tabs.push(tab)).then((r) =>
            results.push(r.ok)
          )
      }
    })
    cleanups.push(followHub(service, h, 'en-US'))
    const nobody = await freePort()
    const saved = await cmd(h, 'profiles:save', {
      name: 'Aula 2',
      url: `mqtt://127.0.0.1:${nobody}`
    })
    const id = saved.profiles.find((p) => p.name === 'Aula 2')!.id
    await cmd(h, 'profiles:activate', { id })
    await until(() => tray.item('class') !== undefined, 'the class broker entry')

    tray.item('class')!.click!()
    await until(() => results.length === 1, 'the click handled')
    expect(results[0]).toBe(false)
    expect(tabs).toEqual(['class'])
    expect(tray.item('class')?.checked).toBe(false)
    const state = await cmd(h, 'classroom:get-state')
    expect(state).toMatchObject({ available: false, open: false })
  })
})

describe('tray: the tooltip names the active profile and the MQTT state', () => {
  it('follows profiles:state and mqtt:status, in the tray language', async () => {
    hub = await startTestHub({}, tempDir())
    const h = hub
    await connected(h)
    const { service, tray } = mockTray({ language: 'es' })
    cleanups.push(followHub(service, h, 'es-ES'))
    await until(() => tray.tooltip.includes('Conectado'), 'connected in the tooltip')
    expect(tray.tooltip.split('\n')).toEqual(
      expect.arrayContaining(['Perfil: Este ordenador', `Conectado · ${h.brokerUrl}`])
    )

    // a custom profile whose broker is not there: its name, and the link trying, with the reason
    const nobody = await freePort()
    const saved = await cmd(h, 'profiles:save', {
      name: 'Aula 2',
      url: `mqtt://127.0.0.1:${nobody}`
    })
    await cmd(h, 'profiles:activate', { id: saved.profiles.find((p) => p.name === 'Aula 2')!.id })
    await until(
      () => tray.tooltip.includes('Perfil: Aula 2'),
      `the new profile (tooltip "${tray.tooltip}")`
    )
    await until(() => tray.icon === 'error.png', 'the error icon', 10_000)
    expect(tray.tooltip).toContain(`mqtt://127.0.0.1:${nobody}`)
    expect(tray.tooltip).toMatch(/Reconectando…|Conectando…|Sin conexión/)

    // back to this computer, and the tray in English
    await cmd(h, 'profiles:activate', { id: 'local' })
    await cmd(h, 'settings:update', { language: 'en' })
    await until(
      () => tray.tooltip.includes('Profile: This computer'),
      `the built-in profile in English ("${tray.tooltip}")`
    )
    await until(() => tray.tooltip.includes('Connected · '), 'connected again')
    expect(tray.item('profile')?.label).toBe('Profile: This computer')
  })
})
