// "Arrancar con el ordenador": the OS's login items on macOS and Windows, an XDG autostart
// .desktop file on Linux (every desktop reads $XDG_CONFIG_HOME/autostart). Electron's answers come
// in as parameters, so each platform is tested in Node, the Linux one against real files.
import { promises as fs } from 'node:fs'
import path from 'node:path'

/** The part of Electron's app.setLoginItemSettings this uses (macOS and Windows). */
export type SetLoginItem = (settings: {
  openAtLogin: boolean
  path?: string
  args?: string[]
}) => void

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
}

/** Makes the OS start Puente at log-in, or stops it doing so; throws when the file cannot be written. */
export async function applyAutostart(enabled: boolean, deps: AutostartDeps): Promise<void> {
  const command = launchCommand(deps.launch)
  if (deps.platform === 'darwin') return deps.setLoginItemSettings({ openAtLogin: enabled })
  if (deps.platform === 'win32') {
    const [program, ...args] = command
    return deps.setLoginItemSettings({ openAtLogin: enabled, path: program, args })
  }
  const file = autostartFile(deps.env, deps.home)
  if (!enabled) return fs.rm(file, { force: true })
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, desktopEntry(command), { mode: 0o644 })
}

/** The Problem code of the notice when the log-in entry could not be changed. */
export const AUTOSTART_FAILED_CODE = 'shell-autostart-failed'
