import type { Puente } from '../../electron/core/puente'
import { BoardSim, SIM_BOARD_ID } from '../sim/board-sim'
import { cmd, until } from './hub'

/**
 * A board the bridge tests run against: the pty board (socat + the simulator) or the virtual
 * board running Puente's firmware over the in-memory link. The same checks hold for both.
 */
export interface BridgeBoard {
  /** The board's serial setting (a pty path, or 'virtual'). */
  readonly serial: string
  /** The id the hello carries, when known before the board starts. */
  readonly id: string | undefined
  /** Colour lines the board received and applied, exactly as `{"r":..,"g":..,"b":..}`. */
  readonly colourLines: string[]
  /** Called once the hub runs (the virtual board lives inside it). */
  attach(hub: Puente): void
  /** The BOOT button: pressed, then released. */
  press(): Promise<void>
  waitFor(pred: () => boolean, what: string, ms?: number): Promise<void>
  /**
   * A marker on clase_eoi/serial that comes after everything the board sent so far: the pty
   * board prints it; for the virtual one Puente's own connection publishes it once the bridge
   * has seen the release (one connection keeps its order).
   */
  mark(text: string): Promise<void>
  stop(): Promise<void>
  /** The pty board only: the simulator itself (prints, garbage, unplugging the cable). */
  readonly sim?: BoardSim
}

export interface BridgeTarget {
  name: string
  tools: string[]
  start(): Promise<BridgeBoard>
}

/** The simulator on a socat pty pair. */
export const ptyTarget: BridgeTarget = {
  name: 'a pty board',
  tools: ['socat'],
  async start() {
    const sim = await BoardSim.start({ repl: false })
    return {
      serial: sim.hostPath,
      id: SIM_BOARD_ID,
      get colourLines() {
        return sim.colourLines
      },
      attach: () => {},
      press: () => sim.press(),
      mark: async (text) => sim.print(text),
      waitFor: (pred, what, ms) => sim.waitFor(pred, what, ms),
      stop: () => sim.stop(),
      sim
    }
  }
}

/**
 * The virtual board in firmware mode: what it received is what Puente's firmware reports it
 * applied (`{"led":{…}}` on its serial line, which the window's console shows).
 */
export const virtualTarget: BridgeTarget = {
  name: 'the virtual board (firmware)',
  tools: [],
  async start() {
    const applied: string[] = []
    let hub: Puente | undefined
    let presses = 0
    let releases = 0
    return {
      serial: 'virtual',
      id: undefined,
      colourLines: applied,
      attach(h: Puente) {
        hub = h
        h.events.on('board:button', (b) => {
          if (!b.pressed) releases++
        })
        h.events.on('virtual:console', ({ lines }) => {
          for (const l of lines) {
            const m = /^\{"led": ?(\{.*\})\}$/.exec(l.text)
            if (!m) continue
            const c = JSON.parse(m[1]) as { r: number; g: number; b: number }
            applied.push(JSON.stringify({ r: c.r, g: c.g, b: c.b }))
          }
        })
      },
      async press() {
        if (!hub) throw new Error('attach the hub first')
        presses++
        await cmd(hub, 'virtual:button', { pressed: true })
        await new Promise((r) => setTimeout(r, 80))
        await cmd(hub, 'virtual:button', { pressed: false })
        await new Promise((r) => setTimeout(r, 80))
      },
      waitFor: (pred, what, ms) => until(pred, `${what}; applied ${JSON.stringify(applied)}`, ms),
      async mark(text) {
        const h = hub
        if (!h) throw new Error('attach the hub first')
        await until(() => releases >= presses, 'the release')
        await h.publish('clase_eoi/serial', Buffer.from(text), 0, false)
      },
      stop: async () => {}
    }
  }
}
