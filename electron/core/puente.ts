import { boardHandlers } from './board/commands'
import { BoardService } from './board/service'
import { virtualHandlers } from './board/virtual/commands'
import { createVirtualRuntime } from './board/virtual/create'
import { VIRTUAL_PATH } from './board/virtual/link'
import { VirtualService } from './board/virtual/service'
import { classroomHandlers } from './classroom/commands'
import { ClassroomService } from './classroom/service'
import { historyHandlers, HistoryService } from './history/service'
import { Hub, type HubOptions } from './hub'
import { profileHandlers } from './profiles/commands'
import { ProfilesService } from './profiles/service'
import { weatherHandlers } from './weather/commands'
import { WeatherService } from './weather/service'

/** What both hosts pass to start Puente's core. */
export interface PuenteOptions extends HubOptions {
  /** The class password given on the command line (--lan-password): for this run, not saved. */
  lanPassword?: string
  /** --board-dir: the virtual board's folder (absent: settings decide). */
  boardDir?: string
}

/** Puente's background services, by name: each typed, for the hosts and tests that drive one. */
export type PuenteServices = {
  virtual: VirtualService
  board: BoardService
  weather: WeatherService
  classroom: ClassroomService
  profiles: ProfilesService
  history: HistoryService
}

/** The running core: the hub with Puente's services. */
export type Puente = Hub<PuenteServices>

/**
 * Starts the whole core the same way under Electron and the web host: the hub, then each
 * service with the part of the hub it uses, and each command wired to its service.
 */
export function startPuente(opts: PuenteOptions): Promise<Puente> {
  return Hub.start(opts, (hub) => {
    const ctx = hub.context
    const brokerAccess = {
      broker: () => hub.broker,
      brokerStatus: () => hub.brokerStatus
    }
    const cliVirtual = opts.overrides?.board?.serial === VIRTUAL_PATH
    const virtual = new VirtualService(
      { ...ctx, dataDir: opts.dataDir, brokerUrl: () => hub.brokerUrl },
      {
        boardDir: opts.boardDir,
        firmware: cliVirtual && !opts.boardDir,
        autoRun: cliVirtual || !!opts.boardDir,
        createRuntime: createVirtualRuntime
      }
    )
    const board = new BoardService(
      { ...ctx, requiredSerial: opts.overrides?.board?.serial },
      { links: { [VIRTUAL_PATH]: virtual.linkFactory } }
    )
    const weather = new WeatherService({ ...ctx, dataDir: opts.dataDir })
    const classroom = new ClassroomService({
      ...ctx,
      ...brokerAccess,
      secrets: hub.config.secrets,
      lanPassword: opts.lanPassword
    })
    const profiles = new ProfilesService({ ...ctx, ...brokerAccess, secrets: hub.config.secrets })
    const history = new HistoryService({
      dataDir: opts.dataDir,
      flushLog: async () => hub.traffic.log?.flush(),
      settings: ctx.settings,
      publishReplay: (topic, payload, qos, retain) =>
        hub.publish(topic, payload, qos, retain, false, true),
      emit: (name, payload) => hub.events.emit(name, payload)
    })
    return {
      // the virtual board first: the bridge opens its link when serial is 'virtual'
      services: { virtual, board, weather, classroom, profiles, history },
      handlers: {
        ...boardHandlers(board),
        ...weatherHandlers(weather),
        ...classroomHandlers(classroom),
        ...profileHandlers(profiles),
        ...virtualHandlers(virtual),
        ...historyHandlers(history)
      }
    }
  })
}
