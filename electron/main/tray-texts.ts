// The tray menu's and tooltip's words, in Spanish and English, taken from the window's dictionary
// (renderer/src/lib/i18n/, plain data) so the tray and the window never word a thing twice.
import type { MqttState, Problem } from '../contract'
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

/** The tray's language: the user's choice in settings, else the OS locale (es-* → Spanish). */
export function trayLanguage(setting: 'auto' | 'es' | 'en', osLocale: string): TrayLanguage {
  if (setting !== 'auto') return setting
  return localeOf(osLocale)
}
