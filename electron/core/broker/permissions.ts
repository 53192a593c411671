/** What a class user (not Puente's own link) may do on the class broker. */

/** Why a class user's publish is refused, or undefined when it may go. */
export function publishRefusal(
  { topic, retain }: { topic: string; retain: boolean },
  classMode: boolean,
  own: { ids: ReadonlySet<string>; retained: ReadonlySet<string> }
): string | undefined {
  if (topic.startsWith('$')) return 'topics starting with $ are the broker’s own'
  // outside class mode only local tools reach the broker, and they may do anything else
  if (!classMode) return undefined
  if (topic === 'puente' || topic.startsWith('puente/')) {
    const m = /^puente\/([^/]+)\/virtual\/button$/.exec(topic)
    if (m && own.ids.has(m[1])) return undefined
    return 'puente/… is Puente’s own: read it, do not publish under it'
  }
  // Puente's retained values (the temperature) are what a late board reads first
  if (retain && own.retained.has(topic)) return 'this retained value is published by Puente only'
  return undefined
}

/** True when a class user may subscribe to `filter` ($SYS is the broker's own). */
export function subscribeAllowed(filter: string): boolean {
  return !filter.startsWith('$')
}
