import type { MicroPython } from '@micropython/micropython-webassembly-pyscript'
import { SyscallInterrupted, SyscallYielded, type SyscallCall, type SyscallReply } from './syscall'

// The worker's half of the virtual board's network: the `_net` JS module that socket.py,
// ssl.py and network.py call. How bytes cross JS <-> Python, measured in this build (the best
// of 7 runs): up to ~1 KB as a hex string (bytes.fromhex / bytes.hex are C: 10-20 µs for
// 8-256 bytes), above that through a file of the interpreter's in-memory FS (4 KB: ~30 µs out,
// ~240 µs in, against 200/560 µs as hex); bytes() of a JS Uint8Array proxy costs a proxy call
// per byte (~2 µs each) and the build exports no view of the wasm heap to copy into directly.

/** Where Python writes what it sends and reads what it received (the interpreter's FS). */
export const NET_TX = '/tmp/_net_tx'
export const NET_RX = '/tmp/_net_rx'
/** Status `_net` returns when Stop interrupted a blocking call; socket.py raises KeyboardInterrupt. */
export const NET_INTERRUPTED = -1001
/**
 * Status of a blocking read given up because a pin's irq handler (or a Timer) must run: socket.py
 * goes round its loop, where the interpreter runs the handler, and reads again with what is left
 * of its timeout. The bytes the main thread got meanwhile stay for that next read.
 */
export const NET_PENDING = -1002
/** Status when the program's live data no longer fits in the board's heap: MemoryError. */
export const NET_NO_MEMORY = -1003

/** The last network error the program met, for the hints (which host and port, why). */
export interface NetFailure {
  op: 'getaddrinfo' | 'connect' | 'tls' | 'send' | 'recv'
  errno: number
  /** `host:port` tried (a mapped name shows the endpoint it stands for). */
  target: string
  /** True when the program had not connected the Wi-Fi (network.WLAN) first. */
  noWifi: boolean
}

/** What the runtime can ask of the network half (hints, resets). */
export interface NetControl {
  /** True once the program's WLAN.connect() ran (and no disconnect since). */
  wifi(): boolean
  lastFailure(): NetFailure | undefined
  /** Back to a board just powered on: Wi-Fi off, nothing buffered, every socket closed. */
  reset(): void
}

/** What the network half asks of the rest of the worker before and while it blocks. */
export interface NetHooks {
  /** Stop was pressed (what the program printed goes out first). */
  interrupted(): boolean
  /** At a safe point: true when the live data does not fit in the heap (heap.ts). */
  memoryFull?(): boolean
}

const dec = new TextDecoder()
const RECV_CHUNK = 16 * 1024
/** Up to this size bytes cross as hex strings (bytes.fromhex/.hex() are C); above, the FS wins. */
export const HEX_MAX = 1024

/** Registers `_net` in the interpreter: the socket calls made synchronous over the syscall channel. */
export function installNet(
  mp: Pick<MicroPython, 'registerJsModule' | 'FS'>,
  call: SyscallCall,
  hooks: NetHooks
): NetControl {
  let wifi = false
  let failure: NetFailure | undefined
  let nextId = 1
  const pending = new Map<number, Uint8Array>()
  const open = new Set<number>()

  const none = new Uint8Array(0)
  /**
   * One call, or NET_INTERRUPTED when Stop came first or while it waited. A read (a safe point
   * for the heap) may be NET_NO_MEMORY before it starts and, if it may wait (timeout not 0),
   * NET_PENDING when a handler must run.
   */
  const raw = (op: string, args: unknown[], read?: { timeoutMs: number }): SyscallReply => {
    if (hooks.interrupted()) return { status: NET_INTERRUPTED, data: none }
    if (read && hooks.memoryFull?.()) return { status: NET_NO_MEMORY, data: none }
    try {
      return call(op, args, read !== undefined && read.timeoutMs !== 0)
    } catch (e) {
      if (e instanceof SyscallInterrupted) return { status: NET_INTERRUPTED, data: none }
      if (e instanceof SyscallYielded) return { status: NET_PENDING, data: none }
      throw e
    }
  }

  /** What is left of a read's timeout (-1 = for ever; never 0, which would not wait). */
  const left = (timeoutMs: number, since: number): number =>
    timeoutMs < 0 ? -1 : Math.max(1, Math.round(timeoutMs - (performance.now() - since)))

  /** Keeps the failure for the hints; timeouts and EAGAIN are a program's normal life. */
  const remember = (op: NetFailure['op'], r: SyscallReply): void => {
    const normal = [0, 11, 110, NET_INTERRUPTED, NET_PENDING, NET_NO_MEMORY]
    if (!normal.includes(r.status))
      failure = { op, errno: r.status, target: dec.decode(r.data), noWifi: !wifi }
  }

  /** One call; [status, text] with the text decoded (an address, or host:port on error). */
  const sys = (op: string, args: unknown[], failOp?: NetFailure['op']): [number, string] => {
    const r = raw(op, args)
    if (failOp) remember(failOp, r)
    return [r.status, dec.decode(r.data)]
  }

  const noWifi = (op: NetFailure['op'], target: string, errno: number): [number, string] => {
    failure = { op, errno, target, noWifi: true }
    return [errno, target]
  }

  const net = {
    wifi: (on?: boolean | null): boolean => {
      if (on === true || on === false) wifi = on
      return wifi
    },
    socket: (): number => nextId++,
    getaddrinfo: (host: string, port: number): [number, string] =>
      wifi
        ? sys('getaddrinfo', [host, port], 'getaddrinfo')
        : noWifi('getaddrinfo', `${host}:${port}`, -2),
    connect: (id: number, host: string, port: number, timeoutMs: number): [number, string] => {
      if (!wifi) return noWifi('connect', `${host}:${port}`, 113)
      const r = sys('connect', [id, host, port, false, host, timeoutMs], 'connect')
      if (r[0] === 0) open.add(id)
      return r
    },
    starttls: (id: number, serverHostname: string | null, verify: boolean): [number, string] =>
      sys('starttls', [id, serverHostname ?? '', verify], 'tls'),
    /** Sends n bytes: given as hex when small, else what socket.py wrote to NET_TX. */
    send: (id: number, n: number, hex: string | null): [number, string] => {
      const data =
        typeof hex === 'string' ? Buffer.from(hex, 'hex') : mp.FS.readFile(NET_TX).subarray(0, n)
      return sys('send', [id, data], 'send')
    },
    /**
     * Up to max bytes (or up to a newline): [status, count, hex], the bytes as hex when small,
     * else in NET_RX (hex null); count 0 = the peer closed. With NET_PENDING, count is what is
     * left of the timeout for the next try.
     */
    recv: (
      id: number,
      max: number,
      timeoutMs: number,
      line?: boolean
    ): [number, number, string | null] => {
      let buf = pending.get(id)
      if (!buf?.length) {
        const since = performance.now()
        const r = raw('recv', [id, Math.max(max, RECV_CHUNK), timeoutMs], { timeoutMs })
        remember('recv', r)
        if (r.status === NET_PENDING) return [r.status, left(timeoutMs, since), null]
        if (r.status !== 0) return [r.status, 0, null]
        buf = r.data
      }
      const nl = line ? buf.indexOf(10) : -1
      const n = Math.min(max, nl >= 0 ? nl + 1 : buf.length)
      pending.set(id, buf.subarray(n))
      if (n <= HEX_MAX) return [0, n, Buffer.from(buf.buffer, buf.byteOffset, n).toString('hex')]
      mp.FS.writeFile(NET_RX, buf.subarray(0, n))
      return [0, n, null]
    },
    /**
     * For select.poll: [status, readable] after waiting up to timeoutMs (-1 = forever) for data;
     * NET_PENDING (not readable yet) when a handler must run first.
     */
    poll: (id: number, timeoutMs: number): [number, boolean] => {
      if (pending.get(id)?.length) return [0, true]
      const r = raw('recv', [id, RECV_CHUNK, timeoutMs], { timeoutMs })
      if (r.status === 0) {
        // data, or the end of the stream: both make a read return at once
        pending.set(id, r.data)
        return [0, true]
      }
      if (r.status === 11 || r.status === 110 || r.status === NET_PENDING) return [0, false]
      remember('recv', r)
      return [r.status, true]
    },
    close: (id: number): void => {
      pending.delete(id)
      if (open.delete(id)) sys('close', [id])
    }
  }
  mp.registerJsModule('_net', net)

  return {
    wifi: () => wifi,
    lastFailure: () => failure,
    reset: () => {
      wifi = false
      failure = undefined
      pending.clear()
      for (const id of [...open]) net.close(id)
    }
  }
}
