import type { Hub } from '../hub'
import type { Handlers } from '../commands'
import { problem, PuenteError } from '../util/problem'
import { searchPlaces } from './openmeteo'
import type { WeatherService } from './service'

type WeatherHandlers = Pick<
  Handlers,
  'weather:get-state' | 'weather:search-place' | 'weather:set-place' | 'weather:refresh'
>

/** The weather card's commands: its state, the place search, choosing a place, a fresh reading. */
export function weatherHandlers(hub: Hub): WeatherHandlers {
  // looked up on each call: the hub builds its handlers before it starts its services
  const service = (): WeatherService => {
    const s = hub.service<WeatherService>('weather')
    if (!s) throw new PuenteError(problem('weather-off', 'The weather part is not running.'))
    return s
  }
  return {
    'weather:get-state': async () => service().state(),
    'weather:search-place': async ({ name, language, count }) => {
      const w = hub.settings.weather
      return searchPlaces(w.geocodingUrl, name, language, count, {
        timeoutMs: w.timeoutSeconds * 1000
      })
    },
    'weather:set-place': async ({ name, latitude, longitude }) => {
      await hub.updateSettings({ weather: { place: name, latitude, longitude } })
      return service().state()
    },
    'weather:refresh': () => service().refresh()
  }
}
