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
    'tray.profile': 'Perfil',
    'tray.log': 'Registro',
    'tray.log.stopped': 'detenido',
    'tray.log.full': 'detenido, el disco está lleno',
    'tray.log.readonly': 'detenido, la carpeta es de solo lectura',
    'tray.log.denied': 'detenido, sin permiso para escribir',
    'tray.log.slow': 'el disco no da abasto, se pierden líneas'
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
    'tray.profile': 'Profile',
    'tray.log': 'Log',
    'tray.log.stopped': 'stopped',
    'tray.log.full': 'stopped, the disk is full',
    'tray.log.readonly': 'stopped, the folder is read-only',
    'tray.log.denied': 'stopped, no permission to write',
    'tray.log.slow': 'the disk cannot keep up, lines are dropped'
  }
} as const
