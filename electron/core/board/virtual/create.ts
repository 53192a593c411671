import { VirtualBoard } from './board'
import type { BoardRuntime, RuntimeOptions } from './runtime'

/** Makes the virtual board's interpreter (MicroPython in its worker thread). */
export function createVirtualRuntime(opts: RuntimeOptions): BoardRuntime {
  return new VirtualBoard(opts)
}
