import type { Colour } from '../../../contract'

/** A colour is three duty writes in a row: the LED is reported once they are done. */
const COALESCE_MS = 20

/**
 * The board's one LED as the window draws it: the RGB LED's PWM duties or the NeoPixel,
 * whichever the program set last. Changes go out at the program's next wait, print or
 * network call (or COALESCE_MS on), so setting R, G and B in turn is one change.
 */
export class Led {
  private next: Colour | null = null
  private since: number | undefined
  private shown: string | undefined

  constructor(private readonly send: (colour: Colour | null) => void) {}

  /** The LED shows this now (sent later, with the changes that follow at once). */
  set(colour: Colour | null): void {
    this.next = colour
    this.since ??= performance.now()
  }

  /** True when a change has waited long enough to go out without the program's help. */
  get due(): boolean {
    return this.since !== undefined && performance.now() - this.since > COALESCE_MS
  }

  /** Sends the LED if it changed since it was last sent. */
  flush(): void {
    if (this.since === undefined) return
    this.since = undefined
    const key = JSON.stringify(this.next)
    if (key === this.shown) return
    this.shown = key
    this.send(this.next)
  }
}
