import type { Events } from '../../contract'

type Batch = Events['traffic:batch']

/**
 * One traffic batch standing for `held` and then `next`, for a window that is behind: the newest
 * `maxMessages` messages, the others counted as dropped (the window pages them from the ring),
 * and each topic's latest stats.
 */
export function mergeBatch(held: Batch | undefined, next: Batch, maxMessages: number): Batch {
  const messages = held ? held.messages.concat(next.messages) : next.messages.slice()
  let dropped = (held?.dropped ?? 0) + next.dropped
  const over = messages.length - maxMessages
  if (over > 0) {
    messages.splice(0, over)
    dropped += over
  }
  const byTopic = new Map((held?.topics ?? []).map((t) => [t.topic, t]))
  for (const t of next.topics) byTopic.set(t.topic, t)
  return { messages, topics: [...byTopic.values()], dropped }
}
