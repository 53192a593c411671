import { createHash } from 'node:crypto'
import net from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../helpers/ports'
import type { TestBoard } from '../../helpers/virtual-board'
import { program, WIFI, type Ended } from '../../helpers/virtual-net'

// The socket layer itself: errors as an ESP32 raises them, Stop during a blocking read,
// timeouts, large transfers, and sockets that never outlive their board.

const boards: TestBoard[] = []
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.dispose()))
})

/** Runs main.py on a fresh virtual board to its end. */
async function finished(code: string, opts: Parameters<typeof program>[1] = {}): Promise<Ended> {
  const p = await program(code, opts)
  boards.push(p.board)
  return p.ended
}

/** A TCP server that runs `onConn` for each connection and counts the open ones. */
async function tcpServer(onConn: (s: net.Socket) => void): Promise<{
  port: number
  open: () => Promise<number>
  close: () => Promise<void>
}> {
  const socks = new Set<net.Socket>()
  const server = net.createServer((s) => {
    socks.add(s)
    s.on('close', () => socks.delete(s))
    s.on('error', () => undefined)
    onConn(s)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    port: (server.address() as net.AddressInfo).port,
    open: () => new Promise((resolve) => server.getConnections((_e, n) => resolve(n))),
    close: async () => {
      for (const s of socks) s.destroy()
      await new Promise((r) => server.close(r))
    }
  }
}

describe('virtual board sockets', () => {
  let silent: Awaited<ReturnType<typeof tcpServer>>

  beforeAll(async () => {
    silent = await tcpServer(() => undefined)
  })
  afterAll(async () => {
    await silent.close()
  })

  it('a refused connection raises OSError ECONNREFUSED; the hint says which host and port', async () => {
    const port = await freePort()
    const r = await finished(`${WIFI}
import socket
s = socket.socket()
s.connect(socket.getaddrinfo('127.0.0.1', ${port})[0][-1])
`)
    expect(r.err).toContain('OSError: [Errno 111] ECONNREFUSED')
    expect(r.hint).toMatchObject({
      code: 'virtual-hint-refused',
      params: { target: `127.0.0.1:${port}` }
    })
  })

  it('a refused mapped host names both the host the program used and the endpoint', async () => {
    const port = await freePort()
    const r = await finished(
      `${WIFI}
import urequests
urequests.get('http://api.open-meteo.com/v1/forecast')
`,
      { hosts: { 'api.open-meteo.com': `http://127.0.0.1:${port}` } }
    )
    expect(r.err).toContain('OSError: [Errno 111] ECONNREFUSED')
    expect(r.hint).toMatchObject({
      code: 'virtual-hint-refused',
      params: { target: `api.open-meteo.com:80 (127.0.0.1:${port})` }
    })
  })

  it('a name that does not resolve raises OSError -2', async () => {
    const r = await finished(`${WIFI}
import socket
socket.getaddrinfo('no-existe.invalid', 1883)
`)
    expect(r.err).toMatch(/OSError: -2\s*$/)
    expect(r.hint).toMatchObject({ code: 'virtual-hint-unknown-host' })
  })

  it('before WLAN.connect the network reaches nothing, as on a real board', async () => {
    const r = await finished(`import socket, network
print(network.WLAN(network.STA_IF).isconnected())
try:
    socket.getaddrinfo('127.0.0.1', ${silent.port})
except OSError as e:
    print('getaddrinfo', e.errno)
s = socket.socket()
s.connect(('127.0.0.1', ${silent.port}))
`)
    expect(r.out).toEqual(['False', 'getaddrinfo -2'])
    expect(r.err).toContain('OSError: [Errno 113] EHOSTUNREACH')
    expect(r.hint).toMatchObject({ code: 'virtual-hint-no-wifi' })
    expect(await silent.open()).toBe(0)
  })

  it('timeouts and non-blocking reads raise ETIMEDOUT and EAGAIN; read() gives None', async () => {
    const r = await finished(`${WIFI}
import socket
s = socket.socket()
s.connect(('127.0.0.1', ${silent.port}))
s.settimeout(0.2)
try:
    s.recv(10)
except OSError as e:
    print('timeout', e.errno)
s.setblocking(False)
try:
    s.recv(10)
except OSError as e:
    print('eagain', e.errno)
print('read', s.read(1))
s.close()
`)
    expect(r.err).toBe('')
    expect(r.out).toEqual(['timeout 110', 'eagain 11', 'read None'])
  })

  it('a Timer runs while a read waits; the read keeps its timeout, a non-blocking one stays so', async () => {
    const r = await finished(`${WIFI}
import socket, time
from machine import Timer
s = socket.socket()
s.connect(('127.0.0.1', ${silent.port}))
vueltas = []
t = Timer(0)
t.init(period=50, mode=Timer.PERIODIC, callback=lambda t: vueltas.append(1))
s.settimeout(0.5)
try:
    s.recv(10)
except OSError as e:
    print('timeout', e.errno, len(vueltas) >= 3)
s.setblocking(False)
errores = set()
inicio = time.ticks_ms()
while time.ticks_diff(time.ticks_ms(), inicio) < 300:
    try:
        s.recv(10)
    except OSError as e:
        errores.add(e.errno)
t.deinit()
print('sin bloquear', sorted(errores))
s.close()
`)
    expect(r.err).toBe('')
    expect(r.out).toEqual(['timeout 110 True', 'sin bloquear [11]'])
  })

  it('_listo() (for select.poll) says whether a read would wait, waiting at most its timeout', async () => {
    const late = await tcpServer((s) => setTimeout(() => s.end('tarde'), 300))
    const r = await finished(`${WIFI}
import socket
s = socket.socket()
s.connect(('127.0.0.1', ${late.port}))
print(s._listo(0), s._listo(5000), s.read(), s._listo(0))
`)
    await late.close()
    expect(r.err).toBe('')
    expect(r.out).toEqual(["False True b'tarde' True"])
  })

  it('Stop during a blocking recv raises KeyboardInterrupt (not a worker kill)', async () => {
    const { board, ended } = await program(`${WIFI}
import socket
s = socket.socket()
s.connect(('127.0.0.1', ${silent.port}))
try:
    print('esperando')
    s.recv(10)
except KeyboardInterrupt:
    print('interrumpido')
    raise
`)
    boards.push(board)
    await board.line('esperando')
    await board.board.stop()
    const r = await ended
    expect(r.out).toEqual(['esperando', 'interrumpido'])
    expect(r.state).toBe('stopped')
    expect(r.exit?.code).toBe('virtual-exit-interrupted')
  })

  it('carries large payloads both ways intact, and sees the end of the stream', async () => {
    const blob = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31 + (i >> 8)) & 0xff))
    const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
    let received = Buffer.alloc(0)
    let gotAll = (): void => undefined
    const done = new Promise<void>((resolve) => (gotAll = resolve))
    const srv = await tcpServer((s) => {
      s.on('data', (d) => {
        received = Buffer.concat([received, d])
        if (received.length === 200_000) gotAll()
      })
      s.end(blob)
    })
    const r = await finished(`${WIFI}
import socket, hashlib, binascii
s = socket.socket()
s.connect(('127.0.0.1', ${srv.port}))
datos = s.read(300000)
print(len(datos), binascii.hexlify(hashlib.sha256(datos).digest()).decode())
print('eof', s.read(10), s.recv(10))
s.sendall(bytes(range(256)) * 781 + bytes(64))
`)
    await done
    await srv.close()
    expect(r.err).toBe('')
    expect(r.out).toEqual([`300000 ${sha(blob)}`, "eof b'' b''"])
    const expected = Buffer.concat([
      Buffer.from(Array.from({ length: 256 * 781 }, (_, i) => i & 0xff)),
      Buffer.alloc(64)
    ])
    expect(received.equals(expected)).toBe(true)
  })

  it('ten run/stop cycles leave no socket open', async () => {
    const echo = await tcpServer((s) => s.pipe(s))
    try {
      const { board } = await program(`${WIFI}
import socket, time
abiertos = []
for i in range(3):
    s = socket.socket()
    s.connect(('127.0.0.1', ${echo.port}))
    s.write(b'hola')
    abiertos.append(s)
print(abiertos[0].read(4))
while True:
    time.sleep_ms(20)
`)
      boards.push(board)
      for (let i = 0; i < 10; i++) {
        const before = board.out.length
        if (i > 0) await board.board.start()
        await board.until(() => board.out.slice(before).includes("b'hola'"), 'the echo')
        expect(await echo.open()).toBe(3)
        await board.board.stop()
      }
      for (let i = 0; i < 100 && (await echo.open()) > 0; i++)
        await new Promise((r) => setTimeout(r, 20))
      expect(await echo.open()).toBe(0)
    } finally {
      await echo.close()
    }
  })
})
