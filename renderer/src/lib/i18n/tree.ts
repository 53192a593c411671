/** Texts of the Temas tree and the live chart (es + en). */
export const tree = {
  es: {
    'tree.label': 'Árbol de temas',
    'tree.branch': '{n} temas',
    'tree.branch.one': '{n} tema',
    'tree.hint': '↑↓ moverse · → abrir · ← cerrar · Intro ver los mensajes',
    'chart.title': 'Gráfica en vivo',
    'chart.time': 'Hora',
    'chart.history': 'Gráfica de los resultados',
    'chart.topic': 'Temas (+ y #)',
    'chart.field': 'Campo JSON (vacío: el mensaje es un número)',
    'chart.minutes': 'Minutos',
    'chart.label': 'Gráfica de {field} en {topic}',
    'chart.empty': 'Aún no hay números en estos temas.',
    'chart.invalid': 'Ese filtro de temas no es válido.'
  },
  en: {
    'tree.label': 'Topic tree',
    'tree.branch': '{n} topics',
    'tree.branch.one': '{n} topic',
    'tree.hint': '↑↓ move · → open · ← close · Enter show the messages',
    'chart.title': 'Live chart',
    'chart.time': 'Time',
    'chart.history': 'Chart of the results',
    'chart.topic': 'Topics (+ and #)',
    'chart.field': 'JSON field (empty: the message is a number)',
    'chart.minutes': 'Minutes',
    'chart.label': 'Chart of {field} in {topic}',
    'chart.empty': 'No numbers on these topics yet.',
    'chart.invalid': 'That topic filter is not valid.'
  }
}
