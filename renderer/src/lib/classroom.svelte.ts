import type { ClassroomState, Problem } from '../../../electron/contract'
import { api, onHostLink } from './api'

/** The class broker's state (addresses, credentials, clients), kept in step with the core. */
class ClassroomModel {
  state = $state.raw<ClassroomState | undefined>()
  busy = $state(false)
  /** The last refused action, in words. */
  problem = $state.raw<Problem | undefined>()

  /** Subscribes to the class events and loads the state; returns the cleanup. */
  start(): () => void {
    const load = async (): Promise<void> => {
      const r = await api.invoke('classroom:get-state')
      if (r.ok) this.state = r.value
    }
    const offs = [
      api.on('classroom:state', (s) => (this.state = s)),
      onHostLink((up) => {
        if (up) void load()
      })
    ]
    void load()
    return () => offs.forEach((off) => off())
  }

  private async run(action: () => ReturnType<typeof api.invoke<'classroom:open'>>): Promise<void> {
    this.busy = true
    const r = await action()
    this.busy = false
    this.problem = r.ok ? undefined : r.error
    if (r.ok) this.state = r.value
  }

  /** Opens the broker to the classroom network (with a new user name or password when given). */
  open(opts: { username?: string; password?: string; newPassword?: boolean } = {}): Promise<void> {
    return this.run(() => api.invoke('classroom:open', opts))
  }

  /** Closes it back to this computer. */
  close(): Promise<void> {
    return this.run(() => api.invoke('classroom:close'))
  }
}

export const classroom = new ClassroomModel()
