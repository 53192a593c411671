import type { WindowTab } from '../../../electron/contract'
import { api } from './api'

/** The sections of the window, in tab order. */
export const TABS = [
  'messages',
  'topics',
  'publish',
  'history',
  'board',
  'weather',
  'class',
  'settings'
] as const satisfies readonly WindowTab[]
export type Tab = (typeof TABS)[number]

/** True for one of our tabs (the shell's request is checked, not trusted). */
export function isTab(tab: unknown): tab is Tab {
  return typeof tab === 'string' && (TABS as readonly string[]).includes(tab)
}

/** Which section the window shows (views switch it, e.g. a topic click opens its messages). */
class Ui {
  tab = $state<Tab>('messages')

  /** Follows the shell's requests (the tray's "Class broker" opens the Class tab); returns the cleanup. */
  subscribe(): () => void {
    return api.on('app:show-tab', (p) => {
      if (isTab(p?.tab)) this.tab = p.tab
    })
  }
}

export const ui = new Ui()
