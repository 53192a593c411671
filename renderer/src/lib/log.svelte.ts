import type { LogInfo, Problem, Settings } from '../../../electron/contract'
import { api } from './api'
import { settings } from './settings.svelte'

/** How long the log is kept and how big it may grow (0: forever, no cap). */
export type RetentionRule = Pick<Settings['traffic'], 'keepDays' | 'maxTotalBytes'>

/**
 * The message log on disk as the Settings tab shows it: its folder and size, opening the folder
 * (tray app), and its retention rule, which deletes older files as soon as it is applied.
 */
class LogState {
  info = $state.raw<LogInfo | undefined>()
  error = $state<Problem | undefined>()
  /** The tray app can open folders; a browser may be on another machine, so it copies the path. */
  readonly canOpen = api.host === 'electron'

  /** Reads the folder's size again (the tab asks each time it opens). */
  async refresh(): Promise<void> {
    const r = await api.invoke('history:log-info', {})
    if (r.ok) this.info = r.value
    this.error = r.ok ? undefined : r.error
  }

  /** What `rule` would delete now, without deleting anything. */
  async preview(rule: RetentionRule): Promise<LogInfo['wouldDelete'] | Problem> {
    const r = await api.invoke('history:log-info', { rule })
    return r.ok ? r.value.wouldDelete : r.error
  }

  /** Saves the rule (the core applies it at once) and shows the size it leaves. */
  async apply(rule: RetentionRule): Promise<Problem | undefined> {
    const problem = await settings.update({ traffic: rule })
    await this.refresh()
    return problem
  }

  /** Opens the folder in the OS's file manager (tray app only). */
  async openFolder(): Promise<void> {
    const r = await api.invoke('shell:open-log-folder', {})
    this.error = r.ok ? undefined : r.error
  }
}

export const logState = new LogState()
