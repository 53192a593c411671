import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { tempDir } from './tmp'
import { freePort } from './ports'

const ROOT = path.resolve(__dirname, '../..')
/** Longer than the core's own stop deadlines (3 s per part) add up to. */
const STOP_MS = 20_000

export interface Served {
  proc: ChildProcess
  url: string
  output: () => string
  stop: () => Promise<void>
}

/**
 * Starts the built web host (`node out/main/serve.js`, what `npm run serve` runs after its
 * build) with `args`, and resolves on its `ready <url>` line. Rejects with its output otherwise.
 */
export function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  ms = 15_000,
  nodeArgs: string[] = []
): Promise<Served> {
  // tests run side by side: the broker's WebSocket port must not be the fixed default
  if (!args.includes('--broker-ws-port')) args = [...args, '--broker-ws-port', '0']
  // a bench can compare two builds: PUENTE_SERVE_ROOT is another checkout with its own out/
  const root = process.env.PUENTE_SERVE_ROOT ?? ROOT
  const proc = spawn(
    process.execPath,
    [...nodeArgs, path.join(root, 'out/main/serve.js'), ...args],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let out = ''
  proc.stdout!.on('data', (d) => (out += d))
  proc.stderr!.on('data', (d) => (out += d))
  // a quit that hangs fails the test with what the host said, instead of eating its timeout
  const stop = (): Promise<void> =>
    new Promise((resolve, reject) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve()
      const hung = setTimeout(() => {
        proc.kill('SIGKILL')
        reject(new Error(`serve did not exit within ${STOP_MS} ms of SIGTERM:\n${out}`))
      }, STOP_MS)
      proc.once('exit', () => {
        clearTimeout(hung)
        resolve()
      })
      proc.kill('SIGTERM')
    })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`serve did not print ready in ${ms} ms:\n${out}`))
    }, ms)
    proc.stdout!.on('data', () => {
      const m = /^ready (\S+)$/m.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ proc, url: m[1], output: () => out, stop })
      }
    })
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code} before ready:\n${out}`))
    })
  })
}

/** What a start that should fail printed; 'started' (the host then stopped) when it did not fail. */
export function startFailure(start: Promise<Served>): Promise<string> {
  return start.then(
    async (served) => {
      await served.stop()
      return 'started'
    },
    (e: Error) => e.message
  )
}

/** The web host on a fresh temporary data directory and free ports, plus `args`. */
export async function startTestServe(
  args: string[] = [],
  env: NodeJS.ProcessEnv = {}
): Promise<Served> {
  const ports = ['--broker-port', String(await freePort()), '--http-port', String(await freePort())]
  return startServe(['--data-dir', tempDir(), ...ports, ...args], env)
}
