/** True when an MQTT filter uses + and # correctly (+ alone in a level, # alone and last). */
export function isValidFilter(filter: string): boolean {
  if (!filter || filter.includes('\u0000')) return false
  const levels = filter.split('/')
  return levels.every((level, i) => {
    if (level.includes('#')) return level === '#' && i === levels.length - 1
    if (level.includes('+')) return level === '+'
    return true
  })
}

/** A topic to publish on: not empty, no wildcards. */
export function isValidTopic(topic: string): boolean {
  return topic.length > 0 && !/[+#]/.test(topic) && !topic.includes('\u0000')
}

/**
 * A matcher for an MQTT filter, as a broker would apply it: + one level, # the rest (and the
 * parent), and wildcards at the first level never match topics starting with $.
 */
export function topicMatcher(filter: string): (topic: string) => boolean {
  if (!/[+#]/.test(filter)) return (topic) => topic === filter
  const f = filter.split('/')
  return (topic) => {
    const t = topic.split('/')
    if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false
    for (let i = 0; i < f.length; i++) {
      if (f[i] === '#') return true
      if (i >= t.length) return false
      if (f[i] !== '+' && f[i] !== t[i]) return false
    }
    return t.length === f.length
  }
}
