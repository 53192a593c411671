// "Arrancar con el ordenador": the OS's login items on macOS and Windows, an XDG autostart
// .desktop file on Linux (every desktop reads $XDG_CONFIG_HOME/autostart). Electron's answers come
// in as parameters, so each platform is tested in Node, the Linux one against real files.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Problem } from '../contract'
import { problem } from '../core/util/problem'

/** The part of Electron's app.setLoginItemSettings this uses (macOS and Windows). */
export type SetLoginItem = (settings: {
  openAtLogin: boolean
  path?: string
  args?: string[]
}) => void

/** The part of Electron's app.getLoginItemSettings this reads back (macOS 13+ has `status`). */
export type GetLoginItem = () => {
  openAtLogin: boolean
  status?: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found'
}

export interface LaunchInput {
  /** process.execPath: the Electron binary, or the installed Puente. */
  execPath: string
  /** app.isPackaged: in development the binary needs the app's folder as its argument. */
  packaged: boolean
  /** app.getAppPath(). */
  appPath: string
  /** $APPIMAGE: an AppImage runs from a temporary mount, so the log-in must start the file. */
  appImage?: string
}

/** The command that starts this Puente again: [program, ...arguments]. */
export function launchCommand({ execPath, packaged, appPath, appImage }: LaunchInput): string[] {
  if (appImage) return [appImage]
  return packaged ? [execPath] : [execPath, appPath]
}

/** $XDG_CONFIG_HOME/autostart/puente.desktop (~/.config when XDG_CONFIG_HOME is unset). */
export function autostartFile(env: { XDG_CONFIG_HOME?: string }, home: string): string {
  const config = env.XDG_CONFIG_HOME || path.join(home, '.config')
  return path.join(config, 'autostart', 'puente.desktop')
}

/** One Exec argument quoted as the Desktop Entry spec asks (and % doubled). */
function execArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%')
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escaped)) return escaped
  return `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`
}

/** The autostart entry that starts Puente in the tray at log-in. */
export function desktopEntry(command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Puente',
    'Comment=MQTT and USB board bridge for the class',
    `Exec=${command.map(execArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    ''
  ].join('\n')
}

export interface AutostartDeps {
  platform: NodeJS.Platform
  env: { XDG_CONFIG_HOME?: string }
  home: string
  launch: LaunchInput
  setLoginItemSettings: SetLoginItem
  getLoginItemSettings: GetLoginItem
}

/**
 * Makes the OS start Puente at log-in, or stops it doing so. Resolves to what the window should
 * say when macOS did not take it (undefined when all is well); throws when the file cannot be
 * written.
 */
export async function applyAutostart(
  enabled: boolean,
  deps: AutostartDeps
): Promise<Problem | undefined> {
  const command = launchCommand(deps.launch)
  if (deps.platform === 'darwin') {
    deps.setLoginItemSettings({ openAtLogin: enabled })
    return loginItemProblem(enabled, deps.getLoginItemSettings().status)
  }
  if (deps.platform === 'win32') {
    const [program, ...args] = command
    deps.setLoginItemSettings({ openAtLogin: enabled, path: program, args })
    return undefined
  }
  const file = autostartFile(deps.env, deps.home)
  if (!enabled) {
    await fs.rm(file, { force: true })
    return undefined
  }
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, desktopEntry(command), { mode: 0o644 })
  return undefined
}

/**
 * macOS 13+ registers a login item and then says how it went: one the user must still allow in
 * System Settings, or an app it cannot find (run from the disk image), does not start at log-in.
 * Older macOS says nothing (`status` undefined): taken as done.
 */
export function loginItemProblem(
  enabled: boolean,
  status: ReturnType<GetLoginItem>['status']
): Problem | undefined {
  if (!enabled) return undefined
  if (status === 'requires-approval')
    return problem(
      AUTOSTART_APPROVAL_CODE,
      'macOS asks for your permission before Puente starts with the computer: open System Settings → General → Login Items and turn Puente on.'
    )
  if (status === 'not-found')
    return problem(
      AUTOSTART_NOT_FOUND_CODE,
      'macOS cannot find Puente to start it with the computer: move Puente into the Applications folder, open it from there and tick the option again.'
    )
  return undefined
}

/**
 * At a start with the setting on, where the entry is not written again: what macOS 13+ says of
 * the login item now (the user may still not have allowed it); nothing elsewhere.
 */
export function loginItemAtStart(
  platform: NodeJS.Platform,
  getLoginItemSettings: GetLoginItem
): Problem | undefined {
  return platform === 'darwin' ? loginItemProblem(true, getLoginItemSettings().status) : undefined
}

/**
 * Whether the log-in entry is written again at each start (when it is on): only on Linux, where
 * an AppImage may have moved since. Windows would turn on again an entry the user disabled in
 * Task Manager (setLoginItemSettings' `enabled` defaults to true), and macOS keeps its own.
 */
export function reapplyAtStart(platform: NodeJS.Platform): boolean {
  return platform === 'linux'
}

/** The Problem code of the notice when the log-in entry could not be changed. */
export const AUTOSTART_FAILED_CODE = 'shell-autostart-failed'
/** macOS registered the login item, but the user must allow it in System Settings. */
export const AUTOSTART_APPROVAL_CODE = 'shell-autostart-approval'
/** macOS could not find the app to register (run from the disk image, not Applications). */
export const AUTOSTART_NOT_FOUND_CODE = 'shell-autostart-not-found'
