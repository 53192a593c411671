// "Arrancar con el ordenador": login items on macOS and Windows, and on Linux a real
// autostart .desktop file under a temporary XDG_CONFIG_HOME.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  applyAutostart,
  AUTOSTART_APPROVAL_CODE,
  AUTOSTART_NOT_FOUND_CODE,
  autostartFile,
  desktopEntry,
  launchCommand,
  loginItemAtStart,
  reapplyAtStart,
  type AutostartDeps,
  type GetLoginItem,
  type SetLoginItem
} from '../../../electron/main/autostart'
import { tempDir } from '../../helpers/tmp'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** Records what would reach Electron's app.setLoginItemSettings. */
function loginItems(): { calls: Parameters<SetLoginItem>[0][]; set: SetLoginItem } {
  const calls: Parameters<SetLoginItem>[0][] = []
  return { calls, set: (s) => void calls.push(s) }
}

function deps(platform: NodeJS.Platform, over: Partial<AutostartDeps> = {}): AutostartDeps {
  const config = tempDir('puente-xdg-')
  dirs.push(config)
  return {
    platform,
    env: { XDG_CONFIG_HOME: config },
    home: '/nonexistent-home',
    launch: { execPath: '/opt/Puente/puente', packaged: true, appPath: '/opt/Puente/app.asar' },
    setLoginItemSettings: () => expect.fail('no login item on this platform'),
    getLoginItemSettings: () => expect.fail('no login item to read on this platform'),
    ...over
  }
}

describe('the command that starts Puente at log-in', () => {
  it('the installed binary, the AppImage file itself, or Electron with the app in development', () => {
    const base = { execPath: '/opt/Puente/puente', packaged: true, appPath: '/x/app.asar' }
    expect(launchCommand(base)).toEqual(['/opt/Puente/puente'])
    expect(launchCommand({ ...base, appImage: '/home/ana/Puente.AppImage' })).toEqual([
      '/home/ana/Puente.AppImage'
    ])
    expect(
      launchCommand({ ...base, packaged: false, execPath: '/e/electron', appPath: '/src' })
    ).toEqual(['/e/electron', '/src'])
  })

  it('quotes Exec arguments as the Desktop Entry spec asks', () => {
    const entry = desktopEntry(['/home/ana/Mis Apps/Puente 100%.AppImage', '--x=$HOME'])
    expect(entry).toContain('Exec="/home/ana/Mis Apps/Puente 100%%.AppImage" "--x=\\$HOME"\n')
    expect(entry.startsWith('[Desktop Entry]\nType=Application\nName=Puente\n')).toBe(true)
  })

  it('XDG_CONFIG_HOME, else ~/.config', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/tmp/c' }, '/home/ana')).toBe(
      '/tmp/c/autostart/puente.desktop'
    )
    expect(autostartFile({}, '/home/ana')).toBe('/home/ana/.config/autostart/puente.desktop')
    expect(autostartFile({ XDG_CONFIG_HOME: '' }, '/home/ana')).toBe(
      '/home/ana/.config/autostart/puente.desktop'
    )
  })
})

describe('turning it on and off', () => {
  it('Linux: writes puente.desktop into $XDG_CONFIG_HOME/autostart, and removes it', async () => {
    const d = deps('linux', {
      launch: {
        execPath: '/tmp/.mount_x/puente',
        packaged: true,
        appPath: '',
        appImage: '/home/ana/Puente.AppImage'
      }
    })
    const file = path.join(d.env.XDG_CONFIG_HOME!, 'autostart', 'puente.desktop')
    await applyAutostart(true, d)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('Exec=/home/ana/Puente.AppImage\n')
    expect(text).toContain('Type=Application\n')
    await applyAutostart(true, d) // again: still one file, same text
    expect(readFileSync(file, 'utf8')).toBe(text)
    await applyAutostart(false, d)
    expect(existsSync(file)).toBe(false)
    await applyAutostart(false, d) // already off: nothing to do, no error
  })

  it('Linux: an autostart folder it cannot create is an error, not silence', async () => {
    const d = deps('linux')
    writeFileSync(path.join(d.env.XDG_CONFIG_HOME!, 'autostart'), 'a file, not a folder')
    await expect(applyAutostart(true, d)).rejects.toThrow()
  })

  it('macOS: the login item, nothing on disk', async () => {
    const items = loginItems()
    const read: GetLoginItem = () => ({ openAtLogin: items.calls.at(-1)!.openAtLogin })
    const d = deps('darwin', { setLoginItemSettings: items.set, getLoginItemSettings: read })
    expect(await applyAutostart(true, d)).toBeUndefined()
    expect(await applyAutostart(false, d)).toBeUndefined()
    expect(items.calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }])
    expect(existsSync(path.join(d.env.XDG_CONFIG_HOME!, 'autostart'))).toBe(false)
  })

  it('Windows: the login item names the program (and the app folder in development)', async () => {
    const items = loginItems()
    await applyAutostart(true, deps('win32', { setLoginItemSettings: items.set }))
    await applyAutostart(
      true,
      deps('win32', {
        setLoginItemSettings: items.set,
        launch: { execPath: 'C:\\e\\electron.exe', packaged: false, appPath: 'C:\\src\\puente' }
      })
    )
    expect(items.calls).toEqual([
      { openAtLogin: true, path: '/opt/Puente/puente', args: [] },
      { openAtLogin: true, path: 'C:\\e\\electron.exe', args: ['C:\\src\\puente'] }
    ])
  })
})

describe('what macOS 13+ says after the change', () => {
  /** The login item as macOS reports it once set. */
  const macos = (status: ReturnType<GetLoginItem>['status']): AutostartDeps =>
    deps('darwin', {
      setLoginItemSettings: () => undefined,
      getLoginItemSettings: () => ({ openAtLogin: status === 'enabled', status })
    })

  it('a login item the user must still allow in System Settings is said, with where', async () => {
    const said = await applyAutostart(true, macos('requires-approval'))
    expect(said).toMatchObject({ code: AUTOSTART_APPROVAL_CODE })
    expect(said?.message).toMatch(/System Settings → General → Login Items/)
  })

  it('an app macOS cannot find (run from the disk image) is said, with what to do', async () => {
    const said = await applyAutostart(true, macos('not-found'))
    expect(said).toMatchObject({ code: AUTOSTART_NOT_FOUND_CODE })
    expect(said?.message).toMatch(/Applications/)
  })

  it('enabled, an older macOS that says nothing, or turning it off: nothing to say', async () => {
    expect(await applyAutostart(true, macos('enabled'))).toBeUndefined()
    expect(await applyAutostart(true, macos(undefined))).toBeUndefined()
    expect(await applyAutostart(false, macos('not-registered'))).toBeUndefined()
    expect(await applyAutostart(false, macos('requires-approval'))).toBeUndefined()
  })
})

describe('at each start, when it is on', () => {
  it('only Linux writes the entry again (an AppImage may have moved)', () => {
    expect(reapplyAtStart('linux')).toBe(true)
  })

  it('Windows and macOS leave it alone: Task Manager\'s "disabled" stays disabled', () => {
    expect(reapplyAtStart('win32')).toBe(false)
    expect(reapplyAtStart('darwin')).toBe(false)
  })

  it('macOS is asked again whether the user has allowed it; the others are not asked', () => {
    const pending: GetLoginItem = () => ({ openAtLogin: false, status: 'requires-approval' })
    expect(loginItemAtStart('darwin', pending)).toMatchObject({ code: AUTOSTART_APPROVAL_CODE })
    expect(
      loginItemAtStart('darwin', () => ({ openAtLogin: true, status: 'enabled' }))
    ).toBeUndefined()
    const never: GetLoginItem = () => expect.fail('not asked on this platform')
    expect(loginItemAtStart('win32', never)).toBeUndefined()
    expect(loginItemAtStart('linux', never)).toBeUndefined()
  })
})
