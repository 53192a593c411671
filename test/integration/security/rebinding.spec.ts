import { writeFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hub } from '../../../electron/core/hub'
import { WebHost } from '../../../electron/host/server'
import { startTestHub, tempDir } from '../../helpers/hub'
import { record } from './ws'

/** A GET with a chosen Host header (fetch does not let a page or a test set it). */
function get(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
        let body = ''
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      .on('error', reject)
  })
}

describe('DNS rebinding: a loopback web host without a token serves only loopback names', () => {
  let hub: Hub
  let web: WebHost
  let port: number
  beforeAll(async () => {
    hub = await startTestHub()
    const renderer = tempDir()
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Puente</title>')
    web = new WebHost(hub, { host: '127.0.0.1', port: 0, rendererDir: renderer })
    port = Number(new URL(await web.start()).port)
  })
  afterAll(async () => {
    await web.stop()
    await hub.stop()
  })

  it('serves the page to 127.0.0.1, localhost and [::1] with its port, and to no other name', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
      expect((await get(port, host)).status, host).toBe(200)
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      `127.0.0.1`
    ]) {
      const r = await get(port, host)
      expect(r.status, host).toBe(421)
      expect(r.body).toMatch(/only to 127\.0\.0\.1, localhost or \[::1\]/)
    }
  })

  it('refuses a WebSocket under a foreign Host even with a matching Origin: no password, no settings', async () => {
    const evil = await record(`ws://127.0.0.1:${port}/ws`, {
      host: `evil.example:${port}`,
      origin: `http://evil.example:${port}`
    })
    const state = await evil.ask('classroom:get-state')
    expect(state).toMatchObject({ ok: false, error: { code: 'host-refused' } })
    const moved = await evil.ask('settings:update', { mqtt: { url: 'mqtt://evil.example:1883' } })
    expect(moved).toMatchObject({ ok: false, error: { code: 'host-refused' } })
    expect(evil.frames.every((f) => !f.includes('"event"'))).toBe(true)
    expect(hub.settings.mqtt.url).not.toContain('evil.example')

    const own = await record(`ws://localhost:${port}/ws`, { origin: `http://localhost:${port}` })
    expect((await own.ask('app:get-snapshot')).ok).toBe(true)
    own.ws.close()
  })
})
