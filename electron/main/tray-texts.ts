// The tray menu's and tooltip's words, in Spanish and English (the window has its own
// dictionary; the tray is drawn by main, which does not load the renderer's).
import type { MqttState } from '../contract'
import type { TrayBoardState } from './tray'

export type TrayLanguage = 'es' | 'en'

export const trayTexts = {
  es: {
    open: 'Abrir Puente',
    connect: 'Conectar',
    disconnect: 'Desconectar',
    quit: 'Salir de Puente',
    broker: 'Bróker',
    embedded: 'este ordenador',
    board: 'Placa',
    boardState: {
      connected: 'conectada',
      searching: 'buscando…',
      disconnected: 'desconectada',
      error: 'error',
      installing: 'instalando el firmware…'
    } satisfies Record<TrayBoardState, string>,
    boardId: 'id',
    /** Why a board is not connected, by the core's problem code ({port} filled in); others in English. */
    boardProblems: {
      'board-unplugged': 'se desenchufó de {port}; al volver a enchufarla se reconecta sola',
      'serial-missing': 'falta el puerto {port}: ¿está la placa enchufada?',
      'serial-permission': 'permiso denegado en {port}: en Linux, añádete al grupo dialout',
      'serial-busy': 'el puerto {port} está ocupado: otro programa lo tiene abierto',
      'serial-not-tty': '{port} no es un puerto serie'
    } as Record<string, string>,
    classBroker: 'Broker de la clase',
    profile: 'Perfil',
    /** Built-in profiles by id (the core's names hold both languages). */
    profileNames: {
      local: 'Este ordenador',
      hivemq: 'HiveMQ público (TCP)',
      'hivemq-ws': 'HiveMQ público (WebSocket)'
    } as Record<string, string>,
    state: {
      connected: 'Conectado',
      connecting: 'Conectando…',
      reconnecting: 'Reconectando…',
      offline: 'Sin conexión',
      disconnected: 'Desconectado'
    } satisfies Record<MqttState, string>
  },
  en: {
    open: 'Open Puente',
    connect: 'Connect',
    disconnect: 'Disconnect',
    quit: 'Quit Puente',
    broker: 'Broker',
    embedded: 'this computer',
    board: 'Board',
    boardState: {
      connected: 'connected',
      searching: 'searching…',
      disconnected: 'disconnected',
      error: 'error',
      installing: 'installing firmware…'
    } satisfies Record<TrayBoardState, string>,
    boardId: 'id',
    boardProblems: {} as Record<string, string>,
    classBroker: 'Class broker',
    profile: 'Profile',
    profileNames: {
      local: 'This computer',
      hivemq: 'HiveMQ public (TCP)',
      'hivemq-ws': 'HiveMQ public (WebSocket)'
    } as Record<string, string>,
    state: {
      connected: 'Connected',
      connecting: 'Connecting…',
      reconnecting: 'Reconnecting…',
      offline: 'Offline',
      disconnected: 'Disconnected'
    } satisfies Record<MqttState, string>
  }
} as const

/** The tray's language: the user's choice in settings, else the OS locale (es-* → Spanish). */
export function trayLanguage(setting: 'auto' | 'es' | 'en', osLocale: string): TrayLanguage {
  if (setting !== 'auto') return setting
  return osLocale.toLowerCase().startsWith('es') ? 'es' : 'en'
}
