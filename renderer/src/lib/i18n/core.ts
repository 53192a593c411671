/** Texts of the app frame, connection, topics, messages, publish and settings (es + en). */
export const core = {
  es: {
    'app.title': 'Puente',
    'mqtt.connected': 'Conectado',
    'mqtt.connecting': 'Conectando…',
    'mqtt.reconnecting': 'Reconectando…',
    'mqtt.offline': 'Sin conexión',
    'mqtt.disconnected': 'Desconectado'
  },
  en: {
    'app.title': 'Puente',
    'mqtt.connected': 'Connected',
    'mqtt.connecting': 'Connecting…',
    'mqtt.reconnecting': 'Reconnecting…',
    'mqtt.offline': 'Offline',
    'mqtt.disconnected': 'Disconnected'
  }
} as const
