import { MessageChannel, type MessagePort } from 'node:worker_threads'

// A synchronous call from the interpreter's worker to the main thread: the worker posts
// {seq, op, args} on a MessagePort and sleeps on a SharedArrayBuffer word until the main
// thread has run the (async) handler and written the reply there. One word holds both the
// request's sequence number and its phase, so a reply to a call the worker gave up on (Stop
// during a blocking recv, or a pin's irq handler to run) can never be taken for the reply to
// the next call; a reply nobody took goes back to its op (`unclaimed`: recv keeps its bytes).

/** What a handler answers: a status (0 = ok, else an op-defined code) and bytes. */
export interface SyscallReply {
  status: number
  data: Uint8Array
}

/** One op's implementation on the main thread. */
export type SyscallHandler = (...args: unknown[]) => Promise<SyscallReply> | SyscallReply

/** The shared memory and port the worker needs (pass in workerData and transferList). */
export interface SyscallChannel {
  sab: SharedArrayBuffer
  port: MessagePort
}

/** Status of a reply whose handler threw or does not exist; data = the message in UTF-8. */
export const SYSCALL_FAILED = -1000

/** Thrown in the worker when hooks.interrupted() turned true while a call was waiting. */
export class SyscallInterrupted extends Error {
  constructor() {
    super('interrupted')
    this.name = 'SyscallInterrupted'
  }
}

/** Thrown in the worker when a yieldable call was given up because hooks.pending() was true. */
export class SyscallYielded extends Error {
  constructor() {
    super('yielded')
    this.name = 'SyscallYielded'
  }
}

/** Main thread: a reply the worker did not wait for any more (op, its args, the reply). */
export type Unclaimed = (op: string, args: unknown[], reply: SyscallReply) => void

const HEADER = 16 // bytes: word, status, total length, chunk length
const W_WORD = 0
const W_STATUS = 1
const W_TOTAL = 2
const W_CHUNK = 3
const IDLE = 0
const WAITING = 1
const WRITING = 2
const READY = 3
/** Longest single wait: the worker still notices a Stop whose nudge it missed. */
const SLICE_MS = 100
/** Bytes of reply carried per round trip; larger replies come in several. */
export const CHUNK = 64 * 1024

const word = (seq: number, phase: number): number => (seq << 2) | phase | 0

interface Request {
  seq: number
  op?: string
  args?: unknown[]
  more?: boolean
}

/** The main thread's end: runs each op's handler and wakes the waiting worker with its reply. */
export class SyscallServer {
  readonly channel: SyscallChannel
  private readonly i32: Int32Array
  private readonly bytes: Uint8Array
  private readonly local: MessagePort
  private rest: { seq: number; status: number; data: Uint8Array; sent: number } | undefined
  private closed = false

  constructor(
    private readonly handlers: Record<string, SyscallHandler>,
    private readonly unclaimed?: Unclaimed
  ) {
    const sab = new SharedArrayBuffer(HEADER + CHUNK)
    this.i32 = new Int32Array(sab, 0, HEADER / 4)
    this.bytes = new Uint8Array(sab, HEADER)
    const { port1, port2 } = new MessageChannel()
    this.local = port1
    this.local.on('message', (m: Request) => void this.serve(m))
    this.local.unref()
    this.channel = { sab, port: port2 }
  }

  private async serve(m: Request): Promise<void> {
    if (m.more) {
      const r = this.rest
      if (r && r.seq === m.seq) this.write(r.seq, r.status, r.data, r.sent)
      return
    }
    let reply: SyscallReply
    const handler = m.op === undefined ? undefined : this.handlers[m.op]
    try {
      if (!handler) throw new Error(`no such op: ${m.op}`)
      reply = await handler(...(m.args ?? []))
    } catch (e) {
      reply = { status: SYSCALL_FAILED, data: new TextEncoder().encode(String(e)) }
    }
    if (!this.write(m.seq, reply.status, reply.data, 0) && !this.closed)
      this.unclaimed?.(m.op!, m.args ?? [], reply)
  }

  /** Wakes a waiting worker without a reply: it looks at its hooks again (Stop, a pin's edge). */
  nudge(): void {
    Atomics.notify(this.i32, W_WORD)
  }

  /** Writes (a chunk of) a reply; false when the worker no longer waits for this call. */
  private write(seq: number, status: number, data: Uint8Array, from: number): boolean {
    if (this.closed) return false
    // take the buffer only if the worker still waits for this very call
    if (
      Atomics.compareExchange(this.i32, W_WORD, word(seq, WAITING), word(seq, WRITING)) !==
      word(seq, WAITING)
    )
      return false
    const n = Math.min(CHUNK, data.length - from)
    this.bytes.set(data.subarray(from, from + n))
    this.i32[W_STATUS] = status
    this.i32[W_TOTAL] = data.length
    this.i32[W_CHUNK] = n
    this.rest = from + n < data.length ? { seq, status, data, sent: from + n } : undefined
    Atomics.store(this.i32, W_WORD, word(seq, READY))
    Atomics.notify(this.i32, W_WORD)
    return true
  }

  /** Stops answering; a worker still waiting wakes only through its interrupted() hook. */
  close(): void {
    this.closed = true
    this.rest = undefined
    this.local.close()
  }
}

/** What the worker's caller checks between waits. */
export interface SyscallHooks {
  /** Stop was pressed: every call gives up (SyscallInterrupted). */
  interrupted(): boolean
  /** Something must run in the program now (a pin's irq handler): a yieldable call gives up. */
  pending?(): boolean
  /** Milliseconds until pending() may turn true by itself (a Timer), to bound a wait. */
  due?(): number
}

/** Makes a call and blocks until its reply; a `yieldable` one may also end in SyscallYielded. */
export type SyscallCall = (op: string, args: unknown[], yieldable?: boolean) => SyscallReply

/** The worker's end: a function that makes a call and blocks until its reply (or Stop). */
export function syscallClient(channel: SyscallChannel, hooks: SyscallHooks): SyscallCall {
  const i32 = new Int32Array(channel.sab, 0, HEADER / 4)
  const bytes = new Uint8Array(channel.sab, HEADER)
  let seq = 0

  const waitFor = (s: number, yieldable: boolean): void => {
    for (;;) {
      const w = Atomics.load(i32, W_WORD)
      if (w === word(s, READY)) return
      if (w === word(s, WAITING)) {
        const stop = hooks.interrupted()
        if (stop || (yieldable && hooks.pending?.())) {
          // give the call up, unless the main thread is writing its reply right now
          if (Atomics.compareExchange(i32, W_WORD, w, IDLE) === w)
            throw stop ? new SyscallInterrupted() : new SyscallYielded()
          continue
        }
      }
      const slice = yieldable ? Math.min(SLICE_MS, hooks.due?.() ?? SLICE_MS) : SLICE_MS
      Atomics.wait(i32, W_WORD, w, w === word(s, WRITING) ? 1 : Math.max(1, slice))
    }
  }

  return (op, args, yieldable = false) => {
    seq = (seq + 1) & 0x1fffffff
    const s = seq
    Atomics.store(i32, W_WORD, word(s, WAITING))
    channel.port.postMessage({ seq: s, op, args } satisfies Request)
    waitFor(s, yieldable)
    const status = i32[W_STATUS]
    const total = i32[W_TOTAL]
    const first = bytes.slice(0, i32[W_CHUNK])
    if (first.length === total) {
      Atomics.store(i32, W_WORD, IDLE)
      return { status, data: first }
    }
    const data = new Uint8Array(total)
    data.set(first)
    let got = first.length
    while (got < total) {
      Atomics.store(i32, W_WORD, word(s, WAITING))
      channel.port.postMessage({ seq: s, more: true } satisfies Request)
      waitFor(s, false)
      const n = i32[W_CHUNK]
      data.set(bytes.subarray(0, n), got)
      got += n
    }
    Atomics.store(i32, W_WORD, IDLE)
    return { status, data }
  }
}
