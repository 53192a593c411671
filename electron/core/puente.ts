import { BoardService } from './board/service'
import { createVirtualRuntime } from './board/virtual/create'
import { VIRTUAL_PATH } from './board/virtual/link'
import { VirtualService } from './board/virtual/service'
import { Hub, type HubOptions } from './hub'
import type { Service } from './service'
import { WeatherService } from './weather/service'
import { ClassroomService } from './classroom/service'
import { ProfilesService } from './profiles/service'

/** What both hosts pass to start Puente's core. */
export type PuenteOptions = Omit<HubOptions, 'services'> & {
  /** --board-dir: the virtual board's folder (absent: settings decide). */
  boardDir?: string
}

/** Builds every background service; each part of Puente adds its own here. */
function createServices(opts: PuenteOptions): Service[] {
  const cliVirtual = opts.overrides?.board?.serial === VIRTUAL_PATH
  // before the board bridge: it opens the virtual board's link when serial is 'virtual'
  const virtual = new VirtualService({
    boardDir: opts.boardDir,
    firmware: cliVirtual && !opts.boardDir,
    autoRun: cliVirtual || !!opts.boardDir,
    createRuntime: createVirtualRuntime
  })
  return [
    virtual, // virtual board (issue 9)
    new BoardService({ links: { [VIRTUAL_PATH]: virtual.linkFactory } }), // board (issue 4)
    new WeatherService(), // weather (issue 5)
    new ClassroomService(), // class broker (issue 6)
    new ProfilesService() // profiles (issue 6)
  ]
}

/** Starts the whole core (hub and services) the same way under Electron and the web host. */
export function startPuente(opts: PuenteOptions): Promise<Hub> {
  return Hub.start({ ...opts, services: createServices(opts) })
}
