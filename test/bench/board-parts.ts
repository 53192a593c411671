// Parts of the board benchmark: processes that publish, subscribe and bridge (no Puente code).
import { randomBytes } from 'node:crypto'
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mosquittoPub } from '../helpers/mosquitto'
import type { BoardSim } from '../sim/board-sim'

export interface Tail {
  p50: number
  p99: number
}

/** p50 and p99 of round-trip times. */
export function tail(ms: number[]): Tail {
  const s = [...ms].sort((a, b) => a - b)
  return { p50: s[Math.floor(s.length * 0.5)], p99: s[Math.floor(s.length * 0.99)] }
}

/** The median of a few rounds. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

const host = (port: number): string[] => ['-h', '127.0.0.1', '-p', String(port)]

/** A long-lived mosquitto_sub: waits for the next line, or counts a burst of them. */
export class LineSub {
  readonly proc: ChildProcessWithoutNullStreams
  /** Resolves once the broker has acknowledged the subscription (its SUBACK). */
  readonly subscribed: Promise<void>
  private buf = ''
  private waiter: ((line: string) => void) | undefined
  private collecting: string[] | undefined
  private want = 0
  private done: (() => void) | undefined

  constructor(port: number, topic: string) {
    const id = `puente-bench-${randomBytes(4).toString('hex')}`
    // -d logs the SUBACK among the messages; stdbuf makes that log line by line
    this.proc = spawn('stdbuf', [
      '-oL',
      'mosquitto_sub',
      ...host(port),
      '-i',
      id,
      '-d',
      '-t',
      topic
    ])
    let acked: () => void = () => {}
    this.subscribed = new Promise((resolve) => (acked = resolve))
    const debug = (l: string): boolean =>
      l.startsWith(`Client ${id} `) || /^Subscribed \(mid: \d+\):[\d, ]*$/.test(l)
    this.proc.stdout.on('data', (d: Buffer) => {
      this.buf += d.toString()
      let i
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i)
        this.buf = this.buf.slice(i + 1)
        if (debug(line)) {
          if (line === `Client ${id} received SUBACK`) acked()
        } else if (this.collecting) {
          this.collecting.push(line)
          if (this.collecting.length >= this.want) this.done?.()
        } else {
          const w = this.waiter
          this.waiter = undefined
          w?.(line)
        }
      }
    })
  }

  /** The next line that arrives after this call (stale ones are dropped). */
  next(): Promise<string> {
    return new Promise((resolve) => (this.waiter = resolve))
  }

  /** Collects `n` lines (or what came within `ms`). */
  collect(n: number, ms: number): Promise<string[]> {
    const lines: string[] = []
    this.collecting = lines
    this.want = n
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer)
        this.collecting = undefined
        this.done = undefined
        resolve(lines)
      }
      const timer = setTimeout(finish, ms)
      this.done = finish
    })
  }
}

/** A long-lived mosquitto_pub -l: each line written is one message. */
export function linePub(port: number, topic: string, qos = 0): ChildProcessWithoutNullStreams {
  return spawn('mosquitto_pub', [...host(port), '-t', topic, '-q', String(qos), '-l'])
}

/**
 * The floor: the simplest bridge there is, `mosquitto_pub -l` reading the pty and
 * `mosquitto_sub` writing to it. Its inbound publisher can be restarted with another QoS.
 */
export class FloorBridge {
  private inbound: ChildProcess | undefined
  private readonly outbound: ChildProcess

  constructor(
    private readonly port: number,
    private readonly pty: string,
    private readonly topics: { in: string; led: string }
  ) {
    this.outbound = spawn('sh', [
      '-c',
      `exec mosquitto_sub ${host(port).join(' ')} -t '${topics.led}' > '${pty}'`
    ])
  }

  /** (Re)starts the pty → broker half, publishing each line at `qos`. */
  async inboundAt(qos: number): Promise<void> {
    await this.stopInbound()
    const { port, pty, topics } = this
    this.inbound = spawn('sh', [
      '-c',
      `exec mosquitto_pub ${host(port).join(' ')} -t '${topics.in}' -q ${qos} -l < '${pty}'`
    ])
    await new Promise((r) => setTimeout(r, 300))
  }

  private async stopInbound(): Promise<void> {
    const p = this.inbound
    this.inbound = undefined
    if (!p || p.exitCode !== null) return
    await new Promise((r) => {
      p.once('exit', r)
      p.kill()
    })
  }

  /** Ends both halves. */
  async stop(): Promise<void> {
    await this.stopInbound()
    this.outbound.kill()
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/**
 * Publishes a colour on `topic` every `pauseMs` until a bridge has written it to `sim`'s pty:
 * the way to know a bridge's outbound half listens when it cannot log its SUBACK. `stillTrying`
 * is called before each try, with its number, and throws to give up.
 */
export async function colourReaches(
  port: number,
  sim: BoardSim,
  topic: string,
  pauseMs: number,
  stillTrying: (i: number) => void
): Promise<void> {
  const probe = '{"r":0,"g":0,"b":0}'
  let seen = false
  sim.onLine = (l): void => {
    if (l === probe) seen = true
  }
  for (let i = 0; !seen; i++) {
    stillTrying(i)
    await mosquittoPub(port, ['-t', topic, '-m', probe])
    await new Promise((r) => setTimeout(r, pauseMs))
  }
  sim.onLine = undefined
}
