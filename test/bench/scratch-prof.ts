import { BoardSim } from '../sim/board-sim'
import { tempDir } from '../helpers/hub'
import { Mosquitto } from '../helpers/mosquitto'
import { freePort } from '../helpers/ports'
import { spawn } from 'node:child_process'
import { LineSub } from './board-parts'

async function main(): Promise<void> {
  const mosq = new Mosquitto({ noDelay: true })
  await mosq.start()
  const sim = await BoardSim.start({ repl: false })
  const proc = spawn(process.env.STRACE ? 'strace' : process.execPath, [...(process.env.STRACE ? ['-f', '-c', '-o', '/tmp/perf-strace.txt', process.execPath] : []), ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/perf-prof2'] : []), 'out/main/serve.js',
    '--data-dir', tempDir(), '--http-port', String(await freePort()), '--broker-port', String(await freePort()), '--broker-ws-port', '0', '--broker', mosq.url, '--serial', sim.hostPath], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((r) => proc.stdout.on('data', (d) => String(d).includes('ready') && r()))
  const served = { stop: () => new Promise((r) => { proc.once('exit', r); proc.kill('SIGTERM') }) }
  const sub = new LineSub(mosq.port, 'clase_eoi/serial')
  await new Promise((r) => setTimeout(r, 1000))
  for (let round = 0; round < 5; round++) {
    const n = 10000
    const lines = Array.from({ length: n }, (_, i) => `sensor ${round} ${i} 23.5`)
    const got = sub.collect(n, 30000)
    const t0 = performance.now()
    sim.write(lines.join('\n') + '\n')
    const seen = await got
    console.log(seen.length, ((performance.now() - t0) / 1000).toFixed(3), 's')
  }
  sub.proc.kill()
  await served.stop()
  await sim.stop()
  await mosq.stop()
}
main().then(() => process.exit(0))
