import { createHash } from 'node:crypto'
import net from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../helpers/ports'
import { NetBoard } from '../../helpers/virtual-net'

// The socket layer itself: errors as an ESP32 raises them, Stop during a blocking read,
// timeouts, large transfers, and sockets that never outlive their board.

const WIFI = `import network
wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect('aula', 'clave')
`

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
  let board: NetBoard | undefined
  let silent: Awaited<ReturnType<typeof tcpServer>>

  beforeAll(async () => {
    silent = await tcpServer(() => undefined)
  })
  afterEach(async () => {
    await board?.stop()
    board = undefined
  })
  afterAll(async () => {
    await silent.close()
  })

  it('a refused connection raises OSError ECONNREFUSED and says which host and port', async () => {
    const port = await freePort()
    board = await NetBoard.start()
    const r = await board.run(`${WIFI}
import socket
s = socket.socket()
s.connect(socket.getaddrinfo('127.0.0.1', ${port})[0][-1])
`)
    expect(r.error).toContain('OSError: [Errno 111] ECONNREFUSED')
    expect(r.failure).toEqual({
      op: 'connect',
      errno: 111,
      target: `127.0.0.1:${port}`,
      noWifi: false
    })
  })

  it('a refused mapped host names both the host the program used and the endpoint', async () => {
    const port = await freePort()
    board = await NetBoard.start({ 'api.open-meteo.com': `http://127.0.0.1:${port}` })
    const r = await board.run(`${WIFI}
import urequests
urequests.get('http://api.open-meteo.com/v1/forecast')
`)
    expect(r.error).toContain('OSError: [Errno 111] ECONNREFUSED')
    expect(r.failure?.target).toBe(`api.open-meteo.com:80 (127.0.0.1:${port})`)
  })

  it('a name that does not resolve raises OSError -2', async () => {
    board = await NetBoard.start()
    const r = await board.run(`${WIFI}
import socket
socket.getaddrinfo('no-existe.invalid', 1883)
`)
    expect(r.error).toMatch(/OSError: -2\s*$/)
    expect(r.failure).toMatchObject({ op: 'getaddrinfo', errno: -2 })
  })

  it('before WLAN.connect the network reaches nothing, as on a real board', async () => {
    board = await NetBoard.start()
    const dns = await board.run(`import socket
socket.getaddrinfo('127.0.0.1', ${silent.port})
`)
    expect(dns.error).toMatch(/OSError: -2\s*$/)
    expect(dns.failure).toMatchObject({ noWifi: true })
    expect(dns.wifi).toBe(false)
    const r = await board.run(`import socket, network
print(network.WLAN(network.STA_IF).isconnected())
s = socket.socket()
s.connect(('127.0.0.1', ${silent.port}))
`)
    expect(r.out).toEqual(['False'])
    expect(r.error).toContain('OSError: [Errno 113] EHOSTUNREACH')
    expect(r.failure).toMatchObject({ op: 'connect', errno: 113, noWifi: true })
    expect(await silent.open()).toBe(0)
  })

  it('timeouts and non-blocking reads raise ETIMEDOUT and EAGAIN; read() gives None', async () => {
    board = await NetBoard.start()
    const r = await board.run(`${WIFI}
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
    expect(r.error).toBeUndefined()
    expect(r.out).toEqual(['timeout 110', 'eagain 11', 'read None'])
  })

  it('Stop during a blocking recv raises KeyboardInterrupt', async () => {
    board = await NetBoard.start()
    const run = board.run(`${WIFI}
import socket
s = socket.socket()
s.connect(('127.0.0.1', ${silent.port}))
print('esperando')
s.recv(10)
`)
    await board.waitFor((l) => l === 'esperando')
    await new Promise((r) => setTimeout(r, 100))
    board.interrupt()
    const r = await run
    expect(r.error).toContain('KeyboardInterrupt')
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
    const port = srv.port
    board = await NetBoard.start()
    const r = await board.run(`${WIFI}
import socket, hashlib, binascii
s = socket.socket()
s.connect(('127.0.0.1', ${port}))
datos = s.read(300000)
print(len(datos), binascii.hexlify(hashlib.sha256(datos).digest()).decode())
print('eof', s.read(10), s.recv(10))
s.sendall(bytes(range(256)) * 781 + bytes(64))
`)
    await done
    await srv.close()
    expect(r.error).toBeUndefined()
    expect(r.out).toEqual([`300000 ${sha(blob)}`, "eof b'' b''"])
    const expected = Buffer.concat([
      Buffer.from(Array.from({ length: 256 * 781 }, (_, i) => i & 0xff)),
      Buffer.alloc(64)
    ])
    expect(received.equals(expected)).toBe(true)
  })

  it('ten run/stop cycles leave no socket open', async () => {
    const echo = await tcpServer((s) => s.pipe(s))
    for (let i = 0; i < 10; i++) {
      board = await NetBoard.start()
      await board.run(`${WIFI}
import socket
abiertos = []
for i in range(3):
    s = socket.socket()
    s.connect(('127.0.0.1', ${echo.port}))
    s.write(b'hola')
    abiertos.append(s)
print(abiertos[0].read(4))
`)
      await board.stop()
      board = undefined
    }
    for (let i = 0; i < 100 && (await echo.open()) > 0; i++)
      await new Promise((r) => setTimeout(r, 20))
    expect(await echo.open()).toBe(0)
    await echo.close()
  })
})
