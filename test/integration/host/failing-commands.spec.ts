import { afterEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { ResponseFrame } from '../../../electron/contract'
import type { Handlers } from '../../../electron/core/commands'
import type { Puente } from '../../../electron/core/puente'
import { WebHost } from '../../../electron/host/server'
import { startTestHub, tempDir } from '../../helpers/hub'

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const stop of stops.splice(0).reverse()) await stop()
})

/** A hub behind a web host on a free loopback port, and a WebSocket client asking it. */
async function served(): Promise<{
  hub: Puente
  ask(cmd: string, id: number): Promise<ResponseFrame>
}> {
  const hub = await startTestHub()
  stops.push(() => hub.stop())
  const web = new WebHost(hub, { host: '127.0.0.1', port: 0, rendererDir: tempDir() })
  const url = await web.start()
  stops.push(() => web.stop())
  const ws = new WebSocket(url.replace('http', 'ws') + '/ws')
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const answers = new Map<number, ResponseFrame>()
  const waiting = new Map<number, (f: ResponseFrame) => void>()
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as ResponseFrame
    if (!('id' in f)) return
    const w = waiting.get(f.id)
    if (w) w(f)
    else answers.set(f.id, f)
  })
  return {
    hub,
    ask: (cmd, id) =>
      new Promise((resolve, reject) => {
        const done = answers.get(id)
        if (done) return resolve(done)
        // a command left unanswered fails here with its name, not on the test's timeout
        const t = setTimeout(() => reject(new Error(`no answer to ${cmd} #${id}`)), 5000)
        waiting.set(id, (f) => {
          clearTimeout(t)
          resolve(f)
        })
        ws.send(JSON.stringify({ id, cmd, input: {} }))
      })
  }
}

/** Puts a failing answer in place of the app snapshot's handler. */
function breakSnapshot(hub: Puente, handler: () => Promise<unknown>): void {
  const handlers = (hub as unknown as { handlers: Handlers }).handlers
  ;(handlers as unknown as Record<string, () => Promise<unknown>>)['app:get-snapshot'] = handler
}

describe('a command that fails inside the web host', () => {
  it('is answered as an internal error over the WebSocket, and the host keeps serving', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { hub, ask } = await served()
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      [
        'a handler that rejects',
        async () => {
          throw new RangeError('Invalid string length')
        },
        /app:get-snapshot failed: Invalid string length/
      ],
      [
        'a rejection that cannot even be turned into text',
        () => Promise.reject(Object.create(null)),
        /app:get-snapshot failed/
      ],
      ['an answer JSON cannot encode (a BigInt)', async () => ({ n: 1n }), /could not be sent/],
      [
        'an answer whose encoding throws something that is not an Error',
        async () => ({
          toJSON: () => {
            throw undefined
          }
        }),
        /could not be sent/
      ]
    ]
    let id = 0
    for (const [what, handler, words] of cases) {
      breakSnapshot(hub, handler)
      const answer = await ask('app:get-snapshot', ++id)
      expect(answer.result, what).toMatchObject({ ok: false, error: { code: 'internal' } })
      if (!answer.result.ok) expect(answer.result.error.message, what).toMatch(words)
    }
    breakSnapshot(hub, async () => hub.snapshot())
    const ok = await ask('app:get-snapshot', ++id)
    expect(ok.result.ok).toBe(true)
  })
})
