import { spawn, type ChildProcess } from 'node:child_process'
import { electronRuntime } from '../../scripts/electron-runtime.cjs'

/** The Electron binary to test with, or why there is none (then the specs skip, saying so). */
export { electronRuntime }

/**
 * An X display for Electron on a Linux machine without one (CI): Debian's Xvfb on a display
 * number it picks itself. Elsewhere, or when DISPLAY is set, nothing is started.
 */
export async function ensureDisplay(): Promise<{ env: NodeJS.ProcessEnv; stop: () => void }> {
  if (process.platform !== 'linux' || process.env.DISPLAY) return { env: {}, stop: () => undefined }
  const xvfb: ChildProcess = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe']
    }
  )
  const display = await new Promise<string>((resolve, reject) => {
    let out = ''
    let err = ''
    xvfb.stderr!.on('data', (d) => (err += d))
    xvfb.stdio[3]!.on('data', (d) => {
      out += d
      if (out.includes('\n')) resolve(`:${out.trim()}`)
    })
    xvfb.once('error', (e) =>
      reject(new Error(`Xvfb could not start (apt-get install xvfb): ${e.message}`))
    )
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${err}`)))
  })
  return { env: { DISPLAY: display }, stop: () => xvfb.kill() }
}
