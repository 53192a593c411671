// How Puente behaves per desktop: the window's kind, whether it opens at start and says where the
// tray icon is, which events stop the core, and the Windows app id.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { SettingsPatchSchema, SettingsSchema } from '../../../electron/contract'
import {
  APP_ID,
  appUserModelId,
  hidesOnBlur,
  OwnDialogs,
  RelaunchShows,
  sessionEnd,
  startWindow,
  takeFirstStart,
  windowStyle
} from '../../../electron/main/desktop'
import { SHELL_STATE_FILE } from '../../../electron/main/shell-state'
import { testKeepsOnBlur } from '../../../electron/main/test-hooks'
import { tempDir } from '../../helpers/tmp'

const PLATFORMS = ['linux', 'darwin', 'win32'] as const

describe('the window per desktop', () => {
  it('Linux: a normal window the window manager places, which stays open on blur', () => {
    expect(windowStyle('linux')).toEqual({
      frame: true,
      hideOnBlur: false,
      placeByTray: false,
      skipTaskbar: false,
      allWorkspaces: false,
      movable: true
    })
  })

  it('macOS: a popover by the menu-bar icon, on every Space and over full-screen apps', () => {
    expect(windowStyle('darwin')).toMatchObject({
      frame: false,
      hideOnBlur: true,
      placeByTray: true,
      skipTaskbar: true,
      allWorkspaces: true
    })
  })

  it('Windows: a popover by the tray icon, hidden on blur, on the current desktop only', () => {
    expect(windowStyle('win32')).toMatchObject({
      frame: false,
      hideOnBlur: true,
      placeByTray: true,
      skipTaskbar: true,
      allWorkspaces: false
    })
  })

  it('only a window that hides on blur may leave the taskbar (else there is no way back)', () => {
    for (const p of PLATFORMS) {
      const s = windowStyle(p)
      if (s.skipTaskbar) expect(s.placeByTray, p).toBe(true)
    }
  })
})

describe('losing focus', () => {
  const quiet = { keepOnBlur: false, devToolsOpen: false, dialogsOpen: 0 }

  it('hides the popover (macOS, Windows), never the Linux window', () => {
    expect(hidesOnBlur({ style: windowStyle('darwin'), ...quiet })).toBe(true)
    expect(hidesOnBlur({ style: windowStyle('win32'), ...quiet })).toBe(true)
    expect(hidesOnBlur({ style: windowStyle('linux'), ...quiet })).toBe(false)
  })

  it('keeps the popover while its own save dialog, or DevTools, has the focus', () => {
    for (const platform of PLATFORMS) {
      const style = windowStyle(platform)
      expect(hidesOnBlur({ style, ...quiet, dialogsOpen: 1 }), platform).toBe(false)
      expect(hidesOnBlur({ style, ...quiet, devToolsOpen: true }), platform).toBe(false)
      expect(hidesOnBlur({ style, ...quiet, keepOnBlur: true }), platform).toBe(false)
    }
  })

  it('counts a dialog as open until it is chosen, cancelled or fails', async () => {
    const dialogs = new OwnDialogs()
    let choose!: (file: string) => void
    const saving = dialogs.during(() => new Promise<string>((resolve) => (choose = resolve)))
    const failing = dialogs.during(() => Promise.reject(new Error('no display')))
    expect(dialogs.open).toBe(2)
    await expect(failing).rejects.toThrow('no display')
    expect(dialogs.open).toBe(1)
    choose('/home/ana/puente.csv')
    expect(await saving).toBe('/home/ana/puente.csv')
    expect(dialogs.open).toBe(0)
  })

  it('a test keeps the popover on blur only when it asks, and only under PUENTE_TEST', () => {
    expect(testKeepsOnBlur({ PUENTE_TEST: '1', PUENTE_KEEP_ON_BLUR: '1' })).toBe(true)
    expect(testKeepsOnBlur({ PUENTE_TEST: '1' })).toBe(false)
    expect(testKeepsOnBlur({ PUENTE_KEEP_ON_BLUR: '1' })).toBe(false)
  })
})

describe('launching Puente again', () => {
  it('shows the window at once when it exists, every time', () => {
    const relaunch = new RelaunchShows()
    let shown = 0
    relaunch.attach(() => shown++)
    expect(shown).toBe(0)
    relaunch.launched()
    relaunch.launched()
    expect(shown).toBe(2)
  })

  it('a launch while the core still starts shows the window once it exists', () => {
    const relaunch = new RelaunchShows()
    relaunch.launched()
    relaunch.launched()
    let shown = 0
    relaunch.attach(() => shown++)
    expect(shown).toBe(1)
    relaunch.launched()
    expect(shown).toBe(2)
  })
})

describe('the window at start', () => {
  it('Linux: the first start shows it once, with the tray hint; later starts stay in the tray', () => {
    expect(startWindow({ platform: 'linux', firstStart: true, showWindowAtStart: false })).toEqual({
      show: true,
      trayHint: true
    })
    expect(startWindow({ platform: 'linux', firstStart: false, showWindowAtStart: false })).toEqual(
      { show: false, trayHint: false }
    )
  })

  it('macOS and Windows: the tray icon is always there, so no window and no hint by default', () => {
    for (const platform of ['darwin', 'win32'] as const)
      expect(startWindow({ platform, firstStart: true, showWindowAtStart: false })).toEqual({
        show: false,
        trayHint: false
      })
  })

  it('"Mostrar la ventana al arrancar" shows it at every start on every desktop', () => {
    for (const platform of PLATFORMS)
      for (const firstStart of [true, false])
        expect(startWindow({ platform, firstStart, showWindowAtStart: true }).show).toBe(true)
  })
})

describe('stopping and identity', () => {
  it('Windows quits cleanly from query-session-end on (log-off and shutdown skip before-quit)', () => {
    expect(sessionEnd('win32', 'query-session-end')).toEqual({ quit: true, flushSync: false })
  })

  it('Windows writes the log at once on session-end, after which the process may be killed', () => {
    expect(sessionEnd('win32', 'session-end')).toEqual({ quit: true, flushSync: true })
  })

  it('Linux and macOS never get these events, and would do nothing on them', () => {
    for (const platform of ['linux', 'darwin'] as const)
      for (const phase of ['query-session-end', 'session-end'] as const)
        expect(sessionEnd(platform, phase)).toEqual({ quit: false, flushSync: false })
  })

  it("sets the AppUserModelID on Windows only, to electron-builder.yml's appId", () => {
    expect(appUserModelId('win32')).toBe(APP_ID)
    expect(appUserModelId('linux')).toBeUndefined()
    expect(appUserModelId('darwin')).toBeUndefined()
    const yml = readFileSync(path.resolve(__dirname, '../../../electron-builder.yml'), 'utf8')
    expect(/^appId:\s*(\S+)$/m.exec(yml)?.[1]).toBe(APP_ID)
  })
})

describe('the first start, remembered in the data directory', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

  it('is true once, then false, and keeps what else the file holds', async () => {
    const dir = tempDir()
    dirs.push(dir)
    writeFileSync(path.join(dir, SHELL_STATE_FILE), JSON.stringify({ other: 1 }))
    expect(await takeFirstStart(dir)).toBe(true)
    expect(await takeFirstStart(dir)).toBe(false)
    expect(JSON.parse(readFileSync(path.join(dir, SHELL_STATE_FILE), 'utf8'))).toEqual({
      other: 1,
      windowShown: true
    })
  })

  it('a damaged file counts as a first start and is repaired', async () => {
    const dir = tempDir()
    dirs.push(dir)
    writeFileSync(path.join(dir, SHELL_STATE_FILE), '{not json')
    expect(await takeFirstStart(dir)).toBe(true)
    expect(await takeFirstStart(dir)).toBe(false)
  })

  it('a data directory it cannot write does not stop the start (the hint just shows again)', async () => {
    const dir = tempDir()
    dirs.push(dir)
    // a file where the directory should be: no write succeeds there, not even as root
    const notADir = path.join(dir, 'file')
    writeFileSync(notADir, '')
    expect(await takeFirstStart(notADir)).toBe(true)
    expect(await takeFirstStart(notADir)).toBe(true)
  })
})

describe("the shell's settings in the contract", () => {
  it('are off by default, and a window may change them with booleans only', () => {
    expect(v.parse(SettingsSchema, {}).app).toEqual({
      showWindowAtStart: false,
      openAtLogin: false
    })
    expect(v.safeParse(SettingsPatchSchema, { app: { openAtLogin: true } }).success).toBe(true)
    expect(v.safeParse(SettingsPatchSchema, { app: { openAtLogin: 'yes' } }).success).toBe(false)
    expect(v.parse(SettingsPatchSchema, { app: { showWindowAtStart: true } })).toEqual({
      app: { showWindowAtStart: true }
    })
  })
})
