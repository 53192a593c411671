import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  fetchForecast,
  parseRetryAfter,
  searchPlaces,
  WeatherFetchError
} from '../../../electron/core/weather/openmeteo'
import { OpenMeteoServer, type Fault } from '../../helpers/open-meteo-server'

const madrid = { name: 'Madrid', latitude: 40.4165, longitude: -3.70256 }
// a short limit only where the server hangs on purpose; a loaded machine may take longer to answer
const hangOpts = { timeoutMs: 400 }
const opts = { timeoutMs: 5000 }

describe('Open-Meteo client against the fixture server', () => {
  const server = new OpenMeteoServer()
  beforeAll(() => server.start())
  afterAll(() => server.stop())

  it('reads the current temperature with the request Open-Meteo documents', async () => {
    server.heal()
    const r = await fetchForecast(server.forecastUrl, madrid, 'celsius', opts)
    expect(r).toMatchObject({
      temperature: 21.4,
      unit: '°C',
      name: 'Madrid',
      latitude: 40.4165,
      longitude: -3.70256
    })
    // Open-Meteo's local time completed with the place's offset
    expect(r.time).toBe('2025-05-14T12:15:00+02:00')
    expect(server.log.at(-1)!.params).toMatchObject({
      latitude: '40.4165',
      longitude: '-3.70256',
      current: 'temperature_2m',
      temperature_unit: 'celsius',
      timezone: 'auto'
    })
  })

  it('asks for and reports Fahrenheit', async () => {
    const r = await fetchForecast(server.forecastUrl, madrid, 'fahrenheit', opts)
    expect(r.unit).toBe('°F')
    expect(r.temperature).toBe(70.5)
  })

  const faults: [Fault, string, RegExp][] = [
    ['hang', 'weather-timeout', /did not answer within 0\.4 s/],
    ['500', 'weather-http', /HTTP 500/],
    ['429', 'weather-rate-limited', /HTTP 429.*retrying in 2 s/],
    ['html', 'weather-malformed', /not JSON \(text\/html/],
    ['no-current', 'weather-malformed', /current is missing/],
    ['nan-temperature', 'weather-malformed', /current\.temperature_2m should be a number/]
  ]
  for (const [fault, code, message] of faults) {
    it(`says why in words when the server fails with ${fault}`, async () => {
      server.fail(fault, { retryAfter: 2 })
      const o = fault === 'hang' ? hangOpts : opts
      const err = await fetchForecast(server.forecastUrl, madrid, 'celsius', o).catch(
        (e: unknown) => e
      )
      server.heal()
      expect(err).toBeInstanceOf(WeatherFetchError)
      const e = err as WeatherFetchError
      expect(e.problem.code).toBe(code)
      expect(e.problem.message).toMatch(message)
      if (fault === '429') expect(e.retryAfterMs).toBe(2000)
    })
  }

  it('says the server cannot be reached when nothing listens', async () => {
    const gone = new OpenMeteoServer()
    await gone.start()
    await gone.stop()
    const err = (await fetchForecast(gone.forecastUrl, madrid, 'celsius', opts).catch(
      (e: unknown) => e
    )) as WeatherFetchError
    expect(err.problem.code).toBe('weather-network')
    expect(err.problem.message).toMatch(/ECONNREFUSED/)
  })

  it('finds places by name in the language asked, and none is an empty list', async () => {
    const found = await searchPlaces(server.geocodingUrl, 'Sevilla', 'es', 5, opts)
    expect(found[0]).toMatchObject({
      name: 'Sevilla',
      latitude: 37.38283,
      longitude: -5.97317,
      country: 'España',
      admin1: 'Andalucía'
    })
    expect(server.log.at(-1)!.params).toMatchObject({ name: 'Sevilla', language: 'es', count: '5' })
    expect(await searchPlaces(server.geocodingUrl, 'Zzyzx', 'en', 5, opts)).toEqual([])
  })
})

describe('Retry-After', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000)
    expect(parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30_000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(null)).toBeUndefined()
  })
})
