/** Texts of the Temas tree and the live chart (es + en). */
export const tree = {
  es: {
    'tree.label': 'Árbol de temas',
    'tree.branch': '{n} temas',
    'tree.branch.one': '{n} tema',
    'tree.hint': '↑↓ moverse · → abrir · ← cerrar · Intro ver los mensajes'
  },
  en: {
    'tree.label': 'Topic tree',
    'tree.branch': '{n} topics',
    'tree.branch.one': '{n} topic',
    'tree.hint': '↑↓ move · → open · ← close · Enter show the messages'
  }
}
