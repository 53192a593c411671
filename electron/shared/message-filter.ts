/**
 * Which messages a list shows: an MQTT topic filter and a text to find in the topic or the
 * payload. The core's ring query and the window's messages list filter the same way.
 */
import { topicMatcher } from './topic'

/** What a message needs for filtering. */
export interface Filterable {
  topic: string
  payload: string
}

/**
 * A predicate for `topic` (an MQTT filter, '' for any) and `text` (case-insensitive, '' for
 * any); undefined when neither narrows the list, so callers can skip filtering.
 */
export function messageFilter(
  topic: string | undefined,
  text: string | undefined
): ((m: Filterable) => boolean) | undefined {
  const byTopic = topic ? topicMatcher(topic) : undefined
  const find = text?.toLowerCase()
  if (!byTopic && !find) return undefined
  return (m) =>
    (!byTopic || byTopic(m.topic)) &&
    (!find || m.topic.toLowerCase().includes(find) || m.payload.toLowerCase().includes(find))
}
