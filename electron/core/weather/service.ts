import type {
  CommandArgs,
  PlaceSuggestion,
  Problem,
  Settings,
  WeatherPlace,
  WeatherState
} from '../../contract'
import type { ServiceContext } from '../context'
import type { Service } from '../service'
import { errorText, problem, PuenteError } from '../util/problem'
import {
  fetchKey,
  geocode,
  needsGeocoding,
  placeInForce,
  readingMessage,
  requestTopic,
  restoredReason,
  searchPlace,
  type Geocoded
} from './rules'
import { fetchForecast, WeatherFetchError } from './openmeteo'
import { MAX_TODAY, samePlace, todayOnly, WeatherStore, type WeatherMemory } from './store'
import { backoffDelay } from '../../shared/backoff'

/** What the weather part uses of the hub (and where it keeps its last reading). */
export type WeatherContext = Pick<ServiceContext, 'settings' | 'events' | 'publish'> & {
  readonly dataDir: string
}

/**
 * The weather part: fetches the current temperature from Open-Meteo on a schedule (and when the
 * place changes or someone asks on `<topic>/pedir`), backs off on failure, keeps the last good
 * reading (also across restarts, in weather.json) and publishes it retained, marked stale with
 * the reason when fetching fails.
 */
export class WeatherService implements Service {
  readonly name = 'weather'
  private store!: WeatherStore
  private memory: WeatherMemory = { reading: null, today: [] }
  private stale = false
  private reason: Problem | undefined
  private lastFetch: string | undefined
  private nextDue: number | undefined
  private fetching = false
  private timer: NodeJS.Timeout | undefined
  private inflight: Promise<void> | undefined
  /** Settings changed during a fetch: fetch again when it ends. */
  private again = false
  private failures = 0
  /** No request before this time (a server's Retry-After). */
  private holdUntil = 0
  private lastRequest = Number.NEGATIVE_INFINITY
  private geocoded: Geocoded | undefined
  private key = ''
  private interval = 0
  private published = { topic: '', text: '' }
  private stopped = false
  private readonly stopping = new AbortController()
  private offs: (() => void)[] = []
  private saving: Promise<void> = Promise.resolve()

  constructor(private readonly ctx: WeatherContext) {}

  async start(): Promise<void> {
    this.store = new WeatherStore(this.ctx.dataDir)
    this.memory = await this.store.load()
    this.key = fetchKey(this.settings)
    this.interval = this.settings.intervalSeconds
    const r = this.memory.reading
    const place = this.place()
    if (r && (place ? samePlace(place, r) : this.settings.place === r.name)) {
      this.stale = true
      this.reason = restoredReason(r)
    } else this.memory = { reading: null, today: [] }
    this.offs.push(
      this.ctx.settings.onChange(() => this.onSettings()),
      this.ctx.events.on('mqtt:status', (s) => {
        if (s.state !== 'connected') return
        this.published = { topic: '', text: '' }
        void this.publishCurrent()
      })
    )
    void this.publishCurrent()
    // never awaited: an unreachable Open-Meteo must not delay `ready`
    if (place || needsGeocoding(this.settings, this.geocoded)) this.schedule(0)
    else this.emitState()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    this.stopping.abort()
    for (const off of this.offs) off()
    await this.inflight?.catch(() => undefined)
    await this.saving
  }

  subscriptions(): Iterable<string> {
    return [requestTopic(this.ctx.settings.current.topics.temperature)]
  }

  onMessage(topic: string): void {
    if (topic !== requestTopic(this.ctx.settings.current.topics.temperature)) return
    const now = Date.now()
    const limit = this.settings.requestLimitSeconds * 1000
    if (now - this.lastRequest < limit || now < this.holdUntil || this.inflight || !this.place())
      return
    this.lastRequest = now
    void this.fetchNow()
  }

  /** What the weather card shows. */
  state(): WeatherState {
    return {
      place: this.place(),
      reading: this.memory.reading,
      stale: this.stale,
      ...(this.reason && { reason: this.reason }),
      ...(this.lastFetch && { lastFetch: this.lastFetch }),
      ...(this.nextDue !== undefined && { nextFetch: new Date(this.nextDue).toISOString() }),
      fetching: this.fetching,
      today: todayOnly(this.memory.today)
    }
  }

  /** Looks a place name up for the window's place search. */
  searchPlace(q: CommandArgs<'weather:search-place'>): Promise<PlaceSuggestion[]> {
    return searchPlace(this.settings, q)
  }

  /** Saves the place chosen in the window (a fetch for it follows the settings change). */
  async setPlace(p: CommandArgs<'weather:set-place'>): Promise<WeatherState> {
    const { name: place, ...where } = p
    await this.ctx.settings.update({ weather: { place, ...where } })
    return this.state()
  }

  /** A fetch asked for in the window: joins one under way, waits out a server's Retry-After. */
  async refresh(): Promise<WeatherState> {
    if (Date.now() >= this.holdUntil) await this.fetchNow()
    return this.state()
  }

  /** Fetches now unless a fetch is under way (then waits for that one): never two at once. */
  fetchNow(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (!this.inflight) {
      this.inflight = this.attempt().finally(() => {
        this.inflight = undefined
        if (this.again && !this.stopped) {
          this.again = false
          void this.fetchNow()
        }
      })
    }
    return this.inflight
  }

  private get settings(): Settings['weather'] {
    return this.ctx.settings.current.weather
  }

  private place(): WeatherPlace | null {
    return placeInForce(this.settings, this.geocoded)
  }

  private onSettings(): void {
    if (this.stopped) return
    const key = fetchKey(this.settings)
    const interval = this.settings.intervalSeconds
    if (key !== this.key) {
      this.key = key
      this.failures = 0
      const place = this.place()
      if (this.memory.reading && !(place && samePlace(place, this.memory.reading))) {
        this.memory = { reading: null, today: [] }
        this.stale = false
        this.reason = undefined
      }
      if (this.inflight) this.again = true
      else if (place || needsGeocoding(this.settings, this.geocoded)) this.schedule(0)
      else {
        clearTimeout(this.timer)
        this.nextDue = undefined
        this.emitState()
      }
    } else if (
      interval !== this.interval &&
      this.failures === 0 &&
      this.nextDue !== undefined &&
      !this.inflight
    ) {
      const last = this.memory.reading ? Date.parse(this.memory.reading.fetchedAt) : Date.now()
      this.schedule(Math.max(0, last + interval * 1000 - Date.now()))
    }
    this.interval = interval
    void this.publishCurrent() // the temperature topic may have been renamed
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer)
    if (this.stopped) return
    this.nextDue = Date.now() + delayMs
    this.timer = setTimeout(() => void this.fetchNow(), delayMs)
    this.emitState()
  }

  private async attempt(): Promise<void> {
    clearTimeout(this.timer)
    this.nextDue = undefined
    const w = this.settings
    const key = fetchKey(this.settings)
    const opts = { timeoutMs: w.timeoutSeconds * 1000, signal: this.stopping.signal }
    if (!this.place() && !needsGeocoding(this.settings, this.geocoded)) return this.emitState()
    this.fetching = true
    this.emitState()
    try {
      let place = this.place()
      if (!place) {
        this.geocoded = await geocode(w, opts)
        place = this.geocoded.place
      }
      const reading = await fetchForecast(w.forecastUrl, place, w.unit, opts)
      if (this.stopped) return
      if (key !== fetchKey(this.settings)) {
        this.again = true
        return
      }
      this.failures = 0
      this.holdUntil = 0
      this.stale = false
      this.reason = undefined
      const point = { t: reading.fetchedAt, temperature: reading.temperature, unit: reading.unit }
      this.memory = { reading, today: [...todayOnly(this.memory.today), point].slice(-MAX_TODAY) }
      this.persist()
      this.published = { topic: '', text: '' } // a fresh reading is published even when unchanged
      this.schedule(w.intervalSeconds * 1000)
    } catch (err) {
      if (this.stopped) return
      this.failures++
      this.reason =
        err instanceof PuenteError
          ? err.problem
          : problem('weather-failed', `Fetching the weather failed: ${errorText(err)}`, {
              reason: errorText(err)
            })
      this.stale = !!this.memory.reading
      let delay = backoffDelay(
        { minMs: w.retryMinSeconds * 1000, maxMs: w.retryMaxSeconds * 1000 },
        this.failures
      )
      const retryAfter = err instanceof WeatherFetchError ? err.retryAfterMs : undefined
      if (retryAfter !== undefined) {
        delay = Math.max(delay, retryAfter)
        this.holdUntil = Date.now() + retryAfter
      }
      if (!(err instanceof WeatherFetchError)) console.error('weather: unexpected failure:', err)
      this.schedule(delay)
    } finally {
      this.fetching = false
      this.lastFetch = new Date().toISOString()
      if (!this.stopped) {
        this.emitState()
        // not awaited: the broker's ack must not keep this fetch "under way"
        void this.publishCurrent()
      }
    }
  }

  /** Saves the memory in the background, one write after another. */
  private persist(): void {
    const memory = this.memory
    this.saving = this.saving
      .then(() => this.store.save(memory))
      .catch((err) => console.error('weather: cannot save weather.json:', err))
  }

  /** Publishes the reading, retained (stale with its reason when it is); once per change. */
  private async publishCurrent(): Promise<void> {
    const r = this.memory.reading
    if (!r || this.stopped) return
    const text = readingMessage(r, this.stale, this.reason)
    const topic = this.ctx.settings.current.topics.temperature
    if (this.published.topic === topic && this.published.text === text) return
    const before = this.published
    this.published = { topic, text }
    try {
      await this.ctx.publish(topic, Buffer.from(text), 1, true) // QoS 1, retained
    } catch {
      // not connected: published again when the link connects
      if (this.published.text === text) this.published = before
    }
  }

  private emitState(): void {
    if (!this.stopped) this.ctx.events.emit('weather:state', this.state())
  }
}
