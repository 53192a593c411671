// The tray as a user sees it: its icon, tooltip and menu for each state of the core.
// Electron's Tray cannot run here, so TrayService gets a mock of it through its createTray seam.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  SettingsSchema,
  type Events,
  type LogState,
  type MqttStatus
} from '../../../electron/contract'
import { slowProblem, writeProblem } from '../../../electron/core/traffic/log-fault'
import { Emitter } from '../../../electron/core/util/events'
import { problem } from '../../../electron/core/util/problem'
import { followHub, type TrayHub } from '../../../electron/main/tray-follow'
import { trayIconFile, type TrayIconName } from '../../../electron/main/tray'
import { knownBounds, trayBehaviour } from '../../../electron/main/tray-platform'
import { trayLanguage } from '../../../electron/main/tray-texts'
import { ICONS, mockTray } from '../../helpers/mock-tray'

function setup(
  platform: NodeJS.Platform = 'linux',
  language: 'es' | 'en' = 'es'
): ReturnType<typeof mockTray> {
  return mockTray({ platform, language })
}

const status = (state: MqttStatus['state'], extra: Partial<MqttStatus> = {}): MqttStatus => ({
  state,
  url: 'mqtt://broker.hivemq.com:1883',
  clientId: 'puente-test',
  since: new Date().toISOString(),
  ...extra
})

describe('tray menu and icon', () => {
  it('opens with "Abrir Puente" first (AppIndicator ignores clicks), then status, connect and quit', () => {
    const { tray, calls } = setup('linux', 'es')
    expect(tray.menu[0]).toMatchObject({ id: 'open', label: 'Abrir Puente' })
    expect(tray.labels().at(-1)).toBe('Salir de Puente')
    tray.menu[0].click!()
    tray.item('quit')!.click!()
    expect(calls).toEqual(['open', 'quit'])
  })

  it('speaks English when the OS or the settings say so', () => {
    const { tray } = setup('linux', 'en')
    expect(tray.menu[0].label).toBe('Open Puente')
    expect(trayLanguage('auto', 'es-ES')).toBe('es')
    expect(trayLanguage('auto', 'en-GB')).toBe('en')
    expect(trayLanguage('en', 'es-ES')).toBe('en')
  })

  it('shows each link state in the icon, the status line and the tooltip', () => {
    const { service, tray } = setup('linux', 'es')
    expect(tray.icon).toBe('disconnected.png')

    service.update({ mqtt: status('connected') })
    expect(tray.icon).toBe('connected.png')
    expect(tray.item('status')).toMatchObject({
      label: 'Conectado · mqtt://broker.hivemq.com:1883',
      enabled: false
    })
    expect(tray.tooltip).toContain('Conectado · mqtt://broker.hivemq.com:1883')
    expect(tray.item('disconnect')?.label).toBe('Desconectar')
    expect(tray.item('connect')).toBeUndefined()

    const refused = {
      code: 'mqtt-refused',
      message: 'The broker refused the connection: bad username or password.'
    }
    service.update({ mqtt: status('reconnecting', { problem: refused }) })
    expect(tray.icon).toBe('error.png')
    expect(tray.item('status')?.label).toContain('bad username or password')

    service.update({ mqtt: status('disconnected') })
    expect(tray.icon).toBe('disconnected.png')
    expect(tray.item('connect')?.label).toBe('Conectar')
  })

  it('sets the menu again after every change (Linux shows a changed MenuItem only so)', () => {
    const { service, tray } = setup('linux')
    const before = tray.menus.length
    service.update({ mqtt: status('connected') })
    service.update({ mqtt: status('offline') })
    expect(tray.menus.length).toBe(before + 2)
  })

  it('adds a board dot and a board line when the board part reports a board', () => {
    const { service, tray } = setup('linux', 'en')
    service.update({
      mqtt: status('connected'),
      board: { state: 'connected', port: '/dev/ttyUSB0', boardId: 'a1b2c3' }
    })
    expect(tray.icon).toBe('connected-board.png')
    expect(tray.item('board')?.label).toBe('Board: connected (/dev/ttyUSB0 · id a1b2c3)')
    service.update({ board: { state: 'searching' } })
    expect(tray.icon).toBe('connected.png')
    expect(tray.item('board')?.label).toBe('Board: searching…')
    service.update({
      mqtt: status('reconnecting', { problem: { code: 'x', message: 'gone' } }),
      board: { state: 'installing', port: '/dev/ttyUSB0' }
    })
    expect(tray.icon).toBe('error-board.png')
    expect(tray.item('board')?.label).toBe('Board: installing firmware… (/dev/ttyUSB0)')
  })

  it("says why a board is in error in the window's words, by the problem code, in both languages", () => {
    const { service, tray } = setup('linux', 'es')
    const denied = {
      code: 'serial-permission',
      message: 'Permission denied on /dev/ttyUSB0. On Linux add yourself to the dialout group: …',
      params: { port: '/dev/ttyUSB0' }
    }
    service.update({ board: { state: 'error', port: '/dev/ttyUSB0', problem: denied } })
    expect(tray.item('board')?.label).toBe(
      'Placa: error (Permiso denegado en /dev/ttyUSB0. En Linux, añádete al grupo dialout: sudo usermod -aG dialout $USER, y cierra y abre la sesión.)'
    )
    expect(tray.icon).toBe('disconnected.png')
    service.setLanguage('en')
    expect(tray.item('board')?.label).toBe(
      'Board: error (Permission denied on /dev/ttyUSB0. On Linux add yourself to the dialout group: sudo usermod -aG dialout $USER, then log out and in again.)'
    )
    const odd = {
      code: 'serial-failed',
      message: 'Serial port /dev/ttyUSB0: EIO',
      params: { port: '/dev/ttyUSB0', reason: 'EIO' }
    }
    service.update({ board: { state: 'error', port: '/dev/ttyUSB0', problem: odd } })
    service.setLanguage('es')
    expect(tray.item('board')?.label).toBe('Placa: error (Puerto serie /dev/ttyUSB0: EIO)')
  })

  it("shows a part's own entries above Connect, and removes them", () => {
    const { service, tray, calls } = setup('linux', 'en')
    service.setSection('classroom', [
      { id: 'class', label: 'Class broker', click: () => calls.push('class') }
    ])
    const ids = tray.menu.map((i) => i.id ?? i.type)
    expect(ids.indexOf('class')).toBeLessThan(ids.indexOf('connect'))
    tray.item('class')!.click!()
    expect(calls).toEqual(['class'])
    service.setSection('classroom', [])
    expect(tray.item('class')).toBeUndefined()
  })

  it('toggles the popover on a left click', () => {
    const { tray, calls } = setup('win32')
    tray.leftClick()
    tray.leftClick()
    expect(calls).toEqual(['toggle', 'toggle'])
  })

  it('uses ICO on Windows, template images on macOS, PNG on Linux — and every file exists', () => {
    const names: TrayIconName[] = ['connected', 'disconnected', 'error'].flatMap((l) => [
      l as TrayIconName,
      `${l}-board` as TrayIconName
    ])
    for (const name of names) {
      const files = {
        win32: trayIconFile(ICONS, name, 'win32'),
        darwin: trayIconFile(ICONS, name, 'darwin'),
        linux: trayIconFile(ICONS, name, 'linux')
      }
      expect(files.win32.endsWith(`${name}.ico`)).toBe(true)
      expect(files.darwin.endsWith(`${name}Template.png`)).toBe(true)
      expect(files.linux.endsWith(`${name}.png`)).toBe(true)
      for (const file of [
        ...Object.values(files),
        files.linux.replace('.png', '@2x.png'),
        files.darwin.replace('.png', '@2x.png')
      ]) {
        expect(existsSync(file), file).toBe(true)
      }
    }
  })
})

describe('tray icon files', () => {
  const pngSize = (file: string): [number, number] => {
    const b = readFileSync(file)
    expect(b.subarray(1, 4).toString()).toBe('PNG')
    return [b.readUInt32BE(16), b.readUInt32BE(20)]
  }

  it('are PNGs of 16 px with 32 px @2x variants, and ICOs holding 16, 24 and 32 px', () => {
    expect(pngSize(path.join(ICONS, 'connected.png'))).toEqual([16, 16])
    expect(pngSize(path.join(ICONS, 'connected@2x.png'))).toEqual([32, 32])
    expect(pngSize(path.join(ICONS, 'errorTemplate@2x.png'))).toEqual([32, 32])
    const ico = readFileSync(path.join(ICONS, 'error.ico'))
    expect(ico.readUInt16LE(2)).toBe(1) // type: icon
    const count = ico.readUInt16LE(4)
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + 16 * i])
    expect(sizes).toEqual([16, 24, 32])
  })

  it('differ between states (a user tells them apart)', () => {
    const bytes = (n: string): string => readFileSync(path.join(ICONS, n)).toString('base64')
    const all = ['connected.png', 'disconnected.png', 'error.png', 'connected-board.png'].map(bytes)
    expect(new Set(all).size).toBe(all.length)
  })
})

describe('the tray icon per desktop', () => {
  it("macOS: the menu on right click (a set menu would swallow the popover's left click), a template image", () => {
    expect(trayBehaviour('darwin')).toEqual({ menu: 'right-click', templateImage: true })
  })

  it('Linux and Windows: the menu set on the icon (AppIndicator shows nothing else), plain images', () => {
    for (const platform of ['linux', 'win32'] as const)
      expect(trayBehaviour(platform)).toEqual({ menu: 'context-menu', templateImage: false })
  })

  it("the icon's bounds, or none where the desktop answers zeros (Linux)", () => {
    const icon = { x: 1200, y: 0, width: 22, height: 22 }
    expect(knownBounds(icon)).toEqual(icon)
    expect(knownBounds({ x: 0, y: 0, width: 0, height: 0 })).toBeUndefined()
    expect(knownBounds({ x: 5, y: 5, width: 22, height: 0 })).toBeUndefined()
  })
})

describe('the tray tells when the traffic log stops', () => {
  const DIR = '/home/ana/.config/Puente/traffic'
  /** The log's state as the core reports it after a write failed with `code`. */
  const stopped = (code: string): LogState => {
    const err = Object.assign(new Error(`${code}: write failed`), { code })
    return {
      enabled: true,
      writing: false,
      problem: writeProblem(DIR, err),
      heldBytes: 0,
      dropped: 0
    }
  }
  const writing: LogState = { enabled: true, writing: true, heldBytes: 0, dropped: 0 }

  it('a full disk, a read-only folder, no permission: a menu line and a tooltip line, es and en', () => {
    const cases: [string, string, string][] = [
      ['ENOSPC', 'Registro: detenido, el disco está lleno', 'Log: stopped, the disk is full'],
      [
        'EROFS',
        'Registro: detenido, la carpeta es de solo lectura',
        'Log: stopped, the folder is read-only'
      ],
      [
        'EACCES',
        'Registro: detenido, sin permiso para escribir',
        'Log: stopped, no permission to write'
      ],
      ['EIO', 'Registro: detenido', 'Log: stopped']
    ]
    for (const [code, es, en] of cases) {
      const { service, tray } = setup('linux', 'es')
      service.update({ log: stopped(code) })
      expect(tray.item('log'), code).toMatchObject({ label: es, enabled: false })
      expect(tray.tooltip.split('\n')).toContain(es)
      service.setLanguage('en')
      expect(tray.item('log')?.label).toBe(en)
      expect(tray.tooltip.split('\n')).toContain(en)
    }
  })

  it('a disk slower than the traffic is said too', () => {
    const { service, tray } = setup('linux', 'es')
    service.update({
      log: { enabled: true, writing: false, problem: slowProblem(DIR), heldBytes: 0, dropped: 9 }
    })
    expect(tray.item('log')?.label).toBe('Registro: el disco no da abasto, se pierden líneas')
  })

  it('writing, or off in the settings: no log line at all', () => {
    const { service, tray } = setup('linux', 'es')
    service.update({ log: writing })
    expect(tray.item('log')).toBeUndefined()
    service.update({ log: { enabled: false, writing: false, heldBytes: 0, dropped: 0 } })
    expect(tray.item('log')).toBeUndefined()
    expect(tray.tooltip).not.toMatch(/Registro/)
  })

  it("follows the core's traffic:log-state, from the state at start to the resume", () => {
    const events = new Emitter<Events>()
    const hub: TrayHub = {
      settings: v.parse(SettingsSchema, {}),
      traffic: { logState: stopped('ENOSPC') },
      events,
      invoke: () =>
        Promise.resolve({ ok: false, error: problem('unknown-command', 'not in this test') })
    }
    const { service, tray } = setup('linux', 'es')
    const stop = followHub(service, hub, 'es-ES')
    expect(tray.item('log')?.label).toBe('Registro: detenido, el disco está lleno')
    events.emit('traffic:log-state', writing)
    expect(tray.item('log')).toBeUndefined()
    events.emit('traffic:log-state', stopped('EROFS'))
    expect(tray.item('log')?.label).toBe('Registro: detenido, la carpeta es de solo lectura')
    stop()
  })
})
