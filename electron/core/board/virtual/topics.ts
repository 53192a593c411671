import type { Colour, ConsoleLine } from '../../../contract'
import type { ServiceContext } from '../../context'

/** `press` on the button topic: pressed, then released this long after (a click). */
export const PRESS_MS = 100
/** LED changes closer than this are one change (a program setting R, G and B in turn). */
const LED_SETTLE_MS = 5
/** Console lines published a second at most: a print in a tight loop must not flood the class. */
const CONSOLE_LINES_PER_S = 200

/**
 * The virtual board on MQTT: its LED (retained, on every change), its console lines, and its
 * BOOT button, so the projector view, another student or a grading script can use it.
 */
export class VirtualTopics {
  private offStatus: () => void
  private pressTimer: NodeJS.Timeout | undefined
  private windowStart = 0
  private inWindow = 0
  private skipped = 0
  private skipTimer: NodeJS.Timeout | undefined
  private ledTimer: NodeJS.Timeout | undefined
  private shownLed: Colour | null = null
  private publishedLed: Colour | null = null

  constructor(
    private readonly hub: ServiceContext,
    private readonly currentLed: () => Colour | null
  ) {
    // the retained LED is set again after a reconnection (a publish while offline was lost)
    this.offStatus = hub.events.on('mqtt:status', (s) => {
      if (s.state === 'connected') this.led(this.currentLed())
    })
  }

  private get base(): string {
    return `puente/${this.hub.settings.current.mqtt.clientId}/virtual`
  }

  get buttonTopic(): string {
    return `${this.base}/button`
  }

  /**
   * The LED as the board drives it: settled (three PWM duties set in turn are one change), all
   * channels off taken as dark, then published and handed to `changed` when it differs.
   */
  shown(c: Colour | null, changed: (led: Colour | null) => void): void {
    this.shownLed = c && (c.r || c.g || c.b) ? c : null
    this.ledTimer ??= setTimeout(() => {
      this.ledTimer = undefined
      const led = this.shownLed
      if (same(led, this.publishedLed)) return
      changed(led)
      this.led(led)
    }, LED_SETTLE_MS)
  }

  /** Forgets a change still settling (the board stopped). */
  settled(): void {
    if (this.ledTimer) clearTimeout(this.ledTimer)
    this.ledTimer = undefined
  }

  /** The LED as it shows now, retained (dark is all zeros). */
  led(c: Colour | null): void {
    this.publishedLed = c
    const { r, g, b } = c ?? { r: 0, g: 0, b: 0 }
    const payload = Buffer.from(JSON.stringify({ r, g, b }))
    this.hub.publish(`${this.base}/led`, payload, 0, true).catch(() => {})
  }

  /** One console line (stdout, stderr, tracebacks, hints) as text; a flood is summed up. */
  console(line: ConsoleLine): void {
    if (this.hub.mqttStatus().state !== 'connected') return
    const now = Date.now()
    if (now - this.windowStart >= 1000) {
      this.windowStart = now
      this.inWindow = 0
    }
    if (++this.inWindow <= CONSOLE_LINES_PER_S) return this.send(line.text)
    this.skipped++
    // said once the second is over, whether or not the program prints again
    this.skipTimer ??= setTimeout(
      () => {
        this.skipTimer = undefined
        this.send(
          `… ${this.skipped} lines not published (more than ${CONSOLE_LINES_PER_S} a second)`
        )
        this.skipped = 0
      },
      Math.max(0, 1000 - (now - this.windowStart))
    )
  }

  private send(text: string): void {
    this.hub.publish(`${this.base}/console`, Buffer.from(text), 0, false).catch(() => {})
  }

  /** A message on the button topic: pressed / released / press; anything else is ignored. */
  onButton(topic: string, payload: Buffer, button: (pressed: boolean) => void): void {
    if (topic !== this.buttonTopic) return
    const word = payload.toString('utf8').trim().toLowerCase()
    if (word === 'pressed' || word === 'released') {
      if (this.pressTimer) clearTimeout(this.pressTimer)
      this.pressTimer = undefined
      button(word === 'pressed')
    } else if (word === 'press') {
      if (this.pressTimer) return
      button(true)
      this.pressTimer = setTimeout(() => {
        this.pressTimer = undefined
        button(false)
      }, PRESS_MS)
    }
  }

  /** Stops listening and cancels a pending release. */
  stop(): void {
    this.offStatus()
    this.settled()
    if (this.skipTimer) clearTimeout(this.skipTimer)
    if (this.pressTimer) clearTimeout(this.pressTimer)
    this.pressTimer = undefined
  }
}

function same(a: Colour | null, b: Colour | null): boolean {
  return a === b || (!!a && !!b && a.r === b.r && a.g === b.g && a.b === b.b)
}
