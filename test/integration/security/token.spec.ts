import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServe, type Served } from '../../helpers/serve'
import { record } from './ws'

describe('web host on a non-loopback address: a token is required', () => {
  let host: Served
  let token: string
  let base: string
  beforeAll(async () => {
    // bound to every interface, but this test only ever connects through 127.0.0.1
    host = await startTestServe(['--serial', 'off', '--host', '0.0.0.0'])
    const m = /^token ([0-9a-f]{32})$/m.exec(host.output())
    expect(m, host.output()).toBeTruthy()
    token = m![1]
    expect(host.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/)
    const port = new URL(host.url).port
    // on every interface it prints the addresses to open, loopback first
    expect(host.output()).toContain(`open http://127.0.0.1:${port}/?token=${token}`)
    base = host.url.replace('0.0.0.0', '127.0.0.1')
  })
  afterAll(() => host.stop())

  it('refuses every WebSocket command without the token, with the reason', async () => {
    for (const query of ['', '?token=', `?token=${'0'.repeat(32)}`, `?token=${token}x`]) {
      const c = await record(`${base.replace('http', 'ws')}/ws${query}`)
      const r = await c.ask('app:get-snapshot')
      expect(r).toMatchObject({ ok: false, error: { code: 'token-required' } })
      expect(r.ok === false && r.error.message).toMatch(
        /needs the access token printed when it started/
      )
      const r2 = await c.ask('mqtt:publish', { topic: 'clase_eoi', payload: 'colado' })
      expect(r2).toMatchObject({ ok: false, error: { code: 'token-required' } })
      expect((await c.closed).code).toBe(4401)
      // no event and no state reached it
      expect(c.frames.every((f) => !f.includes('"event"'))).toBe(true)
    }
  })

  it('runs commands with the token', async () => {
    const c = await record(`${base.replace('http', 'ws')}/ws?token=${token}`)
    const r = await c.ask('app:get-snapshot')
    expect(r.ok).toBe(true)
    expect(await c.ask('mqtt:subscribe', { filter: 'con/token' })).toMatchObject({ ok: true })
    c.ws.close()
  })

  it('gates the page too: 401 without the token, the page and a cookie with it', async () => {
    const denied = await fetch(`${base}/`)
    expect(denied.status).toBe(401)
    expect(await denied.text()).toMatch(/access token/)
    const page = await fetch(`${base}/?token=${token}`)
    expect(page.status).toBe(200)
    const cookie = page.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/puente_token=[0-9a-f]{32}; Path=\/; HttpOnly; SameSite=Strict/)
    // the page's own assets and socket then go with the cookie
    const html = await page.text()
    const asset = /src="([^"]+\.js)"/.exec(html)?.[1]
    if (asset)
      expect(
        (await fetch(new URL(asset, base), { headers: { cookie: cookie.split(';')[0] } })).status
      ).toBe(200)
    const c = await record(`${base.replace('http', 'ws')}/ws`, { cookie: cookie.split(';')[0] })
    expect((await c.ask('app:get-snapshot')).ok).toBe(true)
    c.ws.close()
  })
})

describe('web host on 127.0.0.1 (the default)', () => {
  let host: Served
  beforeAll(async () => {
    host = await startTestServe(['--serial', 'off'])
  })
  afterAll(() => host.stop())

  it('needs no token, prints none, and refuses a page of another site (a browser Origin that is not its own)', async () => {
    expect(host.output()).not.toMatch(/^token /m)
    const ok = await record(`${host.url.replace('http', 'ws')}/ws`)
    expect((await ok.ask('app:get-snapshot')).ok).toBe(true)
    ok.ws.close()
    const own = await record(`${host.url.replace('http', 'ws')}/ws`, { origin: host.url })
    expect((await own.ask('app:get-snapshot')).ok).toBe(true)
    own.ws.close()
    const evil = await record(`${host.url.replace('http', 'ws')}/ws`, {
      origin: 'http://evil.example'
    })
    expect(await evil.ask('app:get-snapshot')).toMatchObject({
      ok: false,
      error: { code: 'origin-refused' }
    })
  })
})
