// The commands only the tray app's shell carries out for its window: opening the log's folder in
// the OS's file manager, and saving an export where the teacher chooses. Electron's dialog and
// shell come in as functions, so every decision here is tested in Node.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { CommandArgs, CommandResult, HistoryFilter, SaveExportResult } from '../contract'
import type { ShellCommandName } from '../contract/shell'
import type { FileExportEnd } from '../core/history/exports'
import { dayOf } from '../core/traffic/log'
import { problem, PuenteError } from '../core/util/problem'
import { translate } from '../../renderer/src/lib/i18n/dictionaries'
import type { TrayLanguage } from './tray-texts'

export type ShellHandlers = {
  [K in ShellCommandName]: (args: CommandArgs<K>) => Promise<CommandResult<K>>
}

/** The part of Electron's dialog.showSaveDialog options Puente sets. */
export interface SaveDialogOptions {
  title: string
  defaultPath: string
  filters: { name: string; extensions: string[] }[]
  properties: ('createDirectory' | 'showOverwriteConfirmation')[]
}

/** What the shell's commands need from Electron and the core. */
export interface ShellCommandDeps {
  /** Electron's shell.openPath: '' when it opened, else the reason. */
  openPath(dir: string): Promise<string>
  /** Electron's dialog.showSaveDialog, attached to our window. */
  showSaveDialog(opts: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>
  /** The traffic log's folder. */
  logDir: string
  /** Where the save dialog starts (the user's Documents folder). */
  saveDir: string
  /** The window's language, for the dialog's words. */
  language(): TrayLanguage
  /** The core's export into a file, with its progress events. */
  exportToFile(filter: HistoryFilter, format: 'csv' | 'jsonl', file: string): Promise<FileExportEnd>
  now?(): number
}

/**
 * The name a save dialog offers: the day searched (`puente-2026-11-30.csv`), the first and last
 * day of a longer range, or today when the search has no range.
 */
export function exportFileName(
  filter: HistoryFilter,
  format: 'csv' | 'jsonl',
  now: number
): string {
  const from = filter.from ? dayOf(Date.parse(filter.from)) : undefined
  const to = filter.to ? dayOf(Date.parse(filter.to)) : undefined
  const days = from && to && from !== to ? `${from}_${to}` : (from ?? to ?? dayOf(now))
  return `puente-${days}.${format}`
}

/** The save dialog's options: the offered name in `saveDir`, the chosen format's filter first. */
export function saveDialogOptions(
  name: string,
  format: 'csv' | 'jsonl',
  saveDir: string,
  lang: TrayLanguage
): SaveDialogOptions {
  const csv = { name: translate(lang, 'history.export.filter.csv'), extensions: ['csv'] }
  const jsonl = { name: translate(lang, 'history.export.filter.jsonl'), extensions: ['jsonl'] }
  return {
    title: translate(lang, 'history.export.dialog'),
    defaultPath: path.join(saveDir, name),
    filters: format === 'csv' ? [csv, jsonl] : [jsonl, csv],
    properties: ['createDirectory', 'showOverwriteConfirmation']
  }
}

/** The shell's answers to its own commands (ipc.ts routes them here instead of to the core). */
export function shellHandlers(deps: ShellCommandDeps): ShellHandlers {
  return {
    'shell:open-log-folder': async () => {
      // a log that never wrote has no folder yet: an empty one opens rather than an error
      await mkdir(deps.logDir, { recursive: true }).catch(() => undefined)
      const reason = await deps.openPath(deps.logDir)
      if (reason)
        throw new PuenteError(
          problem('shell-open-failed', `The folder ${deps.logDir} could not be opened: ${reason}`, {
            path: deps.logDir,
            reason
          })
        )
      return null
    },
    'shell:save-export': async ({ filter, format }): Promise<SaveExportResult> => {
      const name = exportFileName(filter, format, deps.now?.() ?? Date.now())
      const chosen = await deps.showSaveDialog(
        saveDialogOptions(name, format, deps.saveDir, deps.language())
      )
      if (chosen.canceled || !chosen.filePath) return { state: 'dismissed' }
      const end = await deps.exportToFile(filter, format, chosen.filePath)
      return end.state === 'saved'
        ? { state: 'saved', path: chosen.filePath, count: end.count }
        : { state: 'cancelled' }
    }
  }
}
