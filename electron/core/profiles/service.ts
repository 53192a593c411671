import type { Hub } from '../hub'
import type { Service } from '../service'
import { profilesState } from './profiles'

/**
 * Keeps the windows (and the tray tooltip) told which profile is in force, also when the broker
 * changes another way than through a profile (the settings form).
 */
export class ProfilesService implements Service {
  readonly name = 'profiles'
  private off: (() => void) | undefined
  private last = ''

  async start(hub: Hub): Promise<void> {
    this.last = JSON.stringify(profilesState(hub.settings))
    this.off = hub.events.on('settings:changed', (settings) => {
      const s = profilesState(settings)
      const key = JSON.stringify(s)
      if (key === this.last) return
      this.last = key
      hub.events.emit('profiles:state', s)
    })
  }

  async stop(): Promise<void> {
    this.off?.()
  }
}
