import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { netHandlers } from '../../../electron/core/board/virtual/net-host'
import type { SyscallReply } from '../../../electron/core/board/virtual/syscall'

// The main thread's socket ops called directly (no worker): what the channel cannot show.

const text = (r: SyscallReply): string => new TextDecoder().decode(r.data)
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function server(onConn: (s: net.Socket) => void): Promise<number> {
  const socks = new Set<net.Socket>()
  const srv = net.createServer((s) => {
    socks.add(s)
    onConn(s)
  })
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()))
  cleanups.push(async () => {
    for (const s of socks) s.destroy()
    await new Promise((r) => srv.close(r))
  })
  return (srv.address() as net.AddressInfo).port
}

describe('netHandlers', () => {
  it('a read the worker gave up (Stop) leaves the data to the next read', async () => {
    let accepted: (s: net.Socket) => void = () => {}
    const peer = new Promise<net.Socket>((r) => (accepted = r))
    const port = await server((s) => accepted(s))
    const { handlers, close } = netHandlers({ hosts: {} })
    cleanups.push(close)
    expect((await handlers.connect(1, '127.0.0.1', port)).status).toBe(0)
    const abandoned = handlers.recv(1, 100, -1)
    const next = handlers.recv(1, 100, 5000)
    // the second read supersedes the first: it answers EAGAIN (11) with no data yet
    expect((await abandoned).status).toBe(11)
    ;(await peer).write('dato')
    expect(text(await next)).toBe('dato')
  })

  it('bytes a read took for a worker that no longer waited come first in the next read', async () => {
    let peer: net.Socket | undefined
    const port = await server((s) => (peer = s))
    const { handlers, unclaimed, close } = netHandlers({ hosts: {} })
    cleanups.push(close)
    expect((await handlers.connect(1, '127.0.0.1', port)).status).toBe(0)
    const late = handlers.recv(1, 100, -1)
    peer!.write('primero ')
    // the worker had given this read up (an irq handler ran): its reply comes back unclaimed
    const r = await late
    expect(text(r)).toBe('primero ')
    unclaimed('recv', [1, 100, -1], r)
    peer!.write('segundo')
    let got = ''
    while (got.length < 'primero segundo'.length) got += text(await handlers.recv(1, 100, 5000))
    expect(got).toBe('primero segundo')
  })

  it('mapped names get addresses of their own that connect to the mapped endpoint', async () => {
    const port = await server((s) => s.end('soy el espejo'))
    const { handlers, close } = netHandlers({
      hosts: {
        'api.open-meteo.com': `http://127.0.0.1:${port}`,
        'geocoding-api.open-meteo.com': `http://127.0.0.1:${port}`
      }
    })
    cleanups.push(close)
    const a = text(await handlers.getaddrinfo('API.open-meteo.com', 443))
    const b = text(await handlers.getaddrinfo('geocoding-api.open-meteo.com', 443))
    expect(a).not.toBe(b)
    expect(net.isIPv4(a)).toBe(true)
    const c = await handlers.connect(1, a, 443)
    expect(text(c)).toBe(`api.open-meteo.com:443 (127.0.0.1:${port})`)
    expect((await handlers.starttls(1, 'api.open-meteo.com', true)).status).toBe(0)
    expect(text(await handlers.recv(1, 100, 5000))).toBe('soy el espejo')
  })

  it('close() ends a connection still being opened', async () => {
    const port = await server(() => undefined)
    const { handlers, close } = netHandlers({ hosts: {} })
    const pending = handlers.connect(1, '127.0.0.1', port)
    close()
    expect((await pending).status).toBe(103)
    expect((await handlers.connect(2, '127.0.0.1', port)).status).toBe(103)
  })
})
