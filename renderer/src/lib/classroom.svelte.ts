import type { ClassroomState, Problem } from '../../../electron/contract'
import { api, follow } from './api'

/** The class broker's state (addresses, credentials, clients), kept in step with the core. */
class ClassroomModel {
  state = $state.raw<ClassroomState | undefined>()
  busy = $state(false)
  /** The last refused action, in words. */
  problem = $state.raw<Problem | undefined>()

  /** Subscribes to the class events and loads the state; returns the cleanup. */
  start(): () => void {
    return follow('classroom:get-state', 'classroom:state', (s) => (this.state = s))
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
