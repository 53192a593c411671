import type { ServiceHandlers } from '../commands'
import type { ProfilesService } from './service'

type ProfileHandlers = Pick<
  ServiceHandlers,
  'profiles:get-state' | 'profiles:save' | 'profiles:delete' | 'profiles:activate' | 'profiles:test'
>

/** The connection profiles' commands of the contract (inputs already validated). */
export function profileHandlers(profiles: ProfilesService): ProfileHandlers {
  return {
    'profiles:get-state': async () => profiles.state(),
    'profiles:save': (p) => profiles.save(p),
    'profiles:delete': ({ id }) => profiles.delete(id),
    'profiles:activate': ({ id }) => profiles.activate(id),
    'profiles:test': (q) => profiles.test(q)
  }
}
