import { problem, PuenteError } from '../../util/problem'
import type { BoardRuntime } from './runtime'

/** Makes the virtual board's interpreter (MicroPython in its worker thread). */
export function createVirtualRuntime(): BoardRuntime {
  throw new PuenteError(problem('virtual-unavailable', 'The virtual board is not running.'))
}
