import type {
  PlaceSuggestion,
  Problem,
  WeatherPlace,
  WeatherSettings,
  WeatherState
} from '../../../electron/contract'
import { api, follow } from './api'
import { locale } from './i18n/index.svelte'
import { settings } from './settings.svelte'

/** The weather card's state, kept in step with the core, and its actions. */
class WeatherModel {
  state = $state.raw<WeatherState | undefined>()
  suggestions = $state.raw<PlaceSuggestion[]>([])
  searching = $state(false)
  /** The text the suggestions are for ('' when none were asked). */
  searchedFor = $state('')
  /** The last refused or failed action, in words. */
  problem = $state.raw<Problem | undefined>()
  private searchSeq = 0

  /** Subscribes to the core's weather events and loads the state; returns the cleanup. */
  start(): () => void {
    return follow('weather:get-state', 'weather:state', (s) => (this.state = s))
  }

  /** Asks Open-Meteo's geocoding for places named like `name`; older answers are dropped. */
  async search(name: string): Promise<void> {
    const seq = ++this.searchSeq
    const text = name.trim()
    if (text.length < 2) {
      this.suggestions = []
      this.searchedFor = ''
      this.searching = false
      return
    }
    this.searching = true
    const r = await api.invoke('weather:search-place', { name: text, language: locale(), count: 8 })
    if (seq !== this.searchSeq) return
    this.searching = false
    this.searchedFor = text
    this.suggestions = r.ok ? r.value : []
    this.problem = r.ok ? undefined : r.error
  }

  /** Forgets the suggestions (the list closes). */
  clearSuggestions(): void {
    this.searchSeq++
    this.suggestions = []
    this.searchedFor = ''
    this.searching = false
  }

  /** Makes `place` the one whose temperature is fetched (at once) and published. */
  async choose(place: WeatherPlace): Promise<void> {
    this.clearSuggestions()
    const r = await api.invoke('weather:set-place', {
      name: place.name,
      country: place.country ?? '',
      admin1: place.admin1 ?? '',
      latitude: place.latitude,
      longitude: place.longitude
    })
    this.problem = r.ok ? undefined : r.error
    if (r.ok) this.state = r.value
  }

  /** A fresh reading now (the button's progress follows `state.fetching`). */
  async refresh(): Promise<void> {
    const r = await api.invoke('weather:refresh')
    this.problem = r.ok ? undefined : r.error
    if (r.ok) this.state = r.value
  }

  /** The weather settings in force. */
  get settings(): WeatherSettings | undefined {
    return settings.current?.weather
  }

  /** Changes the interval or the unit. */
  async update(patch: Partial<Pick<WeatherSettings, 'intervalSeconds' | 'unit'>>): Promise<void> {
    this.problem = await settings.update({ weather: patch })
  }
}

export const weather = new WeatherModel()
