import path from 'node:path'
import type { Direction, Events, LogState, Qos, TopicStat, TrafficMessage } from '../../contract'
import { encodePayload } from './encode'
import { TrafficLog } from './log'
import { logStateReporter, type LogReportContext } from './log-report'
import { MessageRing } from './ring'
import { TopicStats } from './stats'

export interface TrafficOptions {
  dataDir: string
  ringSize: number
  logEnabled: boolean
  maxFileBytes: number
  /** Pushes to windows at most this often. */
  batchMs?: number
  /** Most messages carried by one push; the window can page the rest from the ring. */
  maxBatch?: number
}

/**
 * Every message in and out: the ring, the per-topic stats, the log on disk, and the batched
 * push to windows (at most ~10 a second, each with all that is new since the last).
 */
export class TrafficRecorder {
  readonly ring: MessageRing
  readonly stats = new TopicStats()
  readonly log: TrafficLog | undefined
  private seq = 0
  private isoMs = 0
  private iso = ''
  private batch: TrafficMessage[] = []
  private dropped = 0
  private touched = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  /** Replayed messages whose echo from the broker is still expected, by topic and payload. */
  private readonly echoes = new Map<string, number>()
  private echoTimer: NodeJS.Timeout | undefined
  private readonly batchMs: number
  private readonly maxBatch: number

  private readonly push: (batch: Events['traffic:batch']) => void

  /**
   * `to`: the hub's context (batches go out as `traffic:batch`, and the log tells when it stops
   * or resumes), or only where the batches go (a test of the batching).
   */
  constructor(opts: TrafficOptions, to: LogReportContext | ((b: Events['traffic:batch']) => void)) {
    this.push = typeof to === 'function' ? to : (b) => to.events.emit('traffic:batch', b)
    this.ring = new MessageRing(opts.ringSize)
    const onLogState =
      typeof to === 'function'
        ? undefined
        : logStateReporter(to, path.join(opts.dataDir, 'traffic'))
    this.log = opts.logEnabled
      ? new TrafficLog(opts.dataDir, opts.maxFileBytes, 200, onLogState)
      : undefined
    this.batchMs = opts.batchMs ?? 100
    this.maxBatch = opts.maxBatch ?? 2000
  }

  /** The log's state (off in the settings, writing, or stopped and why). */
  get logState(): LogState {
    return this.log?.state ?? { enabled: false, writing: false, heldBytes: 0, dropped: 0 }
  }

  /** How many messages were recorded in this run. */
  get total(): number {
    return this.seq
  }

  /** Records one message seen by Puente, in or out. */
  record(
    dir: Direction,
    topic: string,
    payload: Buffer,
    qos: Qos,
    retain: boolean,
    replay = false
  ): TrafficMessage {
    if (!replay && dir === 'in' && this.echoes.size) replay = this.takeEcho(topic, payload)
    const now = Date.now()
    if (now !== this.isoMs) {
      // one ISO string per millisecond, not per message: a burst shares it
      this.isoMs = now
      this.iso = new Date(now).toISOString()
    }
    const msg: TrafficMessage = {
      seq: ++this.seq,
      t: this.iso,
      dir,
      topic,
      qos,
      retain,
      ...encodePayload(payload),
      size: payload.length
    }
    if (replay) msg.replay = true
    this.ring.push(msg)
    this.stats.add(msg, now)
    this.log?.append(msg, now)
    if (this.batch.length < this.maxBatch) this.batch.push(msg)
    else this.dropped++
    this.touched.add(topic)
    this.timer ??= setTimeout(() => this.flushBatch(), this.batchMs)
    return msg
  }

  /**
   * Says a replayed message is going out: when the broker sends it back (Puente subscribes to
   * it), that copy is marked as a replay too, never taken for original traffic.
   */
  expectEcho(topic: string, payload: Buffer): void {
    const key = `${topic}\u0000${payload.toString('latin1')}`
    this.echoes.set(key, (this.echoes.get(key) ?? 0) + 1)
    // an echo that never comes (not subscribed) is forgotten a little after the replay
    if (this.echoTimer) clearTimeout(this.echoTimer)
    this.echoTimer = setTimeout(() => this.echoes.clear(), 10_000)
    this.echoTimer.unref()
  }

  private takeEcho(topic: string, payload: Buffer): boolean {
    const key = `${topic}\u0000${payload.toString('latin1')}`
    const n = this.echoes.get(key)
    if (!n) return false
    if (n === 1) this.echoes.delete(key)
    else this.echoes.set(key, n - 1)
    return true
  }

  private flushBatch(): void {
    this.timer = undefined
    const topics: TopicStat[] = this.stats.pick(this.touched, Date.now())
    const batch = { messages: this.batch, topics, dropped: this.dropped }
    this.batch = []
    this.dropped = 0
    this.touched = new Set()
    this.push(batch)
  }

  /** Stops the timers, and resolves once the log has written everything (or holds it). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    if (this.echoTimer) clearTimeout(this.echoTimer)
    this.timer = undefined
    await this.log?.close()
  }
}
