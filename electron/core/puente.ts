import { BoardService } from './board/service'
import { Hub, type HubOptions } from './hub'
import type { Service } from './service'
import { WeatherService } from './weather/service'
import { ClassroomService } from './classroom/service'
import { ProfilesService } from './profiles/service'

/** What both hosts pass to start Puente's core. */
export type PuenteOptions = Omit<HubOptions, 'services'>

/** Builds every background service; each part of Puente adds its own here. */
function createServices(): Service[] {
  return [new BoardService(), new WeatherService(), new ClassroomService(), new ProfilesService()]
}

/** Starts the whole core (hub and services) the same way under Electron and the web host. */
export function startPuente(opts: PuenteOptions): Promise<Hub> {
  return Hub.start({ ...opts, services: createServices() })
}
