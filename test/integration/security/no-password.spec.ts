import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfilesState } from '../../../electron/contract'
import { until } from '../../helpers/hub'
import { freePort } from '../../helpers/ports'
import { startTestServe, type Served } from '../../helpers/serve'
import { record } from './ws'

describe('the renderer never receives a saved password', () => {
  let host: Served
  beforeAll(async () => {
    host = await startTestServe(['--serial', 'off'])
  })
  afterAll(() => host.stop())

  it('in no WebSocket frame, whatever the window asks after saving them', async () => {
    const url = `${host.url.replace('http', 'ws')}/ws`
    const setter = await record(url)
    const watcher = await record(url) // a second window, seeing every event
    const unused = await freePort()
    expect((await setter.ask('settings:update', { password: 'pw-broker-AAA' })).ok).toBe(true)
    const saved = await setter.ask('profiles:save', {
      name: 'Con clave',
      url: `mqtt://127.0.0.1:${unused}`,
      username: 'profe',
      password: 'pw-perfil-BBB'
    })
    expect(saved.ok).toBe(true)
    const id = (saved as { value: ProfilesState }).value.profiles.find(
      (p) => p.name === 'Con clave'
    )!.id
    for (const [cmd, input] of [
      ['app:get-snapshot', {}],
      ['profiles:get-state', {}],
      ['profiles:activate', { id }],
      ['profiles:test', { id }],
      [
        'profiles:save',
        { id, name: 'Con clave 2', url: `mqtt://127.0.0.1:${unused}`, username: 'profe' }
      ],
      ['app:get-snapshot', {}],
      ['settings:update', { mqtt: { keepalive: 20 } }],
      ['profiles:activate', { id: 'local' }],
      ['app:get-snapshot', {}]
    ] as const) {
      const r = await setter.ask(cmd, input)
      expect(r.ok, `${cmd}: ${JSON.stringify(r)}`).toBe(true)
    }
    const late = await record(url) // a window opened later
    await late.ask('app:get-snapshot')
    await late.ask('profiles:get-state')
    // a marker published last: once every window has its traffic frame, the events pushed
    // before it (classroom, traffic) are in too
    const end = Date.now() + 10_000
    while (!(await setter.ask('mqtt:publish', { topic: 'marca/fin', payload: 'fin' })).ok) {
      if (Date.now() > end) throw new Error('the marker could not be published')
      await new Promise((r) => setTimeout(r, 50))
    }
    await until(
      () => [setter, watcher, late].every((c) => c.frames.some((f) => f.includes('marca/fin'))),
      'the marker in every window'
    )
    const frames = [...setter.frames, ...watcher.frames, ...late.frames]
    expect(frames.length).toBeGreaterThan(15)
    expect(frames.some((f) => f.includes('"hasPassword":true'))).toBe(true)
    for (const f of frames) {
      expect(f).not.toContain('pw-broker-AAA')
      expect(f).not.toContain('pw-perfil-BBB')
      expect(f).not.toContain('puente-internal') // nor the broker's internal credentials
    }
    for (const c of [setter, watcher, late]) c.ws.close()
  })
})
