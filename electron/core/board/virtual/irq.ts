/** A Python callable, as the interpreter hands it to JS. */
export type PyCallable = (...args: unknown[]) => unknown

const IRQ_RISING = 1
const IRQ_FALLING = 2
/** Edges replayed one by one at most; past that the pin's level is taken as it is now. */
const MAX_REPLAYED = 8

/** A pin's irq(): its trigger and handler, the edges seen so far and the level they left. */
export interface Irq {
  trigger: number
  handler: PyCallable
  pin: unknown
  seen: number
  level: number
}

/**
 * Turns the edges the main thread counted since the last look into handler calls, as the chip's
 * edge detector would. The level follows the counted edges: the pin may already show the next
 * press, whose edge is counted a moment later (reading the pin here lost that press's edge).
 */
export function replayEdges(
  irq: Irq,
  count: number,
  read: () => number,
  call: (handler: PyCallable, pin: unknown) => void
): void {
  const all = (count - irq.seen) | 0
  irq.seen = count
  for (let n = Math.min(MAX_REPLAYED, all); n > 0; n--) {
    irq.level = irq.level ? 0 : 1
    if (irq.trigger & (irq.level ? IRQ_RISING : IRQ_FALLING)) call(irq.handler, irq.pin)
  }
  if (all > MAX_REPLAYED) irq.level = read()
}
