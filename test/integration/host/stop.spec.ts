import { writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { expect, it } from 'vitest'
import { WebHost } from '../../../electron/host/server'
import { startedHubs } from '../../helpers/started-hubs'
import { tempDir } from '../../helpers/tmp'

const hub = startedHubs()

it('stops at once with a request still half sent (a page loading while the teacher quits)', async () => {
  const h = await hub()
  const renderer = tempDir()
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>')
  const web = new WebHost(h, { host: '127.0.0.1', port: 0, rendererDir: renderer })
  const port = Number(new URL(await web.start()).port)
  const half = net.connect(port, '127.0.0.1')
  half.on('error', () => undefined) // the reset is the point
  await new Promise((r) => half.once('connect', r))
  half.write('GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n')
  const closed = new Promise((r) => half.once('close', r))
  // the server would otherwise wait for the request's headers (60 s in Node) before closing
  await web.stop()
  await closed
  expect(half.destroyed).toBe(true)
})
