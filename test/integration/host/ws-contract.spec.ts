import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { MAX_FRAME_BYTES, type ResponseFrame } from '../../../electron/contract'
import { startTestServe, type Served } from '../../helpers/serve'

/** A WebSocket client that sends raw frames and waits for the answer with a given id. */
async function client(
  url: string
): Promise<{ ws: WebSocket; ask(frame: unknown, id?: number): Promise<ResponseFrame> }> {
  const ws = new WebSocket(url.replace('http', 'ws') + '/ws')
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const answers: ResponseFrame[] = []
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as ResponseFrame
    if ('id' in f) answers.push(f)
  })
  return {
    ws,
    async ask(frame, id = (frame as { id?: number }).id ?? -1) {
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
      for (let i = 0; i < 200; i++) {
        const hit = answers.findIndex((a) => a.id === id)
        if (hit >= 0) return answers.splice(hit, 1)[0]
        await new Promise((r) => setTimeout(r, 10))
      }
      throw new Error(`no answer for ${JSON.stringify(frame).slice(0, 100)}`)
    }
  }
}

describe('the WebSocket contract refuses bad input and keeps serving', () => {
  let host: Served
  beforeAll(async () => {
    host = await startTestServe()
  })
  afterAll(() => host.stop())

  it('answers each bad command with a clear error and changes nothing', async () => {
    const c = await client(host.url)
    const cases: [unknown, RegExp][] = [
      ['not json at all', /not JSON/],
      [{ id: 1, cmd: 'mqtt:explode' }, /Unknown command "mqtt:explode"/],
      [{ id: 2, cmd: 'mqtt:publish', input: { topic: 42, payload: 'x' } }, /mqtt:publish: topic: /],
      [{ id: 3, cmd: 'mqtt:publish', input: { topic: 'a', payload: 'x', qos: 5 } }, /qos/],
      [
        { id: 4, cmd: 'mqtt:publish', input: { topic: 'a/#', payload: 'x' } },
        /cannot contain \+, # or NUL/
      ],
      [{ id: 5, cmd: 'mqtt:subscribe', input: { filter: 'a/#/b' } }, /wildcard/],
      [
        { id: 6, cmd: 'settings:update', input: { mqtt: { url: 'http://example.com' } } },
        /mqtt:\/\/host:1883/
      ],
      [{ id: 7, cmd: 'mqtt:publish', input: { topic: 'a', payload: 'x', extra: true } }, /extra/],
      [
        {
          id: 8,
          cmd: 'mqtt:publish',
          input: { topic: 'a', payload: 'x'.repeat(MAX_FRAME_BYTES / 2 + 10) }
        },
        /too large/
      ],
      [{ id: 'nine', cmd: 'app:get-snapshot' }, /not a command/]
    ]
    for (const [frame, reason] of cases) {
      const id =
        typeof frame === 'object' && typeof (frame as { id: unknown }).id === 'number'
          ? (frame as { id: number }).id
          : -1
      const answer = await c.ask(frame, id)
      expect(answer.result.ok, JSON.stringify(frame).slice(0, 80)).toBe(false)
      if (!answer.result.ok) expect(answer.result.error.message).toMatch(reason)
    }
    const snap = await c.ask({ id: 20, cmd: 'app:get-snapshot' })
    expect(snap.result.ok).toBe(true)
    if (snap.result.ok)
      expect((snap.result.value as { settings: { mqtt: { url: string } } }).settings.mqtt.url).toBe(
        'embedded'
      )
    c.ws.close()
  })

  it('drops a frame over the size limit by closing that socket only; the host keeps serving', async () => {
    const c = await client(host.url)
    const closed = new Promise<number>((r) => c.ws.once('close', (code) => r(code)))
    c.ws.send('x'.repeat(MAX_FRAME_BYTES + 1))
    // 1009 "message too big"; 1006 when the host's close races the rest of our own upload
    expect([1006, 1009]).toContain(await closed)
    const d = await client(host.url)
    const ok = await d.ask({
      id: 1,
      cmd: 'mqtt:publish',
      input: { topic: 'clase_eoi', payload: 'sigo aquí' }
    })
    expect(ok.result).toEqual({ ok: true, value: null })
    d.ws.close()
  })
})
