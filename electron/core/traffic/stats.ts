import type { TopicStat, TrafficMessage } from '../../contract'

const WINDOW_S = 5
/** Longest last-payload kept per topic: the list shows a preview, the ring has the rest. */
const PREVIEW_CHARS = 512

interface Entry extends TopicStat {
  buckets: number[] // messages per second, WINDOW_S slots
  bucketSecond: number
  lastMs: number
}

/** What one topic's entry costs beyond its name and preview (counters, buckets, the object). */
const ENTRY_OVERHEAD = 256

function entryBytes(e: Entry): number {
  return e.topic.length + e.lastPayload.length + ENTRY_OVERHEAD
}

/**
 * Per-topic counters (count, rate, last value, last seen, retained), bounded in topics and in
 * bytes, names included: 10,000 topics of 60 KB must not hold 600 MB.
 */
export class TopicStats {
  private entries = new Map<string, Entry>()
  private bytes = 0

  constructor(
    private readonly maxTopics = 10_000,
    private readonly maxBytes = 16 * 1024 * 1024
  ) {}

  /** The bytes held, as counted against the limit. */
  get heldBytes(): number {
    return this.bytes
  }

  /** Counts one message. */
  add(m: TrafficMessage, nowMs: number): void {
    let e = this.entries.get(m.topic)
    if (!e) {
      if (this.entries.size >= this.maxTopics) this.evictOldest()
      e = {
        topic: m.topic,
        count: 0,
        rate: 0,
        lastPayload: '',
        lastEnc: 'utf8',
        lastSeen: m.t,
        retained: false,
        buckets: new Array(WINDOW_S).fill(0),
        bucketSecond: Math.floor(nowMs / 1000),
        lastMs: nowMs
      }
      this.entries.set(m.topic, e)
      this.bytes += entryBytes(e)
    }
    this.bytes -= e.lastPayload.length
    e.lastMs = nowMs
    this.roll(e, nowMs)
    e.buckets[e.bucketSecond % WINDOW_S]++
    e.count++
    e.lastPayload = m.payload.length > PREVIEW_CHARS ? m.payload.slice(0, PREVIEW_CHARS) : m.payload
    this.bytes += e.lastPayload.length
    e.lastEnc = m.enc
    e.lastSeen = m.t
    e.retained = m.retain
    while (this.bytes > this.maxBytes && this.entries.size > 1) this.evictOldest(e)
  }

  /** Forgets the topic seen longest ago (a new topic at the limit, or over the bytes). */
  private evictOldest(keep?: Entry): void {
    let oldest: Entry | undefined
    for (const e of this.entries.values())
      if (e !== keep && (!oldest || e.lastMs < oldest.lastMs)) oldest = e
    if (!oldest) return
    this.entries.delete(oldest.topic)
    this.bytes -= entryBytes(oldest)
  }

  private roll(e: Entry, nowMs: number): void {
    const second = Math.floor(nowMs / 1000)
    if (second === e.bucketSecond) return
    for (let s = e.bucketSecond + 1; s <= second && s <= e.bucketSecond + WINDOW_S; s++) {
      e.buckets[s % WINDOW_S] = 0
    }
    e.bucketSecond = Math.max(e.bucketSecond, second)
  }

  private view(e: Entry, nowMs: number): TopicStat {
    this.roll(e, nowMs)
    const current = e.buckets[e.bucketSecond % WINDOW_S]
    const full = e.buckets.reduce((a, b) => a + b, 0) - current
    return {
      topic: e.topic,
      count: e.count,
      rate: Math.round((full / (WINDOW_S - 1)) * 10) / 10,
      lastPayload: e.lastPayload,
      lastEnc: e.lastEnc,
      lastSeen: e.lastSeen,
      retained: e.retained
    }
  }

  /** The stats of the named topics (those a batch touched). */
  pick(topics: Iterable<string>, nowMs: number): TopicStat[] {
    const out: TopicStat[] = []
    for (const t of topics) {
      const e = this.entries.get(t)
      if (e) out.push(this.view(e, nowMs))
    }
    return out
  }

  /** Every topic's stats, sorted by name. */
  all(nowMs: number): TopicStat[] {
    return [...this.entries.values()]
      .map((e) => this.view(e, nowMs))
      .sort((a, b) => (a.topic < b.topic ? -1 : 1))
  }
}
