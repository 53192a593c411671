// The tray menu's and tooltip's words, in Spanish and English, taken from the window's dictionary
// (renderer/src/lib/i18n/, plain data) so the tray and the window never word a thing twice.
import type { LogState, MqttState, Problem } from '../contract'
import { localeOf, translate, translateProblem } from '../../renderer/src/lib/i18n/dictionaries'
import type { TrayBoardState } from './tray'

export type TrayLanguage = 'es' | 'en'

function words(lang: TrayLanguage): {
  open: string
  connect: string
  disconnect: string
  quit: string
  broker: string
  embedded: string
  board: string
  boardState: Record<TrayBoardState, string>
  boardId: string
  classBroker: string
  profile: string
  profileNames: Record<string, string>
  state: Record<MqttState, string>
  log: string
  logWhy: Record<'stopped' | 'full' | 'readonly' | 'denied' | 'slow', string>
} {
  const w = (key: string): string => translate(lang, key)
  return {
    open: w('tray.open'),
    connect: w('conn.connect'),
    disconnect: w('conn.disconnect'),
    quit: w('tray.quit'),
    broker: w('tray.broker'),
    embedded: w('tray.embedded'),
    board: w('tray.board'),
    boardState: {
      connected: w('tray.board.connected'),
      searching: w('tray.board.searching'),
      disconnected: w('tray.board.disconnected'),
      error: w('tray.board.error'),
      installing: w('tray.board.installing')
    },
    boardId: w('tray.board.id'),
    classBroker: w('class.title'),
    profile: w('tray.profile'),
    /** Built-in profiles by id (the core's names hold both languages). */
    profileNames: {
      local: w('profiles.name.local'),
      hivemq: w('profiles.name.hivemq'),
      'hivemq-ws': w('profiles.name.hivemq-ws')
    },
    log: w('tray.log'),
    logWhy: {
      stopped: w('tray.log.stopped'),
      full: w('tray.log.full'),
      readonly: w('tray.log.readonly'),
      denied: w('tray.log.denied'),
      slow: w('tray.log.slow')
    },
    state: {
      connected: w('mqtt.connected'),
      connecting: w('mqtt.connecting'),
      reconnecting: w('mqtt.reconnecting'),
      offline: w('mqtt.offline'),
      disconnected: w('mqtt.disconnected')
    }
  }
}

export const trayTexts = { es: words('es'), en: words('en') }

/** A core problem in the tray's language, as the window says it (the core's English else). */
export function trayProblemText(p: Problem, lang: TrayLanguage): string {
  return translateProblem(lang, p)
}

/** The error codes of a stopped log, by the words the tray has for them. */
const LOG_WHY: Record<string, 'full' | 'readonly' | 'denied'> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'readonly',
  EACCES: 'denied',
  EPERM: 'denied'
}

/**
 * The log's line in the tray while it does not write (a full or read-only disk, a disk slower
 * than the traffic), short enough for a menu; undefined while it writes or is off.
 */
export function trayLogLine(log: LogState | undefined, lang: TrayLanguage): string | undefined {
  if (!log?.enabled || log.writing) return undefined
  const t = trayTexts[lang]
  const code = log.problem?.params?.code
  const why =
    log.problem?.code === 'traffic-log-slow'
      ? 'slow'
      : (typeof code === 'string' && LOG_WHY[code]) || 'stopped'
  return `${t.log}: ${t.logWhy[why]}`
}

/** The tray's language: the user's choice in settings, else the OS locale (es-* → Spanish). */
export function trayLanguage(setting: 'auto' | 'es' | 'en', osLocale: string): TrayLanguage {
  if (setting !== 'auto') return setting
  return localeOf(osLocale)
}
