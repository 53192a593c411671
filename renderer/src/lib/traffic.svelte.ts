import type {
  AppSnapshot,
  Events,
  Problem,
  Qos,
  TopicStat,
  TrafficMessage
} from '../../../electron/contract'
import { api } from './api'
import { EchoMatcher } from './echo'
import { isValidFilter } from '../../../electron/contract/fields'
import { messageFilter } from '../../../electron/shared/message-filter'

/** Most messages the window keeps; older ones stay in the core's ring and the log. */
export const BUFFER = 20_000
// trim in chunks so a steady stream does not copy the buffer on every batch
const SLACK = 2_000

type Batch = Events['traffic:batch']

function cap(list: TrafficMessage[], max: number): TrafficMessage[] {
  return list.length > max + SLACK ? list.slice(list.length - max) : list
}

/**
 * The live traffic of this window: a bounded buffer of messages, the filtered view the list
 * shows, pause with a hold buffer, the selected message, and the per-topic statistics.
 * Plain arrays (`$state.raw`) replaced per batch: thousands of messages a second must not
 * become deep proxies.
 */
class LiveTraffic {
  private all: TrafficMessage[] = []
  private held: TrafficMessage[] = []
  private stats = new Map<string, TopicStat>()
  private match: (m: TrafficMessage) => boolean = () => true
  private echoes = new EchoMatcher()
  /** Sent messages whose echo came back (shown once, "sent · received back"). */
  echoed = $state.raw<ReadonlySet<number>>(new Set())

  /** The messages that pass the filters, oldest first (the list shows newest on top). */
  view = $state.raw<TrafficMessage[]>([])
  /** How many messages the window holds in all (before filtering). */
  total = $state(0)
  topics = $state.raw<TopicStat[]>([])
  paused = $state(false)
  waiting = $state(0)
  /** Messages the core did not push because they came faster than a window can show. */
  skipped = $state(0)
  topicFilter = $state('')
  textFilter = $state('')
  /** Set when the topic pattern is not a valid MQTT filter (the filter is then not applied). */
  filterInvalid = $state(false)
  selected = $state.raw<TrafficMessage | undefined>()

  /** Every message the window holds, oldest first (the live chart reads its numbers here). */
  recent(): readonly TrafficMessage[] {
    return this.all
  }

  load(s: AppSnapshot): void {
    this.echoes.reset()
    this.all = cap(this.echoes.filter(s.messages), BUFFER)
    this.echoed = new Set(this.echoes.echoed)
    this.held = []
    this.waiting = 0
    this.stats = new Map(s.topics.map((x) => [x.topic, x]))
    this.refreshTopics(true)
    this.refilter()
  }

  subscribe(): () => void {
    return api.on('traffic:batch', (b) => this.receive(b))
  }

  private receive(b: Batch): void {
    let added = false
    for (const s of b.topics) {
      if (!this.stats.has(s.topic)) added = true
      this.stats.set(s.topic, s)
    }
    this.refreshTopics(added)
    if (b.dropped) this.skipped += b.dropped
    if (!b.messages.length) return
    if (this.paused) {
      this.held = cap(this.held.concat(b.messages), BUFFER)
      this.waiting = this.held.length
      return
    }
    this.append(b.messages)
  }

  private append(all: TrafficMessage[]): void {
    const before = this.echoes.echoed.size
    const messages = this.echoes.filter(all)
    if (this.echoes.echoed.size !== before) this.echoed = new Set(this.echoes.echoed)
    if (!messages.length) return
    this.all = cap(this.all.concat(messages), BUFFER)
    this.total = this.all.length
    const fresh = messages.filter(this.match)
    if (fresh.length) this.view = cap(this.view.concat(fresh), BUFFER)
  }

  private sorted: string[] = []
  private refreshTopics(added: boolean): void {
    if (added) this.sorted = [...this.stats.keys()].sort()
    this.topics = this.sorted.map((k) => this.stats.get(k)!)
  }

  private refilter(): void {
    const pattern = this.topicFilter.trim()
    this.filterInvalid = pattern !== '' && !isValidFilter(pattern)
    const match = messageFilter(this.filterInvalid ? '' : pattern, this.textFilter.trim())
    this.match = match ?? ((): boolean => true)
    this.view = match ? this.all.filter(match) : this.all
    this.total = this.all.length
  }

  /** Filters the list by an MQTT pattern (+, #) and by text in the topic or payload. */
  setFilter(topic: string, text: string): void {
    this.topicFilter = topic
    this.textFilter = text
    this.refilter()
  }

  /** Stops the list from moving; messages keep arriving into a hold buffer. */
  pause(): void {
    this.paused = true
  }

  /** Shows what arrived while paused and follows the stream again. */
  resume(): void {
    this.paused = false
    const held = this.held
    this.held = []
    this.waiting = 0
    if (held.length) this.append(held)
  }

  /** Empties this window's list (the core's ring and the log keep everything). */
  clear(): void {
    this.echoes.reset()
    this.echoed = new Set()
    this.all = []
    this.held = []
    this.waiting = 0
    this.skipped = 0
    this.selected = undefined
    this.refilter()
  }

  select(m: TrafficMessage | undefined): void {
    this.selected = m
  }

  /** Topic names seen so far, for suggestions. */
  knownTopics(max = 200): string[] {
    return this.sorted.slice(0, max)
  }

  /** Publishes from the window; the problem in words when it did not go out. */
  async publish(
    topic: string,
    payload: string,
    qos: Qos,
    retain: boolean
  ): Promise<Problem | undefined> {
    const r = await api.invoke('mqtt:publish', { topic, payload, qos, retain })
    return r.ok ? undefined : r.error
  }
}

export const traffic = new LiveTraffic()
