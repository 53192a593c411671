/** The weather: Open-Meteo's place, schedule and endpoints, and the card's state. */
import * as v from 'valibot'
import { EmptySchema, HttpUrlSchema, type Problem } from './fields'

/** Latitude and longitude are -MAX..MAX degrees. */
export const MAX_LATITUDE = 90
export const MAX_LONGITUDE = 180
/** The shortest and longest seconds between fetches. */
export const MIN_INTERVAL_SECONDS = 1
export const MAX_INTERVAL_SECONDS = 86_400

/** A coordinate in -max..max degrees; null while no place is chosen. */
function degrees(name: string, max: number): v.GenericSchema<number | null> {
  const reason = `${name} is -${max}..${max}`
  return v.nullable(v.pipe(v.number(), v.minValue(-max, reason), v.maxValue(max, reason)))
}

/** The weather's fields, each as a form or the command line validates it. */
export const weatherFields = {
  /** The place's name as shown (the geocoding result, or what the teacher typed). */
  place: v.pipe(v.string(), v.maxLength(200, 'the place name is too long')),
  /** The place's country and region (Open-Meteo's `admin1`): "Sevilla" alone is not enough. */
  country: v.pipe(v.string(), v.maxLength(100, 'the country name is too long')),
  admin1: v.pipe(v.string(), v.maxLength(100, 'the region name is too long')),
  latitude: degrees('latitude', MAX_LATITUDE),
  longitude: degrees('longitude', MAX_LONGITUDE),
  /** Seconds between fetches (Open-Meteo refreshes every 15 minutes). */
  intervalSeconds: v.pipe(
    v.number(),
    v.minValue(MIN_INTERVAL_SECONDS, `the interval is at least ${MIN_INTERVAL_SECONDS} s`),
    v.maxValue(MAX_INTERVAL_SECONDS)
  ),
  unit: v.picklist(['celsius', 'fahrenheit']),
  forecastUrl: HttpUrlSchema,
  geocodingUrl: HttpUrlSchema,
  timeoutSeconds: v.pipe(v.number(), v.minValue(0.05), v.maxValue(120)),
  /** Least seconds between two fetches asked for on the request topic (a class shares one API). */
  requestLimitSeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(86_400)),
  /** First wait after a failure; it doubles (with jitter) up to retryMaxSeconds. */
  retryMinSeconds: v.pipe(v.number(), v.minValue(0.05), v.maxValue(86_400)),
  retryMaxSeconds: v.pipe(v.number(), v.minValue(0.05), v.maxValue(86_400))
}
export const WeatherSettingsSchema = v.object({
  place: v.optional(weatherFields.place, ''),
  country: v.optional(weatherFields.country, ''),
  admin1: v.optional(weatherFields.admin1, ''),
  latitude: v.optional(weatherFields.latitude, null),
  longitude: v.optional(weatherFields.longitude, null),
  intervalSeconds: v.optional(weatherFields.intervalSeconds, 600),
  unit: v.optional(weatherFields.unit, 'celsius'),
  forecastUrl: v.optional(weatherFields.forecastUrl, 'https://api.open-meteo.com/v1/forecast'),
  geocodingUrl: v.optional(
    weatherFields.geocodingUrl,
    'https://geocoding-api.open-meteo.com/v1/search'
  ),
  timeoutSeconds: v.optional(weatherFields.timeoutSeconds, 10),
  requestLimitSeconds: v.optional(weatherFields.requestLimitSeconds, 30),
  retryMinSeconds: v.optional(weatherFields.retryMinSeconds, 30),
  retryMaxSeconds: v.optional(weatherFields.retryMaxSeconds, 3600)
})
export type WeatherSettings = v.InferOutput<typeof WeatherSettingsSchema>

/** A place as the weather part knows it. */
export interface WeatherPlace {
  name: string
  latitude: number
  longitude: number
  country?: string
  /** The region (province, state): Open-Meteo's first administrative level. */
  admin1?: string
}

/** One reading from Open-Meteo's forecast API (the `current` block). */
export interface WeatherReading extends WeatherPlace {
  temperature: number
  unit: '°C' | '°F'
  /** Open-Meteo's own time of the value, ISO with the place's UTC offset. */
  time: string
  /** When Puente received it (ISO). */
  fetchedAt: string
}

/** A suggestion from Open-Meteo's geocoding API. */
export interface PlaceSuggestion extends WeatherPlace {
  id: number
  country?: string
  countryCode?: string
  admin1?: string
  timezone?: string
  population?: number
  elevation?: number
}

/** Everything the weather card shows. */
export interface WeatherState {
  /** Null until the teacher chooses a place: then nothing is fetched. */
  place: WeatherPlace | null
  reading: WeatherReading | null
  /** True when the reading shown is not fresh (the last fetch failed, or it is from a previous run). */
  stale: boolean
  reason?: Problem
  /** The last attempt (ISO), whatever its outcome. */
  lastFetch?: string
  /** When the next fetch is due (ISO); none without a place. */
  nextFetch?: string
  fetching: boolean
  /** Today's readings (local day), oldest first, for the chart. */
  today: { t: string; temperature: number; unit: '°C' | '°F' }[]
}

export const weatherCommands = {
  'weather:get-state': EmptySchema,
  'weather:search-place': v.strictObject({
    name: v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, 'type a place name'),
      v.maxLength(100, 'the place name is too long')
    ),
    language: v.optional(v.picklist(['es', 'en']), 'es'),
    count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), 8)
  }),
  'weather:set-place': v.strictObject({
    name: weatherFields.place,
    country: v.optional(weatherFields.country, ''),
    admin1: v.optional(weatherFields.admin1, ''),
    latitude: v.nonNullable(weatherFields.latitude),
    longitude: v.nonNullable(weatherFields.longitude)
  }),
  'weather:refresh': EmptySchema
} as const

export interface WeatherResults {
  'weather:get-state': WeatherState
  'weather:search-place': PlaceSuggestion[]
  'weather:set-place': WeatherState
  'weather:refresh': WeatherState
}

export interface WeatherEvents {
  'weather:state': WeatherState
}
