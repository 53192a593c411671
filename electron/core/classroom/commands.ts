import type { Handlers } from '../commands'
import type { Hub } from '../hub'
import { problem, PuenteError } from '../util/problem'
import type { ClassroomService } from './service'

/** The class service, or a clear error when this host runs without it. */
function classroom(hub: Hub): ClassroomService {
  const s = hub.service<ClassroomService>('classroom')
  if (!s)
    throw new PuenteError(
      problem('classroom-unavailable', 'The class broker is not part of this Puente.')
    )
  return s
}

/** The class broker's commands: open and close it to the network, its state and credentials. */
export function classroomHandlers(
  hub: Hub
): Pick<Handlers, 'classroom:get-state' | 'classroom:open' | 'classroom:close'> {
  return {
    'classroom:get-state': async () => classroom(hub).state(),
    'classroom:open': (opts) => classroom(hub).open(opts),
    'classroom:close': () => classroom(hub).close()
  }
}
