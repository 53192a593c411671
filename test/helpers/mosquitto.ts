import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, waitForPort } from './ports'

export interface MosquittoOptions {
  /**
   * `set_tcp_nodelay true`: Nagle off on the broker's side, as EMQX and HiveMQ have it by
   * default; a client that leaves Nagle on then shows its own delayed-ACK stalls.
   */
  noDelay?: boolean
}

/** Debian's mosquitto on a free loopback port, with persistence so sessions survive a restart. */
export class Mosquitto {
  constructor(private readonly opts: MosquittoOptions = {}) {}

  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'puente-mosq-'))
  private proc: ChildProcess | undefined
  port = 0

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`
  }

  /** Starts it (again on the same port and store after a stop). */
  async start(extraConfig = ''): Promise<void> {
    if (!this.port) this.port = await freePort()
    const conf = path.join(this.dir, 'mosquitto.conf')
    writeFileSync(
      conf,
      [
        `listener ${this.port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence true',
        `persistence_location ${this.dir}/`,
        'autosave_interval 1',
        'max_queued_messages 100000',
        'message_size_limit 0',
        // as root, mosquitto would drop to the `mosquitto` user, who cannot use our 0700 temp dir
        process.getuid?.() === 0 ? 'user root' : '',
        this.opts.noDelay ? 'set_tcp_nodelay true' : '',
        extraConfig
      ].join('\n') + '\n'
    )
    this.proc = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' })
    await waitForPort(this.port)
  }

  /** Sends a signal (SIGSTOP makes it a broker that no longer answers). */
  signal(sig: NodeJS.Signals): void {
    this.proc?.kill(sig)
  }

  /** Stops it gracefully (SIGTERM: mosquitto saves its persistence file). */
  async stop(): Promise<void> {
    const p = this.proc
    this.proc = undefined
    if (!p || p.exitCode !== null) return
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve())
      p.kill('SIGTERM')
    })
  }
}

/** Runs mosquitto_pub with the given arguments against `port`; resolves when it exits 0. */
export function mosquittoPub(port: number, args: string[], stdin?: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), ...args], {
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe']
    })
    let err = ''
    p.stderr!.on('data', (d) => (err += d))
    if (stdin !== undefined) p.stdin!.end(stdin)
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`mosquitto_pub ${args.join(' ')}: ${code} ${err}`))
    )
  })
}

/** A running mosquitto_sub and what it has printed. */
export interface MosquittoSub {
  /** Its message lines (its -d debug lines left out). */
  readonly lines: string[]
  waitFor(pred: (line: string) => boolean, ms?: number): Promise<string>
  stop(): void
}

/**
 * A mosquitto_sub that collects messages (-v: "topic payload" lines) until stopped; resolves once
 * the broker has acknowledged its subscription (the SUBACK its -d output reports), so nothing
 * published afterwards can be missed.
 */
export async function mosquittoSub(
  port: number,
  topics: string[],
  extra: string[] = []
): Promise<MosquittoSub> {
  const id = `puente-test-sub-${randomBytes(4).toString('hex')}`
  const args = [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-i',
    id,
    '-d',
    '-v',
    ...topics.flatMap((t) => ['-t', t]),
    ...extra
  ]
  // its -d log is written with stdio buffering: stdbuf makes it line by line
  const p = spawn('stdbuf', ['-oL', 'mosquitto_sub', ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  p.stdout.on('data', (d) => (out += d))
  p.stderr.on('data', (d) => (err += d))
  // -d writes its protocol log to stdout among the messages
  const debug = (l: string): boolean =>
    l.startsWith(`Client ${id} `) || /^Subscribed \(mid: \d+\):[\d, ]*$/.test(l)
  const lines = (): string[] => out.split('\n').filter((l) => l && !debug(l))
  const acked = `Client ${id} received SUBACK`
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number | null): void =>
      reject(new Error(`mosquitto_sub exited (${code}) before subscribing: ${err}${out}`))
    p.once('exit', exited)
    const check = (): void => {
      if (!out.split('\n').includes(acked)) return
      p.stdout.off('data', check)
      p.off('exit', exited)
      resolve()
    }
    p.stdout.on('data', check)
  })
  return {
    get lines(): string[] {
      return lines()
    },
    /** Waits until a line satisfies `pred`. */
    async waitFor(pred: (line: string) => boolean, ms = 5000): Promise<string> {
      const until = Date.now() + ms
      for (;;) {
        const hit = lines().find(pred)
        if (hit) return hit
        if (Date.now() > until)
          throw new Error(
            `mosquitto_sub did not see the expected line; got:\n${lines().join('\n').slice(-2000)}`
          )
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    stop(): void {
      p.kill()
    }
  }
}
