/**
 * Start-up benchmark: time from spawning the built web host to its `ready` line, and its
 * resident memory once idle, against a bare Node HTTP server started the same way in the
 * same run (the reference). Medians of several runs.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { tempDir } from '../helpers/hub'
import { freePort } from '../helpers/ports'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const ROOT = path.resolve(__dirname, '../..')

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** Spawns `args`, resolves when stdout shows /^ready/m: [ms to ready, rss in MB after 2 s idle]. */
async function timeReady(args: string[]): Promise<[number, number]> {
  const start = performance.now()
  const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const ms = await new Promise<number>((resolve, reject) => {
    p.stdout.on('data', (d) => {
      out += d
      if (/^ready/m.test(out)) resolve(performance.now() - start)
    })
    p.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
  await new Promise((r) => setTimeout(r, 2000))
  const rssPages = Number(readFileSync(`/proc/${p.pid}/statm`, 'utf8').split(' ')[1])
  p.kill()
  return [ms, (rssPages * 4096) / 1e6]
}

async function main(): Promise<void> {
  const ref: [number, number][] = []
  const puente: [number, number][] = []
  const bare = `require('http').createServer().listen(0, '127.0.0.1', () => console.log('ready'))`
  for (let i = 0; i < RUNS; i++) {
    ref.push(await timeReady(['-e', bare]))
    const args = [
      'out/main/serve.js',
      '--data-dir',
      tempDir('puente-bench-'),
      '--broker-port',
      String(await freePort()),
      '--http-port',
      String(await freePort()),
      '--serial',
      'off'
    ]
    puente.push(await timeReady(args))
  }
  const [refMs, refMb] = [median(ref.map((r) => r[0])), median(ref.map((r) => r[1]))]
  const [ms, mb] = [median(puente.map((r) => r[0])), median(puente.map((r) => r[1]))]
  console.log(
    `startup (median of ${RUNS}): bare node http ${refMs.toFixed(0)} ms / ${refMb.toFixed(0)} MB; Puente web host ready ${ms.toFixed(0)} ms / ${mb.toFixed(0)} MB idle (x${(ms / refMs).toFixed(1)} time, x${(mb / refMb).toFixed(1)} memory; goals <= 500 ms, <= 100 MB)`
  )
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
