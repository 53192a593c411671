// The tray icon and its menu, driven by a small state. Electron's Tray comes in through the
// `createTray` seam (as Signal's SystemTrayService does), so the state → icon/menu mapping is
// tested in Node; the real factory is in tray-electron.ts.
import path from 'node:path'
import type { LogState, MqttStatus, Problem } from '../contract'
import type { Rect } from './placement'
import { trayLogLine, trayProblemText, trayTexts, type TrayLanguage } from './tray-texts'

/** One entry of the tray menu (a subset of Electron's MenuItemConstructorOptions). */
export interface TrayMenuItem {
  id?: string
  label?: string
  type?: 'normal' | 'separator' | 'checkbox'
  enabled?: boolean
  checked?: boolean
  click?: () => void
}

/** What the shell needs from a tray icon; Electron's Tray behind it in the app. */
export interface TrayLike {
  setImage(iconFile: string): void
  setToolTip(text: string): void
  /** Builds and sets the menu (Linux needs this again after every change). */
  setContextMenu(items: TrayMenuItem[]): void
  onClick(listener: () => void): void
  /** The icon's place on screen; macOS and Windows only. */
  getBounds(): Rect | undefined
  destroy(): void
}
export type CreateTray = (iconFile: string) => TrayLike

/** The board as the tray tells it ('opening' is still searching to a teacher). */
export type TrayBoardState = 'connected' | 'searching' | 'disconnected' | 'error' | 'installing'
export interface TrayBoard {
  state: TrayBoardState
  port?: string
  boardId?: string
  /** Why it is not connected (the core's problem: the tray words it in Spanish by code). */
  problem?: Problem
}

/** What the tray shows. Parts add their fields: the board part sets `board`, profiles `profile`. */
export interface TrayState {
  /** The MQTT link; undefined while the core is starting. */
  mqtt?: MqttStatus
  /** The USB board, when the board part runs: undefined hides the board line. */
  board?: TrayBoard
  /** The active connection profile (built-in ones are named in the tray's language by id). */
  profile?: { id: string; name: string }
  /** The class broker, when this Puente has it: undefined hides its menu entry. */
  classroom?: { available: boolean; open: boolean }
  /** The traffic log on disk: a line says so while it does not write. */
  log?: LogState
}

export type TrayLight = 'connected' | 'disconnected' | 'error'
/** An icon's base name in resources/tray/: the light, plus "-board" when a board is on USB. */
export type TrayIconName = TrayLight | `${TrayLight}-board`

export interface TrayActions {
  open(): void
  toggle(): void
  connect(): void
  disconnect(): void
  /** The "Class broker" checkbox: open or close it, then show the Class tab. */
  classBroker(): void
  quit(): void
}

export interface TrayOptions {
  createTray: CreateTray
  /** resources/tray */
  iconDir: string
  platform: NodeJS.Platform
  language: TrayLanguage
  actions: TrayActions
}

/** The light of the link: a problem while not connected is an error; connecting is not. */
export function trayLight(state: TrayState): TrayLight {
  const mqtt = state.mqtt
  if (!mqtt) return 'disconnected'
  if (mqtt.state === 'connected') return 'connected'
  return mqtt.problem ? 'error' : 'disconnected'
}

/** True while a board is on the USB cable (connected, or being given its firmware). */
function boardPresent(board: TrayBoard | undefined): boolean {
  return board?.state === 'connected' || board?.state === 'installing'
}

/** The icon for a state: the link's light, with the board dot while a board is there. */
export function trayIconName(state: TrayState): TrayIconName {
  const light = trayLight(state)
  return boardPresent(state.board) ? `${light}-board` : light
}

/** The file of an icon for a platform: ICO on Windows, a template image on macOS, PNG (+@2x) else. */
export function trayIconFile(
  iconDir: string,
  name: TrayIconName,
  platform: NodeJS.Platform
): string {
  if (platform === 'win32') return path.join(iconDir, `${name}.ico`)
  if (platform === 'darwin') return path.join(iconDir, `${name}Template.png`)
  return path.join(iconDir, `${name}.png`)
}

/** The status line of the menu and the tooltip: state, broker, and why when it is not connected. */
export function trayStatusLine(state: TrayState, lang: TrayLanguage): string {
  const t = trayTexts[lang]
  const mqtt = state.mqtt
  if (!mqtt) return t.state.connecting
  const line = `${t.state[mqtt.state]} · ${mqtt.url}`
  return mqtt.problem && mqtt.state !== 'connected' ? `${line} — ${mqtt.problem.message}` : line
}

/** The board line: its state, then port and board id when connected, or the reason it is not. */
export function trayBoardLine(board: TrayBoard, lang: TrayLanguage): string {
  const t = trayTexts[lang]
  const line = `${t.board}: ${t.boardState[board.state]}`
  if (boardPresent(board)) {
    const where = [board.port, board.boardId && `${t.boardId} ${board.boardId}`]
      .filter(Boolean)
      .join(' · ')
    return where ? `${line} (${where})` : line
  }
  const reason = board.problem && trayProblemText(board.problem, lang)
  // the reasons usually name the port already: say it once
  const named = board.port && reason?.includes(board.port)
  const why = named ? reason : [board.port, reason].filter(Boolean).join(' — ')
  return why ? `${line} (${why})` : line
}

/** The active profile's name in the tray's language (the core's built-in names hold both). */
export function trayProfileName(profile: { id: string; name: string }, lang: TrayLanguage): string {
  return trayTexts[lang].profileNames[profile.id] ?? profile.name
}

/** The tooltip: product name, profile when there is one, the status line, and the board. */
export function trayTooltip(state: TrayState, lang: TrayLanguage): string {
  const t = trayTexts[lang]
  const lines = ['Puente']
  if (state.profile) lines.push(`${t.profile}: ${trayProfileName(state.profile, lang)}`)
  lines.push(trayStatusLine(state, lang))
  if (state.board) lines.push(trayBoardLine(state.board, lang))
  const log = trayLogLine(state.log, lang)
  if (log) lines.push(log)
  return lines.join('\n')
}

/** True while the link is up or trying: the menu then offers Disconnect. */
function linkWanted(mqtt: MqttStatus | undefined): boolean {
  return mqtt !== undefined && mqtt.state !== 'disconnected'
}

/** The tray menu: Open first (AppIndicator ignores clicks), status, parts' sections, connect, quit. */
export function trayMenu(
  state: TrayState,
  lang: TrayLanguage,
  actions: TrayActions,
  sections: TrayMenuItem[][] = []
): TrayMenuItem[] {
  const t = trayTexts[lang]
  const items: TrayMenuItem[] = [
    { id: 'open', label: t.open, click: () => actions.open() },
    { type: 'separator' },
    { id: 'status', label: trayStatusLine(state, lang), enabled: false }
  ]
  if (state.profile)
    items.push({
      id: 'profile',
      label: `${t.profile}: ${trayProfileName(state.profile, lang)}`,
      enabled: false
    })
  if (state.board)
    items.push({ id: 'board', label: trayBoardLine(state.board, lang), enabled: false })
  const log = trayLogLine(state.log, lang)
  if (log) items.push({ id: 'log', label: log, enabled: false })
  if (state.classroom) {
    items.push(
      { type: 'separator' },
      {
        id: 'class',
        type: 'checkbox',
        label: t.classBroker,
        checked: state.classroom.open,
        click: () => actions.classBroker()
      }
    )
  }
  for (const section of sections.filter((s) => s.length))
    items.push({ type: 'separator' }, ...section)
  items.push({ type: 'separator' })
  items.push(
    linkWanted(state.mqtt)
      ? { id: 'disconnect', label: t.disconnect, click: () => actions.disconnect() }
      : {
          id: 'connect',
          label: t.connect,
          enabled: state.mqtt !== undefined,
          click: () => actions.connect()
        }
  )
  items.push({ type: 'separator' }, { id: 'quit', label: t.quit, click: () => actions.quit() })
  return items
}

/** Owns the tray icon: applies state changes to its image, tooltip and menu. */
export class TrayService {
  private tray: TrayLike | undefined
  private state: TrayState = {}
  private icon: string | undefined
  private readonly sections = new Map<string, TrayMenuItem[]>()
  private language: TrayLanguage

  constructor(private readonly opts: TrayOptions) {
    this.language = opts.language
  }

  /** Creates the icon (once) and draws the current state. */
  start(): void {
    if (this.tray) return
    this.icon = this.iconFile()
    this.tray = this.opts.createTray(this.icon)
    this.tray.onClick(() => this.opts.actions.toggle())
    this.render()
  }

  /** Merges a change of state (any part's fields) and redraws. */
  update(patch: Partial<TrayState>): void {
    this.state = { ...this.state, ...patch }
    this.render()
  }

  /** A part's own menu entries (e.g. "Class broker"), shown above Connect; [] removes them. */
  setSection(id: string, items: TrayMenuItem[]): void {
    if (items.length) this.sections.set(id, items)
    else this.sections.delete(id)
    this.render()
  }

  setLanguage(language: TrayLanguage): void {
    if (language === this.language) return
    this.language = language
    this.render()
  }

  get current(): Readonly<TrayState> {
    return this.state
  }

  /** The icon's bounds, for placing the popover (undefined on Linux). */
  bounds(): Rect | undefined {
    return this.tray?.getBounds()
  }

  destroy(): void {
    this.tray?.destroy()
    this.tray = undefined
  }

  private iconFile(): string {
    return trayIconFile(this.opts.iconDir, trayIconName(this.state), this.opts.platform)
  }

  private render(): void {
    const tray = this.tray
    if (!tray) return
    const icon = this.iconFile()
    if (icon !== this.icon) {
      this.icon = icon
      tray.setImage(icon)
    }
    tray.setToolTip(trayTooltip(this.state, this.language))
    tray.setContextMenu(
      trayMenu(this.state, this.language, this.opts.actions, [...this.sections.values()])
    )
  }
}
