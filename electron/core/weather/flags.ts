import * as v from 'valibot'
import {
  fieldError,
  HttpUrlSchema,
  MAX_INTERVAL_SECONDS,
  MAX_LATITUDE,
  MAX_LONGITUDE,
  MIN_INTERVAL_SECONDS,
  weatherFields,
  type WeatherSettings
} from '../../contract'

/** The weather flags of `npm run serve` as settings overrides, or the one-line reason they are wrong. */
export function weatherFlags(
  get: (flag: string) => string | undefined
): { ok: true; value: Partial<WeatherSettings> } | { ok: false; reason: string } {
  const out: Partial<WeatherSettings> = {}
  for (const [flag, key] of [
    ['weather-url', 'forecastUrl'],
    ['geocoding-url', 'geocodingUrl']
  ] as const) {
    const value = get(flag)
    if (value === undefined) continue
    const url = v.safeParse(HttpUrlSchema, value)
    if (!url.success || !URL.canParse(url.output))
      return {
        ok: false,
        reason: `--${flag} must be an http:// or https:// address, not "${value}"`
      }
    out[key] = url.output
  }
  const interval = get('weather-interval')
  if (interval !== undefined) {
    const n = Number(interval)
    if (!interval.trim() || fieldError(weatherFields.intervalSeconds, n))
      return {
        ok: false,
        reason: `--weather-interval must be seconds between ${MIN_INTERVAL_SECONDS} and ${MAX_INTERVAL_SECONDS}, not "${interval}"`
      }
    out.intervalSeconds = n
  }
  const lat = get('lat')
  const lon = get('lon')
  if ((lat === undefined) !== (lon === undefined))
    return { ok: false, reason: '--lat and --lon go together: give both' }
  if (lat !== undefined && lon !== undefined) {
    const la = Number(lat)
    const lo = Number(lon)
    if (!lat.trim() || fieldError(weatherFields.latitude, la))
      return {
        ok: false,
        reason: `--lat must be a latitude between -${MAX_LATITUDE} and ${MAX_LATITUDE}, not "${lat}"`
      }
    if (!lon.trim() || fieldError(weatherFields.longitude, lo))
      return {
        ok: false,
        reason: `--lon must be a longitude between -${MAX_LONGITUDE} and ${MAX_LONGITUDE}, not "${lon}"`
      }
    out.latitude = la
    out.longitude = lo
    out.place = ''
  }
  const place = get('place')
  if (place !== undefined) {
    if (!place.trim() || fieldError(weatherFields.place, place))
      return { ok: false, reason: `--place must be a place name, not "${place}"` }
    out.place = place.trim()
    // a name alone is looked up at start; with --lat/--lon it only labels them
    if (lat === undefined) {
      out.latitude = null
      out.longitude = null
    }
  }
  return { ok: true, value: out }
}

/** `--lon -3.70` as `--lon=-3.70`: parseArgs would take a negative number for a flag. */
export function joinNegativeCoordinates(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1]
    if ((argv[i] === '--lat' || argv[i] === '--lon') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`)
      i++
    } else out.push(argv[i])
  }
  return out
}
