import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import net from 'node:net'
import tls from 'node:tls'
import { ERRNO, errnoOf } from './net-errno'
import type { SyscallHandler, SyscallReply, Unclaimed } from './syscall'

// The virtual board's sockets, opened by the main thread for the worker: real TCP/TLS from
// the laptop. Each op answers at once (recv waits at most its timeout), with an errno as
// MicroPython on an ESP32 uses them, so the Python side raises the same OSError.

/** The first addresses of a range no real host uses; one per mapped name. */
const MAPPED_BASE = '198.18.0.'
const CONNECT_TIMEOUT_MS = 20_000

interface Mapped {
  name: string
  host: string
  port: number
  tls: boolean
}

interface Conn {
  sock: net.Socket
  chunks: Buffer[]
  eof: boolean
  error: number | undefined
  /** True when a mapped plain-http endpoint stands in for an https host: ssl wraps nothing. */
  passThroughTls: boolean
  wake: (() => void) | undefined
  /** The read now waiting; one the worker gave up (Stop) is superseded by the next. */
  reader: object | undefined
  target: string
}

const enc = new TextEncoder()
const ok = (data: Uint8Array = new Uint8Array(0)): SyscallReply => ({ status: 0, data })
const fail = (status: number, detail: string): SyscallReply => ({
  status,
  data: enc.encode(detail)
})

/** The name → endpoint table from URL bases (`http://127.0.0.1:4321`), each with its own address. */
function mappingOf(hosts: Record<string, string>): Map<string, Mapped> {
  const byAddress = new Map<string, Mapped>()
  Object.entries(hosts).forEach(([name, base], i) => {
    const u = new URL(base)
    const secure = u.protocol === 'https:'
    byAddress.set(`${MAPPED_BASE}${i + 1}`, {
      name: name.toLowerCase(),
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: u.port ? Number(u.port) : secure ? 443 : 80,
      tls: secure
    })
  })
  return byAddress
}

/** The main thread's socket ops for one virtual board; close() ends every socket it opened. */
export function netHandlers(opts: { hosts: Record<string, string> }): {
  handlers: Record<string, SyscallHandler>
  /** A read the worker gave up (a pin's handler ran first): its bytes wait for the next one. */
  unclaimed: Unclaimed
  close(): void
} {
  const mapped = mappingOf(opts.hosts)
  const byName = new Map([...mapped].map(([addr, m]) => [m.name, addr]))
  const conns = new Map<number, Conn>()
  let closed = false

  const attach = (c: Conn, sock: net.Socket): void => {
    c.sock = sock
    sock.setNoDelay(true)
    sock.on('data', (d: Buffer) => {
      c.chunks.push(d)
      c.wake?.()
    })
    sock.on('end', () => {
      c.eof = true
      c.wake?.()
    })
    sock.on('error', (e) => {
      c.error ??= errnoOf(e)
      c.wake?.()
    })
    sock.on('close', () => {
      c.eof = true
      c.wake?.()
    })
  }

  /** TLS over a connected socket; `verify` only when the program asked for CERT_REQUIRED. */
  const upgrade = (
    plain: net.Socket,
    servername: string,
    verify: boolean
  ): Promise<tls.TLSSocket> =>
    new Promise((resolve, reject) => {
      const s = tls.connect({
        socket: plain,
        servername: servername && !isIP(servername) ? servername : undefined,
        rejectUnauthorized: verify
      })
      s.once('secureConnect', () => {
        s.removeAllListeners('error')
        resolve(s)
      })
      s.once('error', (e) => {
        plain.destroy()
        reject(e)
      })
    })

  const open = async (
    host: string,
    port: number,
    secure: boolean,
    servername: string,
    ms: number
  ): Promise<net.Socket> => {
    const plain = await new Promise<net.Socket>((resolve, reject) => {
      // half open: like lwIP, a write after the server's FIN still goes out (HTTP/1.0 bodies)
      const sock = net.connect({ host, port, allowHalfOpen: true })
      const timer = setTimeout(() => {
        sock.destroy()
        reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))
      }, ms)
      sock.once('connect', () => {
        clearTimeout(timer)
        sock.removeAllListeners('error')
        resolve(sock)
      })
      sock.once('error', (e) => {
        clearTimeout(timer)
        sock.destroy()
        reject(e)
      })
    })
    return secure ? upgrade(plain, servername, false) : plain
  }

  const getaddrinfo: SyscallHandler = async (host) => {
    const name = String(host).toLowerCase()
    const addr = byName.get(name)
    if (addr) return ok(enc.encode(addr))
    if (isIP(name)) return ok(enc.encode(name))
    try {
      return ok(enc.encode((await lookup(name, { family: 4 })).address))
    } catch (e) {
      return fail(errnoOf(e), name)
    }
  }

  const connect: SyscallHandler = async (id, host, port, secure, serverHostname, timeoutMs) => {
    const key = Number(id)
    conns.get(key)?.sock.destroy()
    let where = String(host).toLowerCase()
    const m = mapped.get(where) ?? mapped.get(byName.get(where) ?? '')
    let p = Number(port)
    let useTls = Boolean(secure)
    let sni = String(serverHostname ?? where)
    if (m) {
      ;[where, p, sni] = [m.host, m.port, m.host]
      useTls = m.tls
    }
    const target = m ? `${m.name}:${Number(port)} (${where}:${p})` : `${where}:${p}`
    const ms = Number(timeoutMs) > 0 ? Number(timeoutMs) : CONNECT_TIMEOUT_MS
    try {
      const sock = await open(where, p, useTls, sni, ms)
      if (closed) {
        sock.destroy()
        return fail(ERRNO.ECONNABORTED, target)
      }
      const c: Conn = {
        sock,
        chunks: [],
        eof: false,
        error: undefined,
        passThroughTls: Boolean(m),
        wake: undefined,
        reader: undefined,
        target
      }
      attach(c, sock)
      conns.set(key, c)
      return ok(enc.encode(target))
    } catch (e) {
      return fail(errnoOf(e), target)
    }
  }

  /** Upgrades a connected socket to TLS (ssl.wrap_socket); nothing to do for a mapped host. */
  const starttls: SyscallHandler = async (id, serverHostname, verify) => {
    const c = conns.get(Number(id))
    if (!c) return fail(ERRNO.ENOTCONN, '')
    if (c.passThroughTls) return ok()
    const plain = c.sock
    plain.removeAllListeners('data').removeAllListeners('end').removeAllListeners('error')
    plain.removeAllListeners('close')
    try {
      const sock = await upgrade(plain, String(serverHostname ?? ''), Boolean(verify))
      attach(c, sock)
      return ok()
    } catch (e) {
      c.error = errnoOf(e)
      return fail(c.error, c.target)
    }
  }

  const send: SyscallHandler = async (id, data) => {
    const c = conns.get(Number(id))
    if (!c) return fail(ERRNO.ENOTCONN, '')
    if (c.error !== undefined) return fail(c.error, c.target)
    if (c.sock.destroyed || c.sock.writableEnded) return fail(ERRNO.ECONNRESET, c.target)
    const bytes = data as Uint8Array
    // queued like a TCP stack's send buffer: a late failure comes back on the next call;
    // the program waits only while the buffer is full (as lwIP blocks on a full window)
    const more = c.sock.write(bytes, (e) => {
      if (e) c.error ??= errnoOf(e)
    })
    if (!more)
      await new Promise<void>((resolve) => {
        const done = (): void => {
          c.sock.off('drain', done).off('close', done)
          resolve()
        }
        c.sock.on('drain', done).on('close', done)
      })
    return c.error === undefined ? ok(enc.encode(String(bytes.length))) : fail(c.error, c.target)
  }

  const take = (c: Conn, max: number): Uint8Array => {
    const all = c.chunks.length === 1 ? c.chunks[0] : Buffer.concat(c.chunks)
    const out = all.subarray(0, max)
    c.chunks = all.length > max ? [all.subarray(max)] : []
    return out
  }

  const recv: SyscallHandler = async (id, max, timeoutMs) => {
    const c = conns.get(Number(id))
    if (!c) return fail(ERRNO.ENOTCONN, '')
    const n = Math.max(1, Number(max))
    const ms = Number(timeoutMs)
    if (!c.chunks.length && !c.eof && c.error === undefined && ms !== 0) {
      const me = {}
      c.wake?.()
      c.reader = me
      await new Promise<void>((resolve) => {
        const timer = ms > 0 ? setTimeout(() => resolve(), ms) : undefined
        c.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      // a newer read took over: leave the data to it
      if (c.reader !== me) return fail(ERRNO.EAGAIN, c.target)
      c.wake = c.reader = undefined
    }
    if (c.chunks.length) return ok(take(c, n))
    if (c.error !== undefined) return fail(c.error, c.target)
    if (c.eof) return ok()
    return fail(ms === 0 ? ERRNO.EAGAIN : ERRNO.ETIMEDOUT, c.target)
  }

  const closeOne: SyscallHandler = (id) => {
    const c = conns.get(Number(id))
    conns.delete(Number(id))
    c?.sock.destroy()
    c?.wake?.()
    return ok()
  }

  const unclaimed: Unclaimed = (op, args, reply) => {
    const c = conns.get(Number(args[0]))
    if (op === 'recv' && c && reply.status === 0 && reply.data.length)
      c.chunks.unshift(Buffer.from(reply.data))
  }

  return {
    handlers: { getaddrinfo, connect, starttls, send, recv, close: closeOne },
    unclaimed,
    close: () => {
      closed = true
      for (const id of [...conns.keys()]) void closeOne(id)
    }
  }
}
