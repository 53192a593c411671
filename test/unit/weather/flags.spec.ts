import { describe, expect, it } from 'vitest'
import { parseServeArgs, UsageError } from '../../../electron/host/args'

describe('weather flags of npm run serve', () => {
  it('map to the weather settings for this run', () => {
    const c = parseServeArgs([
      '--place',
      'Madrid',
      '--weather-interval',
      '120',
      '--weather-url',
      'http://127.0.0.1:9/v1/forecast',
      '--geocoding-url',
      'https://geo.example/v1/search'
    ])
    expect(c.overrides.weather).toEqual({
      place: 'Madrid',
      latitude: null,
      longitude: null,
      intervalSeconds: 120,
      forecastUrl: 'http://127.0.0.1:9/v1/forecast',
      geocodingUrl: 'https://geo.example/v1/search'
    })
  })

  it('--lat/--lon give coordinates (a --place with them only names them)', () => {
    expect(parseServeArgs(['--lat', '40.42', '--lon', '-3.70']).overrides.weather).toEqual({
      place: '',
      latitude: 40.42,
      longitude: -3.7
    })
    expect(
      parseServeArgs(['--lat', '37.38', '--lon', '-5.97', '--place', 'Sevilla']).overrides.weather
    ).toEqual({
      place: 'Sevilla',
      latitude: 37.38,
      longitude: -5.97
    })
  })

  it.each([
    [['--weather-url', 'ftp://x/y'], /--weather-url must be an http/],
    [['--geocoding-url', 'not a url'], /--geocoding-url must be an http/],
    [['--weather-interval', '0'], /--weather-interval must be seconds/],
    [['--weather-interval', 'often'], /--weather-interval must be seconds/],
    [['--lat', '40'], /--lat and --lon go together/],
    [['--lat', '91', '--lon', '0'], /--lat must be a latitude/],
    [['--lat', '40', '--lon', 'west'], /--lon must be a longitude/],
    [['--place', ' '], /--place must be a place name/]
  ])('%j is refused with one line', (argv, reason) => {
    expect(() => parseServeArgs(argv)).toThrow(UsageError)
    expect(() => parseServeArgs(argv)).toThrow(reason)
  })
})
