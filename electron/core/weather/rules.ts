// The weather part's rules apart from its schedule: the place in force, what a reading depends
// on, the place lookup, and the topic and message it publishes.
import type {
  CommandArgs,
  PlaceSuggestion,
  Problem,
  Settings,
  WeatherPlace,
  WeatherReading
} from '../../contract'
import { problem } from '../util/problem'
import { searchPlaces, WeatherFetchError } from './openmeteo'

type WeatherSettings = Settings['weather']

/** The topic on which anyone may ask for a fresh reading. */
export function requestTopic(temperatureTopic: string): string {
  return `${temperatureTopic}/pedir`
}

/** A place name looked up once (`--place Madrid`), remembered with the name asked for. */
export interface Geocoded {
  query: string
  place: WeatherPlace
}

/** The place in force: coordinates from settings, or the geocoded `--place` name. */
export function placeInForce(w: WeatherSettings, geocoded?: Geocoded): WeatherPlace | null {
  if (w.latitude !== null && w.longitude !== null)
    return {
      name: w.place || `${w.latitude}, ${w.longitude}`,
      latitude: w.latitude,
      longitude: w.longitude,
      ...(w.country && { country: w.country }),
      ...(w.admin1 && { admin1: w.admin1 })
    }
  if (w.place && geocoded?.query === w.place) return geocoded.place
  return null
}

/** A place given by name only (`--place Madrid`): it is looked up before the first fetch. */
export function needsGeocoding(w: WeatherSettings, geocoded?: Geocoded): boolean {
  return !!w.place && (w.latitude === null || w.longitude === null) && geocoded?.query !== w.place
}

/** What a reading depends on: when it changes, the reading in hand is for something else. */
export function fetchKey(w: WeatherSettings): string {
  return JSON.stringify([w.place, w.latitude, w.longitude, w.unit, w.forecastUrl, w.geocodingUrl])
}

/** Looks the settings' place name up on Open-Meteo; an unknown name fails in words. */
export async function geocode(
  w: WeatherSettings,
  opts: { timeoutMs: number; signal: AbortSignal }
): Promise<Geocoded> {
  const found = await searchPlaces(w.geocodingUrl, w.place, 'es', 1, opts)
  if (!found.length)
    throw new WeatherFetchError(
      problem(
        'weather-place-unknown',
        `Open-Meteo does not know a place called "${w.place}". Choose one in the window.`,
        { place: w.place }
      ),
      'malformed'
    )
  const f = found[0]
  const { latitude, longitude, country, admin1 } = f
  return { query: w.place, place: { name: w.place, latitude, longitude, country, admin1 } }
}

/** The retained message on the temperature topic: the reading, marked stale with the reason. */
export function readingMessage(r: WeatherReading, stale: boolean, reason?: Problem): string {
  return JSON.stringify({
    temperature: r.temperature,
    unit: r.unit,
    time: r.time,
    place: r.name,
    country: r.country ?? '',
    admin1: r.admin1 ?? '',
    latitude: r.latitude,
    longitude: r.longitude,
    ...(stale && { stale: true, reason: reason?.message ?? 'not refreshed' })
  })
}

/** Why a reading restored from weather.json is shown stale until a fresh one arrives. */
export function restoredReason(r: WeatherReading): Problem {
  return problem(
    'weather-restored',
    `This reading is from ${r.fetchedAt}, before Puente restarted; a fresh one is on its way.`,
    { at: r.fetchedAt }
  )
}

/** The window's place search, with the timeout of the settings. */
export function searchPlace(
  w: WeatherSettings,
  q: CommandArgs<'weather:search-place'>
): Promise<PlaceSuggestion[]> {
  return searchPlaces(w.geocodingUrl, q.name, q.language, q.count, {
    timeoutMs: w.timeoutSeconds * 1000
  })
}
