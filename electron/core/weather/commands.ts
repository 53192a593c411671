import type { ServiceHandlers } from '../commands'
import type { WeatherService } from './service'

type WeatherHandlers = Pick<
  ServiceHandlers,
  'weather:get-state' | 'weather:search-place' | 'weather:set-place' | 'weather:refresh'
>

/** The weather card's commands: its state, the place search, choosing a place, a fresh reading. */
export function weatherHandlers(weather: WeatherService): WeatherHandlers {
  return {
    'weather:get-state': async () => weather.state(),
    'weather:search-place': (q) => weather.searchPlace(q),
    'weather:set-place': (place) => weather.setPlace(place),
    'weather:refresh': () => weather.refresh()
  }
}
