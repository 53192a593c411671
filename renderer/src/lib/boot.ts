import { api, onHostLink } from './api'
import { connection } from './connection.svelte'
import { settings } from './settings.svelte'
import { traffic } from './traffic.svelte'
import { ui } from './ui.svelte'

/**
 * Starts the window's state: subscribes every state module to its events, then loads the
 * snapshot (again whenever the web host's socket comes back). Returns the cleanup.
 */
export function startState(): () => void {
  const load = async (): Promise<void> => {
    const r = await api.invoke('app:get-snapshot')
    if (!r.ok) return
    settings.load(r.value)
    connection.load(r.value)
    traffic.load(r.value)
  }
  const offs = [
    connection.subscribe(),
    settings.subscribe(),
    traffic.subscribe(),
    ui.subscribe(),
    onHostLink((up) => {
      const back = up && !connection.hostUp
      connection.hostUp = up
      if (back) void load()
    })
  ]
  void load()
  return () => offs.forEach((off) => off())
}
