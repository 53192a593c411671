/**
 * MQTT topic matching as a broker applies it, for the core (the ring's topic query) and the
 * renderer (the messages filter): + is one level, # the rest and the parent level, and a
 * wildcard in the first level never matches a topic starting with $ (the broker's own topics).
 * Whether a filter is well formed is the contract's `isValidFilter`.
 */

/** A matcher for one filter, split once: the renderer runs it over every message it shows. */
export function topicMatcher(filter: string): (topic: string) => boolean {
  if (!/[+#]/.test(filter)) return (topic) => topic === filter
  const f = filter.split('/')
  return (topic) => {
    if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false
    const t = topic.split('/')
    for (let i = 0; i < f.length; i++) {
      if (f[i] === '#') return true
      if (i >= t.length) return false
      if (f[i] !== '+' && f[i] !== t[i]) return false
    }
    return t.length === f.length
  }
}

/** True when `topic` matches the MQTT subscription `filter`. */
export function matchesFilter(filter: string, topic: string): boolean {
  return topicMatcher(filter)(topic)
}
