// Benchmark (not a test): the virtual board, against references measured in the same run.
//   npx tsx test/bench/virtual.bench.ts      (BENCH_ROUNDS rounds, BENCH_N events, BENCH_CPU_S)
// Everything runs in this process, as in the app: the core with its embedded broker, the virtual
// board's worker thread, and (for the pty board) the simulator on a socat pty. Measured:
// 1. boot → the program's first MQTT publish, against a plain mqtt.js connect + publish;
// 2. button → clase_eoi/boton with Puente's firmware, virtual vs the same firmware on a pty board
//    (both debounce 30 ms, so the difference is what the virtual board adds);
// 3. a `check_msg(); sleep_ms(20)` loop's CPU, per thread from /proc;
// 4. a `while True: pass` program: how many threads it keeps busy, and the pty board's
//    button → MQTT tail while it runs against the same with no virtual board.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import { firmwareDir } from '../../electron/core/board/firmware'
import type { Puente } from '../../electron/core/puente'
import { connected, startTestHub, until } from '../helpers/hub'
import { BoardSim } from '../sim/board-sim'
import { LineSub, median, tail, type Tail } from './board-parts'
import {
  brokerPort,
  program,
  runBoard,
  threadLoad,
  threadSeconds,
  trips,
  waitUntil
} from './virtual-parts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const N = Number(process.env.BENCH_N ?? 300)
const PRESSES = Number(process.env.BENCH_PRESSES ?? 50)
const CPU_S = Number(process.env.BENCH_CPU_S ?? 10)

const ms = (x: number): string => `${x.toFixed(1)} ms`
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`

/** 1: boot to first publish, and a plain Node client's connect + publish, per round. */
async function boot(hub: Puente): Promise<void> {
  const port = brokerPort(hub)
  const sub = await mqtt.connectAsync(hub.brokerUrl)
  await sub.subscribeAsync('bench/boot/#', { qos: 0 })
  const seen = new Map<string, number>()
  sub.on('message', (topic) => seen.set(topic, performance.now()))
  const board: number[] = []
  const loaded: number[] = []
  const ref: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const topic = `bench/boot/v${r}`
    const b = await runBoard(program(port, [`c.publish(b"${topic}", b"hola")`, 'c.disconnect()']))
    await waitUntil(() => seen.has(topic), 'the first publish')
    board.push(seen.get(topic)! - b.t0)
    loaded.push(b.loaded - b.t0)
    await b.off()
    const t0 = performance.now()
    const c = await mqtt.connectAsync(hub.brokerUrl, { clientId: `ref${r}` })
    await c.publishAsync(`bench/boot/r${r}`, 'hola')
    await waitUntil(() => seen.has(`bench/boot/r${r}`), 'the reference publish')
    ref.push(seen.get(`bench/boot/r${r}`)! - t0)
    await c.endAsync()
  }
  await sub.endAsync()
  console.log(
    `1. boot → first publish   virtual board ${ms(median(board))} (worker loaded ${ms(median(loaded))}) | mqtt.js connect + publish ${ms(median(ref))} | goal ≤ 1000 ms`
  )
}

/** One bridged board whose button goes to clase_eoi/boton, seen by mosquitto_sub. */
interface Pressable {
  hub: Puente
  sub: LineSub
  press(down: boolean): void
  stop(): Promise<void>
}

async function ptyHub(sim: BoardSim): Promise<Puente> {
  const hub = await startTestHub({ board: { serial: sim.hostPath } })
  await connected(hub)
  await until(() => !!hub.services.board.status.boardId, 'the pty board says hello', 15_000)
  return hub
}

async function firmwareBoards(): Promise<Record<'pty' | 'virtual', Pressable>> {
  const read = (n: string): Buffer => readFileSync(path.join(firmwareDir(), n))
  const files = Object.fromEntries(['config.py', 'puente.py', 'main.py'].map((n) => [n, read(n)]))
  const sim = await BoardSim.start({ firmware: 'wasm', files })
  const pty = await ptyHub(sim)
  const virt = await startTestHub({ board: { serial: 'virtual' }, virtual: { board: '' } })
  await connected(virt)
  await until(() => !!virt.services.board.status.boardId, 'the virtual firmware says hello', 15_000)
  const subOf = (hub: Puente): LineSub => new LineSub(brokerPort(hub), 'clase_eoi/boton')
  return {
    pty: {
      hub: pty,
      sub: subOf(pty),
      press: (down) => sim.mp!.hw.pins.set(0, down ? 0 : 1),
      stop: async () => {
        await pty.stop()
        await sim.stop()
      }
    },
    virtual: {
      hub: virt,
      sub: subOf(virt),
      press: (down) => void virt.services.virtual.button(down),
      stop: () => virt.stop()
    }
  }
}

/** Press → its clase_eoi/boton message (only presses are published); then a release, settled. */
async function pressTrips(b: Pressable): Promise<Tail> {
  const ms: number[] = []
  for (let i = -3; i < PRESSES; i++) {
    const got = b.sub.next()
    const t0 = performance.now()
    b.press(true)
    await got
    if (i >= 0) ms.push(performance.now() - t0)
    b.press(false)
    await new Promise((r) => setTimeout(r, 80)) // past the firmware's 30 ms debounce
  }
  return tail(ms)
}

async function button(): Promise<void> {
  const boards = await firmwareBoards()
  await Promise.all([boards.pty.sub.subscribed, boards.virtual.sub.subscribed])
  const rounds: Record<'pty' | 'virtual', Tail>[] = []
  try {
    for (let r = 0; r < ROUNDS; r++)
      rounds.push({ pty: await pressTrips(boards.pty), virtual: await pressTrips(boards.virtual) })
  } finally {
    for (const b of Object.values(boards)) {
      b.sub.proc.kill()
      await b.stop()
    }
  }
  const m = (f: (x: Record<'pty' | 'virtual', Tail>) => number): number => median(rounds.map(f))
  const [p50, p99] = [m((x) => x.pty.p50), m((x) => x.pty.p99)]
  const [v50, v99] = [m((x) => x.virtual.p50), m((x) => x.virtual.p99)]
  console.log(
    `2. button → clase_eoi/boton (firmware, 30 ms debounce)  pty board p50 ${ms(p50)} p99 ${ms(p99)} | virtual p50 ${ms(v50)} p99 ${ms(v99)} | added p50 ${ms(v50 - p50)} p99 ${ms(v99 - p99)} | goal ≤ 5 ms p99`
  )
}

/** 3: a check_msg loop's CPU over CPU_S seconds, per round. */
async function idleLoop(hub: Puente): Promise<void> {
  const lines: string[] = []
  const body = [
    'c.set_callback(lambda t, m: None)',
    'c.subscribe(b"bench/idle")',
    'print("listo")',
    'while True:',
    '    c.check_msg()',
    '    time.sleep_ms(20)'
  ]
  const total: number[] = []
  const busiest: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const b = await runBoard(program(brokerPort(hub), body), (t) => lines.push(t))
    await waitUntil(() => lines.includes('listo'), 'the loop')
    await new Promise((res) => setTimeout(res, 500))
    const a = threadSeconds()
    const t0 = performance.now()
    await new Promise((res) => setTimeout(res, CPU_S * 1000))
    const load = threadLoad(a, threadSeconds(), (performance.now() - t0) / 1000)
    total.push(load.total)
    busiest.push(load.busiest)
    await b.off()
    lines.length = 0
  }
  console.log(
    `3. check_msg(); sleep_ms(20) for ${CPU_S} s   whole process ${pct(median(total))} of a core (busiest thread ${pct(median(busiest))}) | goal ≤ 5 %`
  )
}

/** 4: the pty bridge's button tail with and without a `while True: pass` board beside it. */
async function busyLoop(): Promise<void> {
  const sim = await BoardSim.start({ repl: false })
  const hub = await ptyHub(sim)
  const sub = new LineSub(brokerPort(hub), 'clase_eoi/boton')
  await sub.subscribed
  const once = async (): Promise<void> => {
    const got = sub.next()
    sim.write('{"button":"pressed"}\n')
    await got
  }
  const quiet: Tail[] = []
  const busy: Tail[] = []
  const threads: number[] = []
  try {
    for (let r = 0; r < ROUNDS; r++) {
      quiet.push(await trips(N, 30, once))
      const b = await runBoard('print("vuelta")\nwhile True:\n    pass\n')
      await new Promise((res) => setTimeout(res, 500))
      const a = threadSeconds()
      const t0 = performance.now()
      busy.push(await trips(N, 30, once))
      threads.push(threadLoad(a, threadSeconds(), (performance.now() - t0) / 1000).busy)
      await b.off()
    }
  } finally {
    sub.proc.kill()
    await hub.stop()
    await sim.stop()
  }
  const q99 = median(quiet.map((t) => t.p99))
  const b99 = median(busy.map((t) => t.p99))
  console.log(
    `4. while True: pass   threads above half a core ${Math.max(...threads)} | pty button → MQTT p50 ${ms(median(quiet.map((t) => t.p50)))} p99 ${ms(q99)} alone, p50 ${ms(median(busy.map((t) => t.p50)))} p99 ${ms(b99)} beside it = ${(b99 / q99).toFixed(2)}× | goal ≤ 2×`
  )
}

async function main(): Promise<void> {
  console.log(`median of ${ROUNDS} rounds; ${N} pty button lines, ${PRESSES} firmware presses`)
  for (const part of [withHub(boot), button, withHub(idleLoop), busyLoop]) await part()
}

/** A part run against a hub of its own (the embedded broker, no board). */
function withHub(part: (hub: Puente) => Promise<void>): () => Promise<void> {
  return async () => {
    const hub = await startTestHub()
    await connected(hub)
    try {
      await part(hub)
    } finally {
      await hub.stop()
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
