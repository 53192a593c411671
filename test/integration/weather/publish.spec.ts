import { describe, expect, it } from 'vitest'
import type { Puente as Hub } from '../../../electron/core/puente'
import { connected, received, until } from '../../helpers/hub'
import {
  MADRID,
  SEVILLA,
  subscriber,
  untilWeather,
  weatherState,
  weatherSuite
} from './weather-helpers'

describe('weather readings on MQTT', () => {
  const { server, startHub } = weatherSuite()
  let hub: Hub | undefined

  it('publishes the reading retained: a subscriber that connects later gets the fixture temperature', async () => {
    hub = await startHub(MADRID)
    await connected(hub)
    await untilWeather(hub, (s) => s.reading !== null, 'the first reading')
    expect(server.forecasts()).toHaveLength(1)
    expect(server.forecasts()[0].params).toMatchObject({
      latitude: '40.4165',
      longitude: '-3.70256',
      current: 'temperature_2m'
    })

    const sub = await subscriber(hub, 'temperatura_eoi')
    await until(() => sub.messages.length > 0, 'the retained reading')
    await sub.end()
    expect(sub.messages[0].retain).toBe(true)
    expect(sub.messages[0].payload).toEqual({
      temperature: 21.4,
      unit: '°C',
      time: '2025-05-14T12:15:00+02:00',
      place: 'Madrid',
      country: '',
      admin1: '',
      latitude: 40.4165,
      longitude: -3.70256
    })
    // it is in the traffic like any message Puente sends
    const out = hub.traffic.ring
      .query({ topic: 'temperatura_eoi', limit: 1000 })
      .filter((m) => m.dir === 'out')
    expect(JSON.parse(out.at(-1)!.payload)).toMatchObject({ temperature: 21.4, place: 'Madrid' })

    const state = await weatherState(hub)
    expect(state.stale).toBe(false)
    expect(state.today.map((r) => r.temperature)).toEqual([21.4])
    // next fetch one interval (600 s by default) after this one
    expect(Date.parse(state.nextFetch!) - Date.parse(state.lastFetch!)).toBeGreaterThan(590_000)
  })

  it('a request on temperatura_eoi/pedir fetches once; more requests within the limit do not', async () => {
    hub = await startHub({ ...MADRID, requestLimitSeconds: 30 })
    await connected(hub)
    await untilWeather(hub, (s) => s.reading !== null, 'the first reading')
    const sub = await subscriber(hub, 'temperatura_eoi')
    await until(() => sub.messages.length === 1, 'the retained reading')

    await sub.client.publishAsync('temperatura_eoi/pedir', '')
    await until(() => server.forecasts().length === 2, 'the requested fetch')
    await until(() => sub.messages.length === 2, 'the requested reading')
    expect(sub.messages[1].payload).toMatchObject({ temperature: 21.4 })
    for (let i = 0; i < 5; i++) await sub.client.publishAsync('temperatura_eoi/pedir', 'otra vez')
    // the hub hands each message to the weather part as it records it: once all six requests
    // are recorded, a fetch they started would be under way or done
    const h = hub
    await until(() => received(h, 'temperatura_eoi/pedir').length === 6, 'the six requests')
    await sub.end()
    expect((await weatherState(h)).fetching).toBe(false)
    expect(server.forecasts()).toHaveLength(2)
  })

  it('no place chosen: nothing is fetched and the state says so', async () => {
    hub = await startHub()
    await connected(hub)
    // nothing under way and nothing scheduled, so nothing will be fetched
    const state = await weatherState(hub)
    expect(state).toMatchObject({ place: null, reading: null, fetching: false })
    expect(state.nextFetch).toBeUndefined()
    expect(server.log).toHaveLength(0)
  })

  it('--place alone: the name is looked up at start, then its coordinates are fetched', async () => {
    hub = await startHub({ place: 'Sevilla', latitude: null, longitude: null })
    await untilWeather(hub, (s) => s.reading !== null, 'the reading for the geocoded place')
    expect(server.log.map((r) => r.endpoint)).toEqual(['geocoding', 'forecast'])
    expect(server.log[0].params).toMatchObject({ name: 'Sevilla', count: '1' })
    expect(server.log[1].params).toMatchObject({
      latitude: String(SEVILLA.latitude),
      longitude: String(SEVILLA.longitude)
    })
    expect((await weatherState(hub)).reading).toMatchObject({ name: 'Sevilla', temperature: 27.8 })
  })

  it('choosing another place fetches at once for its coordinates and saves the choice', async () => {
    hub = await startHub(MADRID)
    await untilWeather(hub, (s) => s.reading?.name === 'Madrid', 'the Madrid reading')
    const r = await hub.invoke('weather:set-place', SEVILLA)
    expect(r.ok).toBe(true)
    await untilWeather(hub, (s) => s.reading?.name === 'Sevilla', 'the Sevilla reading')
    expect(server.forecasts().at(-1)!.params).toMatchObject({
      latitude: '37.38283',
      longitude: '-5.97317'
    })
    const state = await weatherState(hub)
    expect(state.reading!.temperature).toBe(27.8)
    // Madrid's reading is not on Sevilla's chart
    expect(state.today.map((p) => p.temperature)).toEqual([27.8])
    expect(hub.settings.weather).toMatchObject({
      place: 'Sevilla',
      latitude: 37.38283,
      longitude: -5.97317
    })
  })

  it('switching to Fahrenheit fetches again at once; a new interval moves the next fetch', async () => {
    hub = await startHub(MADRID)
    await untilWeather(hub, (s) => s.reading?.unit === '°C', 'the Celsius reading')
    const r = await hub.invoke('settings:update', { weather: { unit: 'fahrenheit' } })
    expect(r.ok).toBe(true)
    await untilWeather(hub, (s) => s.reading?.unit === '°F', 'the Fahrenheit reading')
    expect(server.forecasts().at(-1)!.params.temperature_unit).toBe('fahrenheit')
    const state = await weatherState(hub)
    expect(state.reading!.temperature).toBe(70.5)
    expect(Date.parse(state.nextFetch!) - Date.parse(state.reading!.fetchedAt)).toBeGreaterThan(
      590_000
    )

    await hub.invoke('settings:update', { weather: { intervalSeconds: 120 } })
    const next =
      Date.parse((await weatherState(hub)).nextFetch!) - Date.parse(state.reading!.fetchedAt)
    expect(next).toBeGreaterThanOrEqual(119_000)
    expect(next).toBeLessThanOrEqual(121_000)
  })

  it('a bad place from a window is refused with the field and why', async () => {
    hub = await startHub()
    const r = await hub.invoke('weather:set-place', {
      name: 'Nowhere',
      latitude: 123,
      longitude: 0
    })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/latitude.*-90\.\.90/)
    expect(hub.settings.weather.latitude).toBeNull()
  })
})
