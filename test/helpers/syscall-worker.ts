import { parentPort, workerData } from 'node:worker_threads'
import {
  SyscallInterrupted,
  syscallClient,
  type SyscallChannel
} from '../../electron/core/board/virtual/syscall'

// A worker that only makes syscalls: the parent sends {op, args}, it answers with the reply
// (or 'interrupted'), so the channel is tested across a real thread boundary.
const { channel, stop } = workerData as { channel: SyscallChannel; stop: SharedArrayBuffer }
const flag = new Int32Array(stop)
const call = syscallClient(channel, { interrupted: () => Atomics.load(flag, 0) === 1 })

parentPort!.on('message', (m: { op: string; args: unknown[] }) => {
  const t0 = performance.now()
  try {
    const r = call(m.op, m.args)
    parentPort!.postMessage({ status: r.status, data: r.data, ms: performance.now() - t0 })
  } catch (e) {
    const interrupted = e instanceof SyscallInterrupted
    parentPort!.postMessage({
      error: interrupted ? 'interrupted' : String(e),
      ms: performance.now() - t0
    })
  }
})
