import type { Handlers } from '../../commands'
import { problem, PuenteError } from '../../util/problem'

type VirtualHandlers = Pick<Handlers, `virtual:${string}` & keyof Handlers>

const unavailable = (): never => {
  throw new PuenteError(problem('virtual-unavailable', 'The virtual board is not running.'))
}

/** The virtual board's commands of the contract (inputs already validated). */
export function virtualHandlers(): VirtualHandlers {
  return {
    'virtual:get-state': unavailable,
    'virtual:run': unavailable,
    'virtual:stop': unavailable,
    'virtual:reset': unavailable,
    'virtual:button': unavailable,
    'virtual:read-file': unavailable,
    'virtual:write-file': unavailable,
    'virtual:rename-file': unavailable,
    'virtual:delete-file': unavailable,
    'virtual:export': unavailable
  }
}
