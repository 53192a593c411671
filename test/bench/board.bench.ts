// Benchmark (not a test): what the board bridge adds, against the floor in the same run.
//   npx tsx test/bench/board.bench.ts        (BENCH_N events each way, BENCH_ROUNDS rounds)
// Puente runs as the built web host (out/main/serve.js) in its own process, with a simulated
// board on a socat pty, against Debian's mosquitto with `set_tcp_nodelay true` (as EMQX and
// HiveMQ have it) and against its own embedded broker. The floor is the simplest bridge there
// is: `mosquitto_pub -l` reading a pty and `mosquitto_sub` writing to one. Per round, one event
// at a time after a warm-up (and again once V8 has optimized the path): a button line → the broker → mosquitto_sub (QoS 1, as Puente
// publishes it), a colour from mosquitto_pub → the line on the pty; then a burst of board lines.
// With BENCH_PEER=node-red, Node-RED 5 with its serial node (./node-red.ts, installed on demand in
// ~/.cache/puente-bench with npm, and a Node.js 22 from npm when this one is older than it needs)
// is a third bridge on its own pty, measured the same way in each round, and Puente's numbers
// are also printed against it (its added latency over the floor, its burst rate and CPU):
//   BENCH_PEER=node-red npx tsx test/bench/board.bench.ts
import { BoardSim } from '../sim/board-sim'
import { tempDir } from '../helpers/hub'
import { Mosquitto } from '../helpers/mosquitto'
import { freePort } from '../helpers/ports'
import { startServe, type Served } from '../helpers/serve'
import {
  colourReaches,
  cpuSeconds,
  FloorBridge,
  linePub,
  LineSub,
  tail,
  type Tail
} from './board-parts'
import { report, reportPeer, type Burst, type Per, type Round, type Trips } from './board-report'
import { NodeRed } from './node-red'

const N = Number(process.env.BENCH_N ?? 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const BURST = Number(process.env.BENCH_BURST ?? 10_000)
const WARM = 200
/**
 * Events before the "warm" measurement: V8 keeps optimizing the bridge's path for the first
 * ~3,000 events (its slow events fall from ~10 % to ~1 %), where the floor's C programs need no
 * warm-up; both figures are reported, the cold one being what a lone press meets.
 */
const HOT = Number(process.env.BENCH_HOT ?? 3000)
const LOST_MS = 10_000
/** Which brokers to run against (`mosquitto,embedded`), to keep a run short. */
const BROKERS = (process.env.BENCH_BROKERS ?? 'mosquitto,embedded').split(',')
/** A folder for a CPU profile of Puente's process (`node --cpu-prof`), written when it quits. */
const PROF = process.env.BENCH_CPU_PROF
/** A peer bridge to run beside the floor and Puente: `node-red`, or none. */
const PEER = process.env.BENCH_PEER
if (PEER !== undefined && PEER !== 'node-red')
  throw new Error(`BENCH_PEER=${PEER}: the only peer is node-red`)

/** One bridge under test: its board, where its lines go, and where its colours come from. */
interface Bridge {
  sim: BoardSim
  button: LineSub
  serial: LineSub
  led: ReturnType<typeof linePub>
  /** Makes the bridge publish board lines at `qos` (the floor's publisher has one QoS). */
  inboundAt(qos: number): Promise<void>
  pid?: number
}

/** Fails the run when one event never arrives, instead of waiting for it forever. */
async function arrives(i: number, once: (i: number) => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const lost = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`event ${i} did not arrive in ${LOST_MS} ms`)),
      LOST_MS
    )
  })
  try {
    await Promise.race([once(i), lost])
  } finally {
    clearTimeout(timer)
  }
}

async function closedLoop(n: number, once: (i: number) => Promise<void>): Promise<Trips> {
  const measure = async (): Promise<Tail> => {
    const ms: number[] = []
    for (let i = 0; i < n; i++) {
      const t0 = performance.now()
      await arrives(i, once)
      ms.push(performance.now() - t0)
    }
    return tail(ms)
  }
  for (let i = 0; i < WARM; i++) await arrives(-1 - i, once)
  const cold = await measure()
  for (let i = WARM + n; i < HOT; i++) await arrives(-1 - i, once)
  return { cold, warm: await measure() }
}

async function buttonTrips(b: Bridge): Promise<Trips> {
  await b.inboundAt(1)
  return closedLoop(N, async () => {
    const got = b.button.next()
    b.sim.write('{"button":"pressed"}\n')
    await got
  })
}

let colour = 1
async function ledTrips(b: Bridge): Promise<Trips> {
  return closedLoop(N, async () => {
    const k = colour++ % 16_777_216
    const line = `{"r":${k >> 16},"g":${(k >> 8) & 255},"b":${k & 255}}`
    const got = new Promise<void>((resolve) => {
      b.sim.onLine = (l): void => {
        if (l === line) resolve()
      }
    })
    b.led.stdin.write(`${line}\n`)
    await got
  })
}

async function burst(b: Bridge, round: number): Promise<Burst> {
  await b.inboundAt(0)
  const lines = Array.from({ length: BURST }, (_, i) => `sensor ${round} ${i} 23.5`)
  const cpu0 = b.pid ? cpuSeconds(b.pid) : 0
  const got = b.serial.collect(BURST, 60_000)
  const t0 = performance.now()
  b.sim.write(lines.join('\n') + '\n')
  const seen = await got
  const s = (performance.now() - t0) / 1000
  const cpu = b.pid ? cpuSeconds(b.pid) - cpu0 : undefined
  const order = seen.every((l, i) => l === lines[i])
  return { rate: seen.length / s, lost: BURST - seen.length, order, cpu }
}

/**
 * The floor's own mosquitto_sub writes straight into the pty, so it cannot log its SUBACK: a
 * colour is published until one reaches the floor's board.
 */
async function floorListening(port: number, sim: BoardSim, topic: string): Promise<void> {
  await colourReaches(port, sim, topic, 50, (i) => {
    if (i === 100) throw new Error(`the floor's mosquitto_sub never wrote ${topic} to its pty`)
  })
}

/** Node-RED's bridge on its own board and topics, and how to stop both. */
async function nodeRedBridge(port: number): Promise<{ bridge: Bridge; stop: () => Promise<void> }> {
  const sim = await BoardSim.start({ repl: false })
  const topics = { in: 'nodered/in', led: 'nodered/led' }
  const red = await NodeRed.start({ port, sim, topics, qos: 1 }).catch(async (err: unknown) => {
    await sim.stop()
    throw err
  })
  const [button, serial] = [new LineSub(port, topics.in), new LineSub(port, topics.in)]
  const bridge = {
    sim,
    button,
    serial,
    led: linePub(port, topics.led),
    // its probe lines must have reached both subscribers before they measure
    inboundAt: (qos: number) => red.inboundAt(qos, [button, serial]),
    pid: red.pid
  }
  return {
    bridge,
    stop: async (): Promise<void> => {
      await red.stop()
      await sim.stop()
    }
  }
}

/** Everything for one broker: Puente, the floor, their boards and the clients that measure. */
async function setup(kind: 'mosquitto' | 'embedded'): Promise<{
  port: number
  bridges: Per<Bridge>
  stop: () => Promise<void>
}> {
  let mosq: Mosquitto | undefined
  const brokerPort = await freePort()
  const args = ['--data-dir', tempDir(), '--http-port', String(await freePort())]
  args.push('--broker-port', String(brokerPort))
  if (kind === 'mosquitto') {
    mosq = new Mosquitto({ noDelay: true })
    await mosq.start()
    args.push('--broker', mosq.url)
  }
  const port = mosq ? mosq.port : brokerPort
  const psim = await BoardSim.start({ repl: false })
  const fsim = await BoardSim.start({ repl: false })
  const served: Served = await startServe(
    [...args, '--serial', psim.hostPath],
    {},
    15_000,
    PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : []
  )
  const floor = new FloorBridge(port, fsim.hostPath, { in: 'floor/in', led: 'floor/led' })
  const peer =
    PEER === 'node-red'
      ? await nodeRedBridge(port).catch(async (err: unknown) => {
          await Promise.all([floor.stop(), served.stop(), psim.stop(), fsim.stop()])
          await mosq?.stop()
          throw err
        })
      : undefined
  const bridges: Per<Bridge> = {
    puente: {
      sim: psim,
      button: new LineSub(port, 'clase_eoi/boton'),
      serial: new LineSub(port, 'clase_eoi/serial'),
      led: linePub(port, 'clase_eoi/led'),
      inboundAt: async (): Promise<void> => {},
      pid: served.proc.pid
    },
    floor: {
      sim: fsim,
      button: new LineSub(port, 'floor/in'),
      serial: new LineSub(port, 'floor/in'),
      led: linePub(port, 'floor/led'),
      inboundAt: (qos: number) => floor.inboundAt(qos)
    },
    ...(peer ? { 'node-red': peer.bridge } : {})
  }
  await Promise.all(
    Object.values(bridges).flatMap((b) => [b.button.subscribed, b.serial.subscribed])
  )
  await floorListening(port, fsim, 'floor/led')
  if (!served.output().includes('ready')) throw new Error(served.output())
  return {
    port,
    bridges,
    stop: async (): Promise<void> => {
      for (const b of Object.values(bridges))
        // SIGKILL: one mosquitto_sub outlived a run after SIGTERM, retrying its gone broker
        for (const p of [b.button.proc, b.serial.proc, b.led]) p.kill('SIGKILL')
      await floor.stop()
      await peer?.stop()
      await served.stop()
      await psim.stop()
      await fsim.stop()
      await mosq?.stop()
    }
  }
}

async function runRound(port: number, bridges: Per<Bridge>, r: number): Promise<Round> {
  const refSub = new LineSub(port, 'bench/ref')
  const refPub = linePub(port, 'bench/ref', 1)
  await refSub.subscribed
  const { warm: ref } = await closedLoop(N, async (i) => {
    const got = refSub.next()
    refPub.stdin.write(`${i}\n`)
    await got
  })
  refSub.proc.kill()
  refPub.kill()
  const out = { ref, button: {}, led: {}, burst: {} } as Round
  for (const name of ['floor', 'puente', 'node-red'] as const) {
    const b = bridges[name]
    if (!b) continue
    out.button[name] = await buttonTrips(b)
    out.led[name] = await ledTrips(b)
    if (r === 0) await burst(b, -1) // warm-up: the first burst also pays for the JIT
    out.burst[name] = await burst(b, r)
  }
  return out
}

async function main(): Promise<void> {
  console.log('goals: ≤ 0.1 ms added at p50 and ≤ 0.5 ms at p99 both ways; burst ≥ 0.8× the floor')
  if (PEER)
    console.log(
      'against Node-RED: added latency never above its added latency; burst ≥ 2× its rate'
    )
  const sizes = { n: N, warm: WARM, hot: HOT, burst: BURST }
  for (const kind of (['mosquitto', 'embedded'] as const).filter((k) => BROKERS.includes(k))) {
    const s = await setup(kind)
    const rounds: Round[] = []
    try {
      for (let r = 0; r < ROUNDS; r++) rounds.push(await runRound(s.port, s.bridges, r))
    } finally {
      await s.stop()
    }
    const name = kind === 'mosquitto' ? 'mosquitto (set_tcp_nodelay true)' : 'embedded broker'
    report(name, rounds, sizes)
    if (PEER) reportPeer(rounds, sizes)
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
