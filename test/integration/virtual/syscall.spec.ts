import { once } from 'node:events'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CHUNK,
  SYSCALL_FAILED,
  SyscallServer,
  type SyscallHandler
} from '../../../electron/core/board/virtual/syscall'

interface Answer {
  status?: number
  data?: Uint8Array
  error?: string
  ms: number
}

const started: { worker: Worker; server: SyscallServer }[] = []

async function start(handlers: Record<string, SyscallHandler>): Promise<{
  call: (op: string, ...args: unknown[]) => Promise<Answer>
  stop: Int32Array
}> {
  const server = new SyscallServer(handlers)
  const stop = new SharedArrayBuffer(4)
  const worker = new Worker(path.resolve(__dirname, '../../helpers/syscall-worker.ts'), {
    execArgv: ['--require', 'tsx/cjs'],
    workerData: { channel: server.channel, stop },
    transferList: [server.channel.port]
  })
  started.push({ worker, server })
  await once(worker, 'online')
  const call = async (op: string, ...args: unknown[]): Promise<Answer> => {
    worker.postMessage({ op, args })
    const [a] = (await once(worker, 'message')) as [Answer]
    return a
  }
  return { call, stop: new Int32Array(stop) }
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
    const { call, stop } = await start({
      hang: () =>
        new Promise((resolve) => {
          release = () => resolve({ status: 0, data: bytes('late') })
        }),
      quick: () => ({ status: 0, data: bytes('quick') })
    })
    const pending = call('hang')
    await new Promise((r) => setTimeout(r, 120))
    Atomics.store(stop, 0, 1)
    const a = await pending
    expect(a.error).toBe('interrupted')
    Atomics.store(stop, 0, 0)
    release!()
    await new Promise((r) => setTimeout(r, 20))
    expect(text((await call('quick')).data)).toBe('quick')
  })
})
