// The tray window's events, paced by what its page has taken. Electron's IPC has no
// bufferedAmount: a page whose thread is stuck would let every traffic batch queue up in the app.
import type { EventName, Events } from '../contract'
import { mergeBatch } from '../core/traffic/merge'

type Send = <K extends EventName>(name: K, payload: Events[K]) => void

/**
 * Sends every event to the window at once, except traffic batches beyond `maxInFlight` not yet
 * taken: those are merged into one held batch (bounded by `maxMessages`, the rest counted as
 * dropped) that goes as soon as the page takes one. Memory stays flat whatever the page does.
 */
export class PacedWindow {
  private inFlight = 0
  private held: Events['traffic:batch'] | undefined

  constructor(
    private readonly send: Send,
    private readonly maxInFlight = 4,
    private readonly maxMessages = 2000
  ) {}

  /** One contract event for the window. */
  readonly event: Send = (name, payload) => {
    if (name !== 'traffic:batch') return this.send(name, payload)
    const batch = payload as Events['traffic:batch']
    if (this.held || this.inFlight >= this.maxInFlight) {
      this.held = mergeBatch(this.held, batch, this.maxMessages)
      return
    }
    this.inFlight++
    this.send('traffic:batch', batch)
  }

  /** The page took a batch: the held one, if any, may go. */
  taken(): void {
    if (this.inFlight > 0) this.inFlight--
    const held = this.held
    if (!held || this.inFlight >= this.maxInFlight) return
    this.held = undefined
    this.inFlight++
    this.send('traffic:batch', held)
  }

  /** The page (re)loaded or went away: it starts from a snapshot, so nothing is owed to it. */
  reset(): void {
    this.inFlight = 0
    this.held = undefined
  }

  /** Batches sent and not taken yet, and whether one is held (for tests and diagnostics). */
  get state(): { inFlight: number; holding: number } {
    return { inFlight: this.inFlight, holding: this.held?.messages.length ?? 0 }
  }
}
