// Benchmark (not a test): latency the board bridge adds, measured against the broker alone.
//   npx tsx test/bench/board.bench.ts [events]
// Puente runs as the built web host (out/main/serve.js) in its own process, on Debian's
// mosquitto, with the simulated board on a socat pty. Three paths, one event at a time:
//   reference: mosquitto_pub -l → mosquitto → mosquitto_sub
//   button:    a button line on the pty → Puente → mosquitto → mosquitto_sub
//   LED:       mosquitto_pub -l → mosquitto → Puente → the line on the pty
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { SerialPort } from 'serialport'
import { BoardSim } from '../sim/board-sim'
import { SocatPair } from '../sim/socat'
import { tempDir } from '../helpers/hub'
import { Mosquitto } from '../helpers/mosquitto'
import { freePort } from '../helpers/ports'
import { startServe } from '../helpers/serve'

const N = Number(process.argv[2] ?? 5000)

/** A long-lived mosquitto_sub whose lines resolve the waiting event. */
function sub(
  port: number,
  topic: string
): { next: () => Promise<string>; proc: ChildProcessWithoutNullStreams } {
  const proc = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic])
  let buf = ''
  const waiting: ((line: string) => void)[] = []
  const lines: string[] = []
  proc.stdout.on('data', (d: Buffer) => {
    buf += d.toString()
    let i
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i)
      buf = buf.slice(i + 1)
      const w = waiting.shift()
      if (w) w(line)
      else lines.push(line)
    }
  })
  return {
    proc,
    next: () =>
      lines.length ? Promise.resolve(lines.shift()!) : new Promise((r) => waiting.push(r))
  }
}

/** A long-lived mosquitto_pub -l: each line written is one message. */
function pub(port: number, topic: string): ChildProcessWithoutNullStreams {
  return spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-l'])
}

function stats(ms: number[]): { p50: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b)
  return { p50: s[Math.floor(s.length * 0.5)], p99: s[Math.floor(s.length * 0.99)] }
}

async function measure(
  name: string,
  n: number,
  once: (i: number) => Promise<void>
): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 200; i++) await once(-1 - i) // warm-up
  const ms: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await once(i)
    ms.push(performance.now() - t0)
  }
  const r = stats(ms)
  console.log(`${name.padEnd(34)} p50 ${r.p50.toFixed(3)} ms   p99 ${r.p99.toFixed(3)} ms`)
  return r
}

async function main(): Promise<void> {
  const broker = new Mosquitto()
  await broker.start()
  const sim = await BoardSim.start({ repl: false })
  const served = await startServe([
    '--data-dir',
    tempDir(),
    '--broker',
    broker.url,
    '--serial',
    sim.hostPath,
    '--broker-port',
    String(await freePort()),
    '--http-port',
    String(await freePort())
  ])
  const refSub = sub(broker.port, 'bench/ref')
  const refPub = pub(broker.port, 'bench/ref')
  const buttonSub = sub(broker.port, 'clase_eoi/boton')
  const ledPub = pub(broker.port, 'clase_eoi/led')
  await new Promise((r) => setTimeout(r, 1000))
  try {
    console.log(`board bridge latency, ${N} events each (one at a time)`)
    const ref = await measure('reference mosquitto_pub→_sub', N, async (i) => {
      const got = refSub.next()
      refPub.stdin.write(`${i}\n`)
      await got
    })
    // the pty pair alone (socat between two serial ports), which the board paths cross once
    const pair = new SocatPair()
    await pair.start()
    const open = (path: string): Promise<SerialPort> =>
      new Promise((resolve, reject) => {
        const port: SerialPort = new SerialPort({ path, baudRate: 115200 }, (err) =>
          err ? reject(err) : resolve(port)
        )
      })
    const [a, b] = await Promise.all([open(pair.hostPath), open(pair.boardPath)])
    let onB: (() => void) | undefined
    b.on('data', () => onB?.())
    const pty = await measure('pty alone (socat pair)', N, async () => {
      const got = new Promise<void>((r) => (onB = r))
      a.write('{"button":"pressed"}\n')
      await got
    })
    await new Promise((r) => a.close(() => b.close(() => r(undefined))))
    await pair.stop()
    const button = await measure('button line on pty → mosquitto_sub', N, async () => {
      const got = buttonSub.next()
      sim.write('{"button":"pressed"}\n')
      await got
    })
    const led = await measure('mosquitto_pub → LED line on pty', N, async (i) => {
      const k = (i + 1_000_000) % 16_777_216
      const line = `{"r":${k >> 16},"g":${(k >> 8) & 255},"b":${k & 255}}`
      const before = sim.received.length
      ledPub.stdin.write(`${line}\n`)
      await new Promise<void>((resolve) => {
        const poll = (): void => {
          if (sim.received.length > before && sim.received.includes(line, before)) resolve()
          else setImmediate(poll)
        }
        poll()
      })
    })
    const add = (r: { p50: number; p99: number }): string =>
      `+${(r.p50 - ref.p50 - pty.p50).toFixed(3)} ms p50, +${(r.p99 - ref.p99 - pty.p99).toFixed(3)} ms p99 (over broker + pty)`
    console.log(`Puente adds (button → MQTT): ${add(button)}`)
    console.log(`Puente adds (MQTT → LED):    ${add(led)}`)
    console.log(
      'goals (DESIGN): ≤ 0.1 ms p50, ≤ 0.5 ms p99 over the reference; at most 2 ms p99 in all'
    )
  } finally {
    for (const p of [refSub.proc, refPub, buttonSub.proc, ledPub]) p.kill()
    await served.stop()
    await sim.stop()
    await broker.stop()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
