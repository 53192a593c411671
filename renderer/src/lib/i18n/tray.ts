/** Words only the tray menu and tooltip use (es + en); the rest it takes from the other parts. */
export const tray = {
  es: {
    'tray.open': 'Abrir Puente',
    'tray.quit': 'Salir de Puente',
    'tray.broker': 'Bróker',
    'tray.embedded': 'este ordenador',
    'tray.board': 'Placa',
    'tray.board.connected': 'conectada',
    'tray.board.searching': 'buscando…',
    'tray.board.disconnected': 'desconectada',
    'tray.board.error': 'error',
    'tray.board.installing': 'instalando el firmware…',
    'tray.board.id': 'id',
    'tray.profile': 'Perfil'
  },
  en: {
    'tray.open': 'Open Puente',
    'tray.quit': 'Quit Puente',
    'tray.broker': 'Broker',
    'tray.embedded': 'this computer',
    'tray.board': 'Board',
    'tray.board.connected': 'connected',
    'tray.board.searching': 'searching…',
    'tray.board.disconnected': 'disconnected',
    'tray.board.error': 'error',
    'tray.board.installing': 'installing firmware…',
    'tray.board.id': 'id',
    'tray.profile': 'Profile'
  }
} as const
