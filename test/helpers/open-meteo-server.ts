import { readFileSync } from 'node:fs'
import http from 'node:http'
import type net from 'node:net'
import path from 'node:path'

const FIXTURES = path.resolve(__dirname, '../fixtures/open-meteo')
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>

/** What the server can be told to do wrong, on the endpoint(s) chosen. */
export type Fault =
  | 'hang' // accept the request and never answer
  | '500'
  | '429' // with Retry-After
  | 'html' // 200 with an HTML page instead of JSON
  | 'no-current' // JSON without the `current` block
  | 'nan-temperature' // current.temperature_2m is not a number
  | 'hot' // current.temperature_2m is 75 °C, more than anywhere on Earth
  | 'huge' // a valid answer padded to 50 MB

/** One request as the server saw it. */
export interface LoggedRequest {
  /** Date.now() when the request arrived. */
  at: number
  endpoint: 'forecast' | 'geocoding' | 'other'
  params: Record<string, string>
  /** The status sent, or 'hang'. */
  status: number | 'hang'
}

const PLACES = [
  { file: 'forecast-madrid.json', latitude: 40.4165, longitude: -3.70256 },
  { file: 'forecast-sevilla.json', latitude: 37.38283, longitude: -5.97317 }
]

/**
 * A local stand-in for Open-Meteo (forecast at /v1/forecast, geocoding at /v1/search) that
 * replays the recorded-format fixtures in test/fixtures/open-meteo, can be told to fail in the
 * ways the real service does, and keeps a log of every request with its time.
 */
export class OpenMeteoServer {
  readonly log: LoggedRequest[] = []
  private server: http.Server | undefined
  private sockets = new Set<net.Socket>()
  private hanging = new Set<http.ServerResponse>()
  private fault:
    { kind: Fault; endpoint: 'forecast' | 'geocoding' | 'both'; retryAfter: number } | undefined
  port = 0

  get forecastUrl(): string {
    return `http://127.0.0.1:${this.port}/v1/forecast`
  }

  get geocodingUrl(): string {
    return `http://127.0.0.1:${this.port}/v1/search`
  }

  /** Listens on a free port on 127.0.0.1. */
  async start(): Promise<this> {
    const server = http.createServer((req, res) => this.answer(req, res))
    server.on('connection', (s) => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    this.port = (server.address() as net.AddressInfo).port
    this.server = server
    return this
  }

  /** Fails every following request to `endpoint` with `kind` until heal(). */
  fail(
    kind: Fault,
    opts: { endpoint?: 'forecast' | 'geocoding' | 'both'; retryAfter?: number } = {}
  ): void {
    this.fault = { kind, endpoint: opts.endpoint ?? 'forecast', retryAfter: opts.retryAfter ?? 1 }
  }

  /** Answers normally again (requests left hanging stay hung: their client has timed out). */
  heal(): void {
    this.fault = undefined
  }

  /** Requests held open by the 'hang' fault right now (their client has not given up yet). */
  get hangingNow(): number {
    return this.hanging.size
  }

  /** The logged forecast requests (what the scheduler fetched). */
  forecasts(): LoggedRequest[] {
    return this.log.filter((r) => r.endpoint === 'forecast')
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy()
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve()
    )
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x')
    const endpoint =
      url.pathname === '/v1/forecast'
        ? 'forecast'
        : url.pathname === '/v1/search'
          ? 'geocoding'
          : 'other'
    const entry: LoggedRequest = {
      at: Date.now(),
      endpoint,
      params: Object.fromEntries(url.searchParams),
      status: 200
    }
    this.log.push(entry)
    const send = (
      status: number,
      body: string,
      type = 'application/json; charset=utf-8',
      headers = {}
    ): void => {
      entry.status = status
      res.writeHead(status, { 'content-type': type, ...headers })
      res.end(body)
    }
    if (endpoint === 'other') return send(404, JSON.stringify({ error: true, reason: 'Not Found' }))
    const f = this.fault
    const faulty = f && (f.endpoint === 'both' || f.endpoint === endpoint)
    if (faulty && f.kind === 'hang') {
      entry.status = 'hang'
      this.hanging.add(res)
      res.on('close', () => this.hanging.delete(res))
      return
    }
    if (faulty && f.kind === '500') return send(500, 'Internal Server Error', 'text/plain')
    if (faulty && f.kind === '429')
      return send(
        429,
        JSON.stringify({
          error: true,
          reason: 'Minutely API request limit exceeded. Please try again in one minute.'
        }),
        undefined,
        { 'retry-after': String(f.retryAfter) }
      )
    if (faulty && f.kind === 'html')
      return send(
        200,
        '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
        'text/html'
      )
    if (endpoint === 'geocoding') {
      const name = (url.searchParams.get('name') ?? '').toLowerCase()
      const file =
        'madrid'.startsWith(name.slice(0, 6)) && name.length >= 2
          ? 'geocoding-madrid.json'
          : 'sevilla'.startsWith(name.slice(0, 7)) && name.length >= 2
            ? 'geocoding-sevilla.json'
            : 'geocoding-none.json'
      return send(200, JSON.stringify(fixture(file)))
    }
    const lat = Number(url.searchParams.get('latitude'))
    const lon = Number(url.searchParams.get('longitude'))
    if (!Number.isFinite(lat) || !Number.isFinite(lon))
      return send(
        400,
        JSON.stringify({ error: true, reason: 'Parameter latitude and longitude must be given' })
      )
    const nearest = [...PLACES].sort(
      (a, b) =>
        Math.hypot(a.latitude - lat, a.longitude - lon) -
        Math.hypot(b.latitude - lat, b.longitude - lon)
    )[0]
    const body = fixture(nearest.file) as {
      current?: { temperature_2m: unknown }
      current_units?: { temperature_2m: string }
    }
    if (
      url.searchParams.get('temperature_unit') === 'fahrenheit' &&
      body.current &&
      body.current_units
    ) {
      body.current.temperature_2m =
        Math.round((((body.current.temperature_2m as number) * 9) / 5) * 10 + 320) / 10
      body.current_units.temperature_2m = '°F'
    }
    if (faulty && f.kind === 'no-current') {
      delete body.current
      delete body.current_units
    }
    if (faulty && f.kind === 'nan-temperature' && body.current) body.current.temperature_2m = 'n/a'
    if (faulty && f.kind === 'hot' && body.current) body.current.temperature_2m = 75
    if (faulty && f.kind === 'huge') {
      // streamed in 1 MB pieces: the server never holds 50 MB, a reader without a cap would
      entry.status = 200
      res.writeHead(200, { 'content-type': 'application/json' })
      const json = JSON.stringify(body)
      const pad = Buffer.alloc(1024 * 1024, 0x20)
      let left = 50
      const more = (): void => {
        while (left > 0) {
          left--
          if (!res.write(pad)) return void res.once('drain', more)
        }
        res.end(json)
      }
      res.on('error', () => undefined)
      return more()
    }
    send(200, JSON.stringify(body))
  }
}
