import { writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebHost } from '../../../electron/host/server'
import { until } from '../../helpers/hub'
import { mosquittoPub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'
import { tempDir } from '../../helpers/tmp'
import { record } from '../security/ws'
import { startedHubs } from '../../helpers/started-hubs'

const skip = missingTools('mosquitto_pub')
const hub = startedHubs()
const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

/** A WebSocket client that completes the handshake and then never reads another byte. */
async function stalledClient(port: number): Promise<net.Socket> {
  const s = net.connect(port, '127.0.0.1')
  await new Promise((r) => s.once('connect', r))
  s.write(
    'GET /ws HTTP/1.1\r\nHost: 127.0.0.1:' +
      port +
      '\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
  )
  await new Promise((r) => s.once('data', r))
  s.pause()
  return s
}

describe.skipIf(skip)('a WebSocket client that stops reading', () => {
  it('gets no growing queue: the host holds at most about 1 MB plus one batch for it, then drops it with a notice', async () => {
    const h = await hub()
    const renderer = tempDir()
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>')
    const web = new WebHost(h, {
      host: '127.0.0.1',
      port: 0,
      rendererDir: renderer,
      backpressure: { highWaterBytes: 1024 * 1024, stallMs: 3000, maxMessages: 2000 }
    })
    const url = await web.start()
    cleanup.push(() => web.stop())
    const port = Number(new URL(url).port)
    const slow = await stalledClient(port)
    cleanup.push(() => slow.destroy())
    const fast = await record(`ws://127.0.0.1:${port}/ws`)
    cleanup.push(() => fast.ws.close())
    await h.invoke('mqtt:subscribe', { filter: 'inunda/#' })

    let most = 0
    const sampler = setInterval(() => (most = Math.max(most, web.bufferedBytes())), 10)
    cleanup.push(() => clearInterval(sampler))
    const N = 20_000
    const line = 'y'.repeat(2000)
    const lines = Array.from({ length: N }, (_, i) => `${i} ${line}`).join('\n') + '\n'
    await mosquittoPub(h.brokerStatus.port, ['-t', 'inunda/datos', '-l'], lines)
    await until(
      () => h.snapshot().notices.some((n) => n.code === 'web-client-too-slow'),
      'the slow client to be dropped',
      20_000
    )
    // 20,000 messages of 2 KB are 40 MB: a queue would have held most of it
    expect(most).toBeLessThan(8 * 1024 * 1024)
    expect(h.snapshot().notices.find((n) => n.code === 'web-client-too-slow')?.message).toMatch(
      /A window at 127\.0\.0\.1 stopped taking Puente's updates and was disconnected/
    )
    await until(() => web.bufferedBytes() === 0, 'nothing held once it is gone')
    // the window that reads kept getting its batches
    const got = fast.frames.filter((f) => f.startsWith('{"event":"traffic:batch"')).length
    expect(got).toBeGreaterThan(0)
  }, 60_000)
})
