import type { ServiceHandlers } from '../commands'
import type { ClassroomService } from './service'

/** The class broker's commands. */
export function classroomHandlers(
  classroom: ClassroomService
): Pick<ServiceHandlers, 'classroom:get-state' | 'classroom:open' | 'classroom:close'> {
  return {
    'classroom:get-state': async () => classroom.state(),
    'classroom:open': (opts) => classroom.open(opts),
    'classroom:close': () => classroom.close()
  }
}
