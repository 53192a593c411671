import type { TrafficMessage } from '../../contract'
import { messageFilter } from '../../shared/message-filter'

export interface RingQuery {
  topic?: string
  text?: string
  before?: number
  limit: number
}

/** What one message costs in memory beyond its topic and payload (the object, its fields). */
const MESSAGE_OVERHEAD = 128

/** The memory one message holds, topic included (a 60 KB topic costs as much as its payload). */
export function messageBytes(m: TrafficMessage): number {
  return m.topic.length + m.payload.length + MESSAGE_OVERHEAD
}

/**
 * The newest messages in memory, bounded by count and by bytes (topic and payload) so that
 * memory stays flat however long the class runs (one 256 KB payload or a 60 KB topic must not
 * cost as much as 50,000 small messages).
 */
export class MessageRing {
  private readonly buf: (TrafficMessage | undefined)[]
  private head = 0 // index of the oldest
  private length = 0
  private bytes = 0

  constructor(
    private readonly capacity: number,
    private readonly maxBytes = 128 * 1024 * 1024
  ) {
    this.buf = new Array(capacity)
  }

  get size(): number {
    return this.length
  }

  /** The bytes held, as counted against the limit. */
  get heldBytes(): number {
    return this.bytes
  }

  /** Adds a message, dropping the oldest when full. */
  push(msg: TrafficMessage): void {
    if (this.length === this.capacity) this.dropOldest()
    this.buf[(this.head + this.length) % this.capacity] = msg
    this.length++
    this.bytes += messageBytes(msg)
    while (this.bytes > this.maxBytes && this.length > 1) this.dropOldest()
  }

  private dropOldest(): void {
    const old = this.buf[this.head]
    if (old) this.bytes -= messageBytes(old)
    this.buf[this.head] = undefined
    this.head = (this.head + 1) % this.capacity
    this.length--
  }

  /** The newest `limit` messages matching the query, oldest first. */
  query(q: RingQuery): TrafficMessage[] {
    const out: TrafficMessage[] = []
    const match = messageFilter(q.topic, q.text)
    for (let i = this.length - 1; i >= 0 && out.length < q.limit; i--) {
      const m = this.buf[(this.head + i) % this.capacity]!
      if (q.before !== undefined && m.seq >= q.before) continue
      if (match && !match(m)) continue
      out.push(m)
    }
    return out.reverse()
  }
}
