/** The connection badge's words: the broker link's state, its next try, the clients. */
export const connection = {
  es: {
    'conn.label': 'Conexión',
    'conn.embedded': 'Este ordenador',
    'conn.host-lost': 'Sin enlace con Puente: reintentando…',
    'conn.next-try': 'Nuevo intento en {s} s',
    'conn.trying': 'Intentándolo ahora…',
    'conn.connect': 'Conectar',
    'conn.disconnect': 'Desconectar',
    'conn.clients': '{n} clientes',
    'conn.clients.one': '{n} cliente'
  },
  en: {
    'conn.label': 'Connection',
    'conn.embedded': 'This computer',
    'conn.host-lost': 'Lost the link to Puente: retrying…',
    'conn.next-try': 'Next try in {s} s',
    'conn.trying': 'Trying now…',
    'conn.connect': 'Connect',
    'conn.disconnect': 'Disconnect',
    'conn.clients': '{n} clients',
    'conn.clients.one': '{n} client'
  }
} as const
