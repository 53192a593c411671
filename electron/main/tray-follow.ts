// Keeps the tray in step with the core: link, board, class broker, active profile and language,
// all from the hub's events (and the get-state commands once at start, for what happened before).
import type {
  BoardStatus,
  ClassroomState,
  CommandInput,
  CommandName,
  CommandResult,
  Events,
  LogState,
  MqttStatus,
  Result,
  Settings,
  WindowTab
} from '../contract'
import { profilesState } from '../core/profiles/profiles'
import type { TrayBoard, TrayService, TrayState } from './tray'
import { trayLanguage } from './tray-texts'

/** What the tray follows in the core (the real Hub in the app). */
export interface TrayHub {
  link?: { status: MqttStatus }
  /** The traffic log's state now (the hub's recorder). */
  traffic?: { logState: LogState }
  settings: Settings
  events: {
    on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void
  }
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandResult<K>>>
}

/** The board as the tray tells it; undefined when the board part is off (serial "off"). */
export function trayBoard(status: BoardStatus): TrayBoard | undefined {
  if (status.state === 'off') return undefined
  const state = status.state === 'opening' ? 'searching' : status.state
  const board: TrayBoard = { state }
  if (status.port) board.port = status.port
  if (status.boardId && (state === 'connected' || state === 'installing'))
    board.boardId = status.boardId
  if (status.problem && (state === 'error' || state === 'disconnected'))
    board.problem = status.problem
  return board
}

/** The class broker's menu state from the class window's state. */
function trayClassroom(s: ClassroomState): TrayState['classroom'] {
  return { available: s.available, open: s.open }
}

/** The active profile from the settings in force. */
function trayProfile(settings: Settings): TrayState['profile'] {
  const p = profilesState(settings)
  return { id: p.active, name: p.activeName }
}

/**
 * Subscribes the tray to the core; returns the unsubscribe. The board and class states of
 * before the tray existed come from their get-state commands, unless an event came first.
 */
export function followHub(tray: TrayService, hub: TrayHub, osLocale: string): () => void {
  // only redraw (and set the menu again) when what the tray shows changed: board:status also
  // carries every colour the board reports
  const set = <K extends keyof TrayState>(key: K, value: TrayState[K]): void => {
    if (JSON.stringify(tray.current[key]) !== JSON.stringify(value)) tray.update({ [key]: value })
  }
  tray.setLanguage(trayLanguage(hub.settings.language, osLocale))
  tray.update({
    mqtt: hub.link?.status,
    profile: trayProfile(hub.settings),
    log: hub.traffic?.logState
  })
  let boardSeen = false
  let classSeen = false
  let stopped = false
  const offs = [
    hub.events.on('mqtt:status', (mqtt) => tray.update({ mqtt })),
    // a full or read-only disk stops the log: the tray says so until it writes again
    hub.events.on('traffic:log-state', (log) => set('log', log)),
    hub.events.on('settings:changed', (s) => {
      tray.setLanguage(trayLanguage(s.language, osLocale))
      // a broker changed in the settings form or by --broker renames the active profile too
      set('profile', trayProfile(s))
    }),
    hub.events.on('profiles:state', (p) => set('profile', { id: p.active, name: p.activeName })),
    hub.events.on('board:status', (status) => {
      boardSeen = true
      set('board', trayBoard(status))
    }),
    hub.events.on('classroom:state', (s) => {
      classSeen = true
      set('classroom', trayClassroom(s))
    })
  ]
  void hub.invoke('board:get-state', {}).then((r) => {
    if (r.ok && !boardSeen && !stopped) set('board', trayBoard(r.value.status))
  })
  void hub.invoke('classroom:get-state', {}).then((r) => {
    if (r.ok && !classSeen && !stopped) set('classroom', trayClassroom(r.value))
  })
  return () => {
    stopped = true
    offs.forEach((off) => off())
  }
}

/**
 * The tray's "Class broker" entry: opens the class broker to the network (or closes it) through
 * the hub, then shows the Class tab, where the teacher reads the addresses, password and snippet
 * (or why it could not open).
 */
export async function toggleClassBroker(
  hub: TrayHub,
  tray: TrayService,
  openTab: (tab: WindowTab) => void
): Promise<Result<ClassroomState>> {
  const r = tray.current.classroom?.open
    ? await hub.invoke('classroom:close', {})
    : await hub.invoke('classroom:open', {})
  if (r.ok) tray.update({ classroom: trayClassroom(r.value) })
  // Electron ticked the checkbox itself on the click: draw the real state again either way
  else tray.update({})
  openTab('class')
  return r
}
