/** The window as a whole: what it gets when it opens, notices, and the shell's tab requests. */
import * as v from 'valibot'
import { EmptySchema, type Problem } from './fields'
import type { BrokerStatus, MqttStatus } from './mqtt'
import { SettingsPatchSchema, type Settings } from './settings'
import type { LogState, TopicStat, TrafficMessage } from './traffic'

export interface Notice extends Problem {
  id: number
  level: 'info' | 'warning' | 'error'
  /** The last time it happened. */
  at: string
  /** How many times it happened (the same notice again raises this, it is not a new one). */
  count?: number
  /** The condition it belongs to: when that ends, the core clears it (`notice:cleared`). */
  key?: string
}

export interface AppSnapshot {
  version: string
  host: 'electron' | 'web'
  settings: Settings
  mqtt: MqttStatus
  broker: BrokerStatus
  topics: TopicStat[]
  /** The newest messages of the ring, oldest first. */
  messages: TrafficMessage[]
  /** The log on disk: writing, off, or stopped and why (a full disk). */
  log?: LogState
  notices: Notice[]
}

/** The window's sections, as the shell may ask for them (the renderer's TABS satisfy this). */
export type WindowTab =
  'messages' | 'topics' | 'publish' | 'history' | 'board' | 'weather' | 'class' | 'settings'

export const appCommands = {
  'app:get-snapshot': EmptySchema,
  'settings:update': SettingsPatchSchema,
  'notices:dismiss': v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) })
} as const

export interface AppResults {
  'app:get-snapshot': AppSnapshot
  'settings:update': Settings
  'notices:dismiss': null
}

export interface AppEvents {
  'settings:changed': Settings
  notice: Notice
  /** Notices to take away in every window (their condition ended, or one was dismissed). */
  'notice:cleared': { ids: number[] }
  /**
   * The Electron shell asks its own window to show a section (the tray's "Class broker" opens
   * the Class tab). Sent by main to its window only, never by the core, so it is not in
   * eventNames: no host forwards it (a projector must not jump to the password).
   */
  'app:show-tab': { tab: WindowTab }
}
