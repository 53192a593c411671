import { once } from 'node:events'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CHUNK,
  SYSCALL_FAILED,
  SyscallServer,
  type SyscallHandler,
  type Unclaimed
} from '../../../electron/core/board/virtual/syscall'

interface Answer {
  status?: number
  data?: Uint8Array
  error?: string
  ms: number
}

const started: { worker: Worker; server: SyscallServer }[] = []

async function start(
  handlers: Record<string, SyscallHandler>,
  unclaimed?: Unclaimed
): Promise<{
  call: (op: string, ...args: unknown[]) => Promise<Answer>
  /** A call that gives way to a pending handler (a socket read). */
  yielding: (op: string, ...args: unknown[]) => Promise<Answer>
  stop: Int32Array
  server: SyscallServer
}> {
  const server = new SyscallServer(handlers, unclaimed)
  const stop = new SharedArrayBuffer(8)
  const worker = new Worker(path.resolve(__dirname, '../../helpers/syscall-worker.ts'), {
    execArgv: ['--require', 'tsx/cjs'],
    workerData: { channel: server.channel, stop },
    transferList: [server.channel.port]
  })
  started.push({ worker, server })
  await once(worker, 'online')
  const ask = async (op: string, args: unknown[], yieldable: boolean): Promise<Answer> => {
    worker.postMessage({ op, args, yieldable })
    const [a] = (await once(worker, 'message')) as [Answer]
    return a
  }
  return {
    call: (op, ...args) => ask(op, args, false),
    yielding: (op, ...args) => ask(op, args, true),
    stop: new Int32Array(stop),
    server
  }
}

afterEach(async () => {
  for (const { worker, server } of started.splice(0)) {
    server.close()
    await worker.terminate()
  }
})

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)
const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b)

describe('syscall channel (worker blocks, main thread answers)', () => {
  it('carries args to an async handler and its status and bytes back', async () => {
    const { call } = await start({
      echo: async (a, b) => {
        await new Promise((r) => setTimeout(r, 20))
        return { status: 7, data: bytes(`${a}:${text(b as Uint8Array)}`) }
      }
    })
    const a = await call('echo', 'hola', bytes('mundo'))
    expect(a).toMatchObject({ status: 7 })
    expect(text(a.data)).toBe('hola:mundo')
  })

  it('answers calls one after another with their own replies', async () => {
    const { call } = await start({ n: (x) => ({ status: 0, data: bytes(String(x)) }) })
    for (let i = 0; i < 50; i++) expect(text((await call('n', i)).data)).toBe(String(i))
  })

  it('brings a reply larger than the shared buffer back in chunks, intact', async () => {
    const big = new Uint8Array(CHUNK * 3 + 123).map((_, i) => (i * 7) & 0xff)
    const { call } = await start({ big: () => ({ status: 0, data: big }) })
    const a = await call('big')
    expect(a.data!.length).toBe(big.length)
    expect(Buffer.from(a.data!).equals(Buffer.from(big))).toBe(true)
    expect((await call('big')).data!.length).toBe(big.length)
  })

  it('reports a handler that throws, or an unknown op, as SYSCALL_FAILED with the message', async () => {
    const { call } = await start({
      boom: () => {
        throw new Error('kaput')
      }
    })
    const a = await call('boom')
    expect(a.status).toBe(SYSCALL_FAILED)
    expect(text(a.data)).toContain('kaput')
    expect(text((await call('nope')).data)).toContain('no such op: nope')
  })

  it('gives up a blocking call when interrupted, and the late reply never reaches the next call', async () => {
    let release: (() => void) | undefined
    let asked: () => void = () => {}
    const handled = new Promise<void>((r) => (asked = r))
    let dropped: (op: string) => void = () => {}
    const unclaimed = new Promise<string>((r) => (dropped = r))
    const { call, stop } = await start(
      {
        hang: () =>
          new Promise((resolve) => {
            release = () => resolve({ status: 0, data: bytes('late') })
            asked()
          }),
        quick: () => ({ status: 0, data: bytes('quick') })
      },
      (op) => dropped(op)
    )
    const pending = call('hang')
    // the worker marks its call waiting before it posts it: once the handler runs, it waits
    await handled
    Atomics.store(stop, 0, 1)
    const a = await pending
    expect(a.error).toBe('interrupted')
    Atomics.store(stop, 0, 0)
    release!()
    // the late reply found nobody waiting for it and went back as unclaimed
    expect(await unclaimed).toBe('hang')
    expect(text((await call('quick')).data)).toBe('quick')
  })

  it('gives a yieldable call up for a pending handler, and hands the reply it left to unclaimed', async () => {
    const releases: (() => void)[] = []
    const left: { op: string; args: unknown[]; text: string }[] = []
    const { call, yielding, stop, server } = await start(
      {
        hang: (n) =>
          new Promise((resolve) => {
            releases.push(() => resolve({ status: 0, data: bytes(`late ${String(n)}`) }))
          })
      },
      (op, args, reply) => left.push({ op, args, text: text(reply.data) })
    )
    const waiting = yielding('hang', 1)
    while (!releases.length) await new Promise((r) => setTimeout(r, 5))
    // a button press: the handler is due, and the main thread wakes the waiting worker
    Atomics.store(stop, 1, 1)
    server.nudge()
    expect((await waiting).error).toBe('yielded')
    releases[0]()
    while (!left.length) await new Promise((r) => setTimeout(r, 5))
    expect(left).toEqual([{ op: 'hang', args: [1], text: 'late 1' }])
    // a call that may not give way (a send) waits for its reply, handler or not
    const sending = call('hang', 2)
    while (releases.length < 2) await new Promise((r) => setTimeout(r, 5))
    server.nudge()
    releases[1]()
    expect(text((await sending).data)).toBe('late 2')
    expect(left).toHaveLength(1)
  })
})
