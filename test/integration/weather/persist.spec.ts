import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Puente as Hub } from '../../../electron/core/puente'
import { connected, tempDir, until } from '../../helpers/hub'
import { MADRID, subscriber, untilWeather, weatherState, weatherSuite } from './weather-helpers'

describe('the last good reading survives a restart', () => {
  const { server, startHub } = weatherSuite()
  let hub: Hub | undefined

  it('restarted with Open-Meteo down: the saved reading is shown and published, stale, with the reason', async () => {
    const dataDir = tempDir()
    hub = await startHub(MADRID, dataDir)
    await untilWeather(hub, (s) => s.reading !== null, 'the first reading')
    const before = await weatherState(hub)
    await hub.stop()
    hub = undefined
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'weather.json'), 'utf8'))
    expect(saved.reading).toMatchObject({ temperature: 21.4, name: 'Madrid' })

    server.fail('500')
    const fetched = server.forecasts().length
    hub = await startHub(MADRID, dataDir)
    // before any fetch: the saved reading, marked as from before the restart
    const restored = await weatherState(hub)
    expect(restored.reading).toEqual(before.reading)
    expect(restored.stale).toBe(true)
    expect(restored.today).toEqual(before.today)

    await until(() => server.forecasts().length > fetched, 'the first fetch after the restart')
    await untilWeather(hub, (s) => s.reason?.code === 'weather-http', 'the failure to show')
    await connected(hub)
    const sub = await subscriber(hub, 'temperatura_eoi')
    await until(
      () => sub.messages.some((m) => /HTTP 500/.test(String(m.payload.reason))),
      'the stale reading on MQTT'
    )
    await sub.end()
    expect(sub.messages.at(-1)!.payload).toMatchObject({
      temperature: 21.4,
      place: 'Madrid',
      stale: true
    })

    server.heal()
    await untilWeather(hub, (s) => !s.stale, 'a fresh reading', 15_000)
    expect((await weatherState(hub)).today.length).toBe(before.today.length + 1)
  })

  it('a weather.json that is not ours is ignored, not fatal', async () => {
    const dataDir = tempDir()
    const { writeFileSync } = await import('node:fs')
    writeFileSync(
      path.join(dataDir, 'weather.json'),
      '{"version":1,"reading":{"temperature":"hot"}'
    )
    hub = await startHub(MADRID, dataDir)
    await untilWeather(hub, (s) => s.reading !== null && !s.stale, 'a fresh reading')
    expect((await weatherState(hub)).reading!.temperature).toBe(21.4)
  })
})
