/**
 * What only the tray app's shell can do for its window (the OS's file manager, its save dialog).
 * The shell answers these itself; the core refuses them, so a web host's window gets a reason.
 */
import * as v from 'valibot'
import { EmptySchema } from './fields'
import { HistoryFilterSchema } from './history'

export const shellCommands = {
  /** Opens the traffic log's folder in the OS's file manager (the shell knows the path). */
  'shell:open-log-folder': EmptySchema,
  /**
   * Asks where to save the filtered history, then exports it there with `history:export`
   * progress events. The path never comes from the window: the save dialog gives it.
   */
  'shell:save-export': v.strictObject({
    filter: HistoryFilterSchema,
    format: v.picklist(['csv', 'jsonl'])
  })
} as const

/**
 * The preload's word to the shell that its page was handed one traffic batch: the shell paces
 * batches by it (IPC has no bufferedAmount). Not a command: the page cannot send it.
 */
export const TRAFFIC_TAKEN_CHANNEL = 'puente:traffic-taken'

export type ShellCommandName = keyof typeof shellCommands

/** How a save ended: written (where, how many), or the teacher closed the dialog or cancelled. */
export type SaveExportResult =
  { state: 'saved'; path: string; count: number } | { state: 'dismissed' } | { state: 'cancelled' }

export interface ShellResults {
  'shell:open-log-folder': null
  'shell:save-export': SaveExportResult
}

export type ShellEvents = Record<never, never>
