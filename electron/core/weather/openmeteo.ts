import * as v from 'valibot'
import type { PlaceSuggestion, Problem, WeatherPlace, WeatherReading } from '../../contract'
import { problem, PuenteError } from '../util/problem'
import { implausible, MAX_BODY_BYTES, readCapped } from './limits'

/** Why a request to Open-Meteo failed; the scheduler backs off on every kind. */
export type FailureKind = 'timeout' | 'network' | 'http' | 'rate-limited' | 'malformed'

/** A failed Open-Meteo request: the reason in words, and how long the server asked us to wait. */
export class WeatherFetchError extends PuenteError {
  constructor(
    p: Problem,
    readonly kind: FailureKind,
    /** From a Retry-After header (429 or 503), in milliseconds. */
    readonly retryAfterMs?: number
  ) {
    super(p)
  }
}

export interface RequestOptions {
  timeoutMs: number
  /** Aborts the request when Puente stops. */
  signal?: AbortSignal
}

const finite = (what: string): v.GenericSchema<unknown, number> =>
  v.pipe(v.number(`${what} should be a number`), v.finite(`${what} should be a finite number`))

const ForecastSchema = v.object(
  {
    latitude: finite('latitude'),
    longitude: finite('longitude'),
    utc_offset_seconds: v.optional(finite('utc_offset_seconds'), 0),
    timezone: v.optional(v.string()),
    current_units: v.optional(v.object({ temperature_2m: v.optional(v.string()) })),
    current: v.object(
      {
        time: v.pipe(
          v.string('current.time should be a text'),
          v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'current.time should be an ISO time')
        ),
        temperature_2m: finite('current.temperature_2m')
      },
      'the `current` block is missing'
    )
  },
  'the answer is not a JSON object'
)

const GeocodingSchema = v.object(
  {
    results: v.optional(
      v.array(
        v.object({
          id: v.number(),
          name: v.string(),
          latitude: finite('latitude'),
          longitude: finite('longitude'),
          elevation: v.optional(v.nullable(v.number())),
          country_code: v.optional(v.string()),
          country: v.optional(v.string()),
          admin1: v.optional(v.string()),
          timezone: v.optional(v.string()),
          population: v.optional(v.number())
        })
      ),
      []
    )
  },
  'the answer is not a JSON object'
)

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** What a valibot issue means, as a short sentence about the answer. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue)
  if (issue.received === 'undefined' && path) return `${path} is missing`
  if (path && issue.kind === 'schema' && !issue.message.startsWith(path))
    return `${path}: ${issue.message}`
  return issue.message
}

/** GETs `url` and returns its JSON; every failure becomes a WeatherFetchError in words. */
async function getJson(url: URL, opts: RequestOptions, service: string): Promise<unknown> {
  const timeout = AbortSignal.timeout(opts.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout
  const where = { service, host: url.host }
  let res: Response
  let text: string | undefined
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } })
    text = await readCapped(res, MAX_BODY_BYTES)
  } catch (err) {
    if (timeout.aborted) {
      const seconds = Math.round(opts.timeoutMs / 100) / 10
      throw new WeatherFetchError(
        problem('weather-timeout', `${service} (${url.host}) did not answer within ${seconds} s.`, {
          ...where,
          seconds
        }),
        'timeout'
      )
    }
    if (opts.signal?.aborted)
      throw new WeatherFetchError(problem('weather-stopped', 'Puente is stopping.'), 'network')
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    const reason = cause?.code ?? cause?.message ?? (err as Error).message
    throw new WeatherFetchError(
      problem(
        'weather-network',
        `${service} (${url.host}) cannot be reached: ${reason}. Is this computer online?`,
        {
          ...where,
          reason
        }
      ),
      'network'
    )
  }
  if (text === undefined)
    throw new WeatherFetchError(
      problem(
        'weather-malformed',
        `${service} (${url.host}) sent an answer larger than 64 KB: not one Puente can use.`,
        { ...where, reason: 'larger than 64 KB' }
      ),
      'malformed'
    )
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'))
  if (res.status === 429) {
    const seconds = retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : 0
    throw new WeatherFetchError(
      problem(
        'weather-rate-limited',
        `${service} (${url.host}) asks Puente to slow down (HTTP 429)${seconds ? `: retrying in ${seconds} s` : ''}.`,
        { ...where, seconds }
      ),
      'rate-limited',
      retryAfterMs
    )
  }
  if (!res.ok) {
    let detail = ''
    try {
      const body = JSON.parse(text) as { reason?: unknown }
      if (typeof body.reason === 'string') detail = `: ${body.reason.slice(0, 200)}`
    } catch {
      // not JSON: the status is all we can say
    }
    throw new WeatherFetchError(
      problem('weather-http', `${service} (${url.host}) answered HTTP ${res.status}${detail}.`, {
        ...where,
        status: res.status,
        reason: detail.slice(2)
      }),
      'http',
      retryAfterMs
    )
  }
  try {
    return JSON.parse(text)
  } catch {
    const type = res.headers.get('content-type')?.split(';')[0] ?? 'no content type'
    const start = text.trim().slice(0, 40).replace(/\s+/g, ' ')
    throw new WeatherFetchError(
      problem(
        'weather-malformed',
        `${service} (${url.host}) sent something that is not JSON (${type}: "${start}").`,
        {
          ...where,
          reason: `not JSON (${type})`
        }
      ),
      'malformed'
    )
  }
}

/** Validates a parsed answer, or throws a `weather-malformed` error naming the bad field. */
function validate<S extends v.GenericSchema>(
  schema: S,
  body: unknown,
  url: URL,
  service: string
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, body)
  if (parsed.success) return parsed.output
  const reason = describeIssue(parsed.issues[0])
  throw new WeatherFetchError(
    problem(
      'weather-malformed',
      `${service} (${url.host}) sent an answer Puente cannot use: ${reason}.`,
      {
        service,
        host: url.host,
        reason
      }
    ),
    'malformed'
  )
}

/** Open-Meteo's local `current.time` with the place's UTC offset, so it is a complete ISO time. */
function withOffset(time: string, offsetSeconds: number): string {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(time)) return time
  const full = /T\d{2}:\d{2}$/.test(time) ? `${time}:00` : time
  const sign = offsetSeconds < 0 ? '-' : '+'
  const abs = Math.abs(offsetSeconds)
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0')
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0')
  return `${full}${sign}${hh}:${mm}`
}

/** The current temperature at `place` from the forecast API (`current=temperature_2m`). */
export async function fetchForecast(
  baseUrl: string,
  place: WeatherPlace,
  unit: 'celsius' | 'fahrenheit',
  opts: RequestOptions
): Promise<WeatherReading> {
  const url = new URL(baseUrl)
  url.searchParams.set('latitude', String(place.latitude))
  url.searchParams.set('longitude', String(place.longitude))
  url.searchParams.set('current', 'temperature_2m')
  url.searchParams.set('temperature_unit', unit)
  url.searchParams.set('timezone', 'auto')
  const service = 'Open-Meteo'
  const body = validate(ForecastSchema, await getJson(url, opts, service), url, service)
  const shown = body.current_units?.temperature_2m
  const fahrenheit = shown === '°F' || (!shown && unit === 'fahrenheit')
  const t = body.current.temperature_2m
  const reason = implausible(t, fahrenheit)
  if (reason)
    throw new WeatherFetchError(
      problem(
        'weather-malformed',
        `${service} (${url.host}) sent an answer Puente cannot use: ${reason}.`,
        { service, host: url.host, reason }
      ),
      'malformed'
    )
  return {
    temperature: t,
    unit: fahrenheit ? '°F' : '°C',
    time: withOffset(body.current.time, body.utc_offset_seconds),
    name: place.name,
    latitude: place.latitude,
    longitude: place.longitude,
    ...(place.country && { country: place.country }),
    ...(place.admin1 && { admin1: place.admin1 }),
    fetchedAt: new Date().toISOString()
  }
}

/** Places matching `name` from the geocoding API (none is an empty list, not an error). */
export async function searchPlaces(
  baseUrl: string,
  name: string,
  language: 'es' | 'en',
  count: number,
  opts: RequestOptions
): Promise<PlaceSuggestion[]> {
  const url = new URL(baseUrl)
  url.searchParams.set('name', name)
  url.searchParams.set('count', String(count))
  url.searchParams.set('language', language)
  url.searchParams.set('format', 'json')
  const service = 'Open-Meteo geocoding'
  const body = validate(GeocodingSchema, await getJson(url, opts, service), url, service)
  return body.results.map((r) => ({
    id: r.id,
    name: r.name,
    latitude: r.latitude,
    longitude: r.longitude,
    ...(r.country !== undefined && { country: r.country }),
    ...(r.country_code !== undefined && { countryCode: r.country_code }),
    ...(r.admin1 !== undefined && { admin1: r.admin1 }),
    ...(r.timezone !== undefined && { timezone: r.timezone }),
    ...(r.population !== undefined && { population: r.population }),
    ...(typeof r.elevation === 'number' && { elevation: r.elevation })
  }))
}
