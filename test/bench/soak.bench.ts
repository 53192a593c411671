/**
 * Soak (`npm run bench soak`; SOAK_MINUTES, default 10): the web host (`out/main/serve.js`) under
 * mixed traffic for the whole run, all of it subscribed by Puente: QoS 1 messages counted by their PUBACKs and by a persistent
 * subscriber, QoS 0 on many topics, button presses and colours through a board on a socat pty
 * that is unplugged and plugged back every 45 s, a WebSocket client that never reads (dropped
 * and back again), and one restart of the embedded broker (its port changed) in the middle.
 * Reports the host's resident memory in minute 2 against the last minute, and how many
 * acknowledged QoS 1 messages never arrived: at the persistent subscriber, and at Puente itself
 * (what its traffic log recorded). Exits 1 when any was lost or the last minute's memory is over
 * 1.10 times minute 2's.
 */
import { createReadStream, readdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { createInterface } from 'node:readline'
import mqtt, { type MqttClient } from 'mqtt'
import { freePort } from '../helpers/ports'
import { startServe } from '../helpers/serve'
import { tempDir } from '../helpers/tmp'
import WebSocket from 'ws'
import { BoardSim } from '../sim/board-sim'

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10)
const RUN_MS = MINUTES * 60_000
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
/** The most the last minute's memory may grow over minute 2's. */
const MAX_RSS_RATIO = 1.1
const Q1 = 'soak/q1/'

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

/** A WebSocket client that finishes the handshake and then never reads again. */
function stalled(port: number): net.Socket {
  const s = net.connect(port, '127.0.0.1', () => {
    s.write(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
    )
    s.once('data', () => s.pause())
  })
  s.on('error', () => undefined)
  return s
}

function connect(port: number, clientId: string, clean: boolean): Promise<MqttClient> {
  const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId, clean, reconnectPeriod: 500 })
  c.on('error', () => undefined)
  return new Promise((resolve) => c.once('connect', () => resolve(c)))
}

/** The numbers of the QoS 1 messages Puente received, as its traffic log recorded them. */
async function receivedByPuente(dataDir: string): Promise<Set<number>> {
  const dir = path.join(dataDir, 'traffic')
  const got = new Set<number>()
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    const lines = createInterface({
      input: createReadStream(path.join(dir, f)),
      crlfDelay: Infinity
    })
    for await (const line of lines) {
      if (!line.includes(`"${Q1}`)) continue
      const m = JSON.parse(line) as { dir: string; topic: string; payload: string }
      if (m.dir === 'in' && m.topic.startsWith(Q1)) got.add(Number(m.payload))
    }
  }
  return got
}

/** Sends a command on the control socket and waits for its answer; throws when refused. */
function command(control: WebSocket, id: number, cmd: string, input: unknown): Promise<void> {
  const answered = new Promise<string>((resolve) => {
    const onMessage = (d: WebSocket.RawData): void => {
      if (!String(d).startsWith(`{"id":${id},`)) return
      control.off('message', onMessage)
      resolve(String(d))
    }
    control.on('message', onMessage)
  })
  control.send(JSON.stringify({ id, cmd, input }))
  return answered.then((answer) => {
    if (!answer.includes('"ok":true')) throw new Error(`${cmd} failed: ${answer}`)
  })
}

async function main(): Promise<void> {
  const sim = await BoardSim.start({ firmware: 'js', repl: false })
  let brokerPort = await freePort()
  const dataDir = tempDir()
  const host = await startServe([
    ...['--data-dir', dataDir, '--http-port', String(await freePort())],
    ...['--serial', sim.hostPath, '--broker-port', String(brokerPort)]
  ])
  const pid = host.proc.pid!
  const httpPort = Number(new URL(host.url).port)
  const control = new WebSocket(`ws://127.0.0.1:${httpPort}/ws`)
  await new Promise((resolve, reject) => control.once('open', resolve).once('error', reject))
  // Puente itself takes all of the soak's traffic: ring, stats, log and the windows' batches;
  // subscribed before the first message, so each one should reach it
  await command(control, 2, 'mqtt:subscribe', { filter: 'soak/#' })
  const started = Date.now()
  const rss: { t: number; mb: number }[] = []
  const acked = new Set<number>()
  const got = new Set<number>()
  let seq = 0
  let running = true
  let replugs = 0
  let slowDrops = 0

  let sub = await connect(brokerPort, 'soak-sub', false)
  const onMessage = (_t: string, p: Buffer): void => void got.add(Number(p.toString()))
  sub.on('message', onMessage)
  await new Promise((r) => sub.subscribe('soak/q1/#', { qos: 1 }, r))
  let pub = await connect(brokerPort, 'soak-pub', true)

  const timers = [
    setInterval(() => rss.push({ t: Date.now() - started, mb: rssMb(pid) }), 1000),
    // 500 QoS 1 and 1,000 QoS 0 messages a second
    setInterval(() => {
      if (!pub.connected) return
      for (let i = 0; i < 50; i++) {
        const n = ++seq
        pub.publish(`${Q1}${n % 10}`, String(n), { qos: 1 }, (err) => {
          if (!err) acked.add(n)
        })
      }
      for (let i = 0; i < 100; i++)
        pub.publish(`soak/q0/aula${i % 50}`, JSON.stringify({ n: seq, temp: 21.5 }), { qos: 0 })
      pub.publish('clase_eoi/led', JSON.stringify({ r: seq % 256, g: 0, b: 0 }))
    }, 100)
  ]
  let slow = stalled(httpPort)
  const board = (async (): Promise<void> => {
    while (running) {
      for (let i = 0; i < 45 && running; i++) {
        await sim.press(20).catch(() => undefined)
        await sleep(1000)
      }
      if (!running) break
      await sim.unplug()
      await sleep(1000)
      await sim.plug()
      replugs++
    }
  })()
  // the host drops the client that never reads (a notice says so): it comes straight back
  control.on('message', (d) => {
    const text = String(d)
    if (!text.startsWith('{"event":"notice"') || !text.includes('"web-client-too-slow"')) return
    slowDrops++
    slow.destroy()
    if (running) slow = stalled(httpPort)
  })

  // one broker restart in the middle: a new port means a new embedded broker
  await sleep(RUN_MS * 0.5)
  const newPort = await freePort()
  await command(control, 1, 'settings:update', { broker: { port: newPort } })
  brokerPort = newPort
  pub.end(true)
  sub.end(true)
  pub = await connect(brokerPort, 'soak-pub', true)
  sub = await connect(brokerPort, 'soak-sub', false)
  sub.on('message', onMessage)
  await new Promise((r) => sub.subscribe('soak/q1/#', { qos: 1 }, r))
  await sleep(Math.max(0, RUN_MS - (Date.now() - started)))

  running = false
  clearInterval(timers[1])
  const drainUntil = Date.now() + 30_000
  while ([...acked].some((n) => !got.has(n)) && Date.now() < drainUntil) await sleep(200)
  clearInterval(timers[0])
  await board
  const lost = [...acked].filter((n) => !got.has(n)).length
  const minute2 = median(rss.filter((r) => r.t >= 60_000 && r.t < 120_000).map((r) => r.mb))
  const last = median(rss.filter((r) => r.t >= RUN_MS - 60_000 && r.t < RUN_MS).map((r) => r.mb))
  const ratio = last / minute2
  slow.destroy()
  pub.end(true)
  sub.end(true)
  control.close()
  // stopping flushes the log: then it holds everything Puente received
  await host.stop()
  await sim.stop()
  const atPuente = await receivedByPuente(dataDir)
  const lostAtPuente = [...acked].filter((n) => !atPuente.has(n)).length
  console.log(`soak: ${MINUTES} min, ${seq} QoS 1 published, ${acked.size} acknowledged`)
  console.log(`  acknowledged QoS 1 messages lost at the subscriber: ${lost}`)
  console.log(`  acknowledged QoS 1 messages lost at Puente (its log): ${lostAtPuente}`)
  console.log(`  board replugs: ${replugs}; slow WebSocket client dropped and back: ${slowDrops}`)
  console.log(`  broker restarted once (port ${brokerPort})`)
  console.log(
    `  host RSS: minute 2 ${minute2.toFixed(0)} MB, last minute ${last.toFixed(0)} MB, ratio ${ratio.toFixed(2)} (goal ≤ ${MAX_RSS_RATIO.toFixed(2)})`
  )
  // NaN (a run too short to measure) fails too
  const memoryHeld = ratio <= MAX_RSS_RATIO
  if (!memoryHeld) console.log('  FAIL: the host kept growing')
  process.exit(lost === 0 && lostAtPuente === 0 && memoryHeld ? 0 : 1)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
