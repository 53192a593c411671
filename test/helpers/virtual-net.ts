import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { netHandlers } from '../../electron/core/board/virtual/net-host'
import type { NetFailure } from '../../electron/core/board/virtual/net-worker'
import { SyscallServer } from '../../electron/core/board/virtual/syscall'

/** Puente's Python modules of the virtual board. */
export const VIRTUAL_LIB = path.resolve(__dirname, '../../resources/virtual/lib')

/** What a snippet left: its printed lines, the traceback text, the network's last failure. */
export interface RunResult {
  out: string[]
  error: string | undefined
  failure: NetFailure | undefined
  wifi: boolean
}

/** A MicroPython worker with the virtual board's network and nothing else. */
export class NetBoard {
  readonly out: string[] = []
  private constructor(
    private readonly worker: Worker,
    private readonly server: SyscallServer,
    private readonly net: { close(): void },
    private readonly stopFlag: Int32Array
  ) {
    worker.on('message', (m: { out?: string }) => {
      if (m.out !== undefined) this.out.push(m.out)
    })
  }

  /** Starts it; `libs` are copied into /lib in order (a later one replaces a file). */
  static async start(hosts: Record<string, string> = {}, libs = [VIRTUAL_LIB]): Promise<NetBoard> {
    const net = netHandlers({ hosts })
    const server = new SyscallServer(net.handlers)
    const stop = new SharedArrayBuffer(4)
    const worker = new Worker(path.join(__dirname, 'virtual-net-worker.ts'), {
      execArgv: ['--require', 'tsx/cjs'],
      workerData: { channel: server.channel, stop, libs },
      transferList: [server.channel.port]
    })
    const b = new NetBoard(worker, server, net, new Int32Array(stop))
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject)
      worker.on('message', (m: { ready?: boolean }) => m.ready && resolve())
    })
    return b
  }

  /** Resolves with the first printed line (so far or to come) that matches. */
  waitFor(pred: (line: string) => boolean, ms = 10_000): Promise<string> {
    const seen = this.out.find(pred)
    if (seen !== undefined) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.worker.off('message', on)
        reject(new Error(`no line matched in ${ms} ms; printed:\n${this.out.join('\n')}`))
      }, ms)
      const on = (m: { out?: string; done?: boolean; error?: string }): void => {
        if (m.done) {
          clearTimeout(timer)
          this.worker.off('message', on)
          reject(new Error(`the program ended first: ${m.error ?? this.out.join('\n')}`))
        }
        if (m.out === undefined || !pred(m.out)) return
        clearTimeout(timer)
        this.worker.off('message', on)
        resolve(m.out)
      }
      this.worker.on('message', on)
    })
  }

  /** Runs a snippet to its end (or its exception). */
  async run(code: string): Promise<RunResult> {
    const from = this.out.length
    const done = new Promise<RunResult>((resolve) => {
      const on = (m: { done?: boolean } & Omit<RunResult, 'out'>): void => {
        if (!m.done) return
        this.worker.off('message', on)
        resolve({ out: this.out.slice(from), error: m.error, failure: m.failure, wifi: m.wifi })
      }
      this.worker.on('message', on)
    })
    this.worker.postMessage({ code })
    return done
  }

  /** Stop pressed: blocking network calls give up (KeyboardInterrupt). */
  interrupt(on = true): void {
    Atomics.store(this.stopFlag, 0, on ? 1 : 0)
  }

  /** Ends the worker and every socket it had. */
  async stop(): Promise<void> {
    this.net.close()
    this.server.close()
    await this.worker.terminate()
  }
}
