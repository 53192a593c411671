import os from 'node:os'
import path from 'node:path'

/** The OS's app data folder for Puente, the same one Electron's `userData` points at. */
export function defaultDataDir(): string {
  const home = os.homedir()
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Puente')
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'Puente')
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Puente')
}
