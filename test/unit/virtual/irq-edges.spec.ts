// The virtual board's pin interrupts, from the edges the main thread counts: every press of BOOT
// is one falling edge, even when the pin already shows the next press before its edge is counted
// (the main thread stores the level, then bumps the count; the worker may look in between).
import { expect, it } from 'vitest'
import { C, CONTROL_WORDS } from '../../../electron/core/board/virtual/control'
import { Hardware } from '../../../electron/core/board/virtual/hardware'
import { DEFAULT_WIRING } from '../../../electron/core/board/virtual/wiring'

const IRQ_FALLING = 2
const BOOT = 0

it('a press whose level shows before its edge is counted still calls the handler', () => {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4))
  control.fill(-1, C.LEVEL, C.LEVEL + 64)
  control[C.LEVEL + BOOT] = 1 // pulled up: released
  const calls: unknown[] = []
  const hw = new Hardware({
    control,
    input: new Uint8Array(16),
    wiring: DEFAULT_WIRING,
    id: [1, 2, 3, 4, 5, 6],
    led: () => undefined,
    interrupt: () => undefined,
    // what micropython.schedule would queue: the handler runs between two bytecodes
    schedule: () => (handler: unknown, arg: unknown) => calls.push([handler, arg]),
    flush: () => undefined,
    memoryFull: () => false,
    reset: () => undefined
  })
  const placa = hw.module() as { pin_irq: (...a: unknown[]) => void }
  placa.pin_irq(BOOT, IRQ_FALLING, () => undefined, 'boton')
  const level = (v: number): void => void Atomics.store(control, C.LEVEL + BOOT, v)
  const edge = (): void => void Atomics.add(control, C.EDGES + BOOT, 1)

  level(0)
  edge()
  hw.poll()
  expect(calls).toHaveLength(1)
  level(1)
  edge() // released
  level(0) // the next press: its level is already stored…
  hw.poll() // …when the worker looks, before its edge is counted
  edge()
  hw.poll()
  expect(calls).toHaveLength(2)
})
