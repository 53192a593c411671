import { parentPort, workerData } from 'node:worker_threads'
import {
  SyscallInterrupted,
  SyscallYielded,
  syscallClient,
  type SyscallChannel
} from '../../electron/core/board/virtual/syscall'

// A worker that only makes syscalls: the parent sends {op, args, yieldable}, it answers with
// the reply (or 'interrupted' / 'yielded'), so the channel is tested across a real thread
// boundary. Word 0 of `stop` is Stop, word 1 a pending irq handler.
const { channel, stop } = workerData as { channel: SyscallChannel; stop: SharedArrayBuffer }
const flag = new Int32Array(stop)
const call = syscallClient(channel, {
  interrupted: () => Atomics.load(flag, 0) === 1,
  pending: () => Atomics.load(flag, 1) === 1
})

parentPort!.on('message', (m: { op: string; args: unknown[]; yieldable?: boolean }) => {
  const t0 = performance.now()
  try {
    const r = call(m.op, m.args, m.yieldable)
    parentPort!.postMessage({ status: r.status, data: r.data, ms: performance.now() - t0 })
  } catch (e) {
    const why =
      e instanceof SyscallInterrupted
        ? 'interrupted'
        : e instanceof SyscallYielded
          ? 'yielded'
          : String(e)
    parentPort!.postMessage({ error: why, ms: performance.now() - t0 })
  }
})
