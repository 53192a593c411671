import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const CLI = path.join(ROOT, 'out/main/history.js')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  /** The child's peak resident memory in bytes (VmHWM, read while it ran). */
  peakRss: number
}

/** Runs the built `npm run history` (node out/main/history.js) with `args`. */
export function runHistoryCli(args: string[]): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npx electron-vite build first`)
  const proc = spawn(process.execPath, [CLI, ...args], { cwd: ROOT })
  let stdout = ''
  let stderr = ''
  let peakRss = 0
  proc.stdout.on('data', (d) => (stdout += d))
  proc.stderr.on('data', (d) => (stderr += d))
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))
      if (m) peakRss = Math.max(peakRss, Number(m[1]) * 1024)
    } catch {
      // it has just exited
    }
  }, 10)
  return new Promise((resolve, reject) => {
    proc.on('error', reject)
    proc.on('close', (code) => {
      clearInterval(poll)
      resolve({ code, stdout, stderr, peakRss })
    })
  })
}
