import type { TrafficMessage } from '../../../electron/contract'

/** An echo comes back within this time of Puente's own publish, or it is a message of its own. */
export const ECHO_MS = 10_000
const MAX_PENDING = 500

/**
 * Puente's own publishes come back from the broker when it is subscribed to their topic: the
 * list shows them once ("sent · received back"), not twice. Remembers the recent sends.
 */
export class EchoMatcher {
  private pending: TrafficMessage[] = []
  /** Sequence numbers of sent messages whose echo came back. */
  readonly echoed = new Set<number>()

  /** The messages to list: each echo of a recent send is left out and its send marked. */
  filter(messages: TrafficMessage[]): TrafficMessage[] {
    const kept: TrafficMessage[] = []
    for (const m of messages) {
      if (m.dir === 'out') {
        this.pending.push(m)
        kept.push(m)
        continue
      }
      const at = Date.parse(m.t)
      this.pending = this.pending.filter((o) => at - Date.parse(o.t) <= ECHO_MS)
      const i = this.pending.findIndex(
        (o) => o.topic === m.topic && o.payload === m.payload && o.enc === m.enc
      )
      if (i < 0) {
        kept.push(m)
        continue
      }
      this.echoed.add(this.pending[i].seq)
      this.pending.splice(i, 1)
    }
    if (this.pending.length > MAX_PENDING) this.pending = this.pending.slice(-MAX_PENDING)
    return kept
  }

  /** Forgets everything (the list was emptied or reloaded). */
  reset(): void {
    this.pending = []
    this.echoed.clear()
  }
}
