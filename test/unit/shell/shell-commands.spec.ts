// The shell's own commands, with stand-ins for Electron's save dialog and shell.openPath: which
// name and filters the dialog offers, that nothing is exported when the teacher closes it, and
// that a folder that will not open says which one.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HistoryFilter } from '../../../electron/contract'
import type { FileExportEnd } from '../../../electron/core/history/exports'
import { PuenteError } from '../../../electron/core/util/problem'
import {
  exportFileName,
  saveDialogOptions,
  shellHandlers,
  type SaveDialogOptions,
  type ShellCommandDeps
} from '../../../electron/main/shell-commands'
import { tempDir } from '../../helpers/tmp'

const NOW = new Date(2026, 10, 30, 9, 15).getTime()
const at = (y: number, m: number, d: number, h = 12): string =>
  new Date(y, m - 1, d, h).toISOString()

/** A stand-in for Electron's dialog.showSaveDialog: records the options, answers as told. */
class StandInSaveDialog {
  shown: SaveDialogOptions[] = []
  constructor(private readonly answer: { canceled: boolean; filePath?: string }) {}
  show = async (opts: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }> => {
    this.shown.push(opts)
    return this.answer
  }
}

/** A stand-in for Electron's shell.openPath: records the folders, answers '' or a reason. */
class StandInOpenPath {
  opened: string[] = []
  constructor(private readonly reason = '') {}
  open = async (dir: string): Promise<string> => {
    this.opened.push(dir)
    return this.reason
  }
}

/** A stand-in for the core's export into a file: records the calls, ends as told. */
class StandInExport {
  calls: { filter: HistoryFilter; format: string; file: string }[] = []
  constructor(private readonly end: FileExportEnd) {}
  run = async (filter: HistoryFilter, format: string, file: string): Promise<FileExportEnd> => {
    this.calls.push({ filter, format, file })
    return this.end
  }
}

function deps(
  dialog: StandInSaveDialog,
  exporter: StandInExport,
  opener = new StandInOpenPath(),
  logDir = path.join(tempDir(), 'traffic')
): ShellCommandDeps {
  return {
    openPath: opener.open,
    showSaveDialog: dialog.show,
    logDir,
    saveDir: '/home/ana/Documentos',
    language: () => 'es',
    exportToFile: exporter.run,
    now: () => NOW
  }
}

describe('the name the save dialog offers', () => {
  it('the day searched, the first and last day of a range, or today', () => {
    const day = { from: at(2026, 11, 28, 0), to: at(2026, 11, 28, 23) }
    expect(exportFileName(day, 'csv', NOW)).toBe('puente-2026-11-28.csv')
    expect(exportFileName({ from: at(2026, 11, 2), to: at(2026, 11, 28) }, 'jsonl', NOW)).toBe(
      'puente-2026-11-02_2026-11-28.jsonl'
    )
    expect(exportFileName({ from: at(2026, 11, 2) }, 'csv', NOW)).toBe('puente-2026-11-02.csv')
    expect(exportFileName({}, 'csv', NOW)).toBe('puente-2026-11-30.csv')
  })

  it("in the Documents folder, the chosen format's filter first, in the window's language", () => {
    const es = saveDialogOptions('puente-2026-11-30.csv', 'csv', '/home/ana/Documentos', 'es')
    expect(es.defaultPath).toBe('/home/ana/Documentos/puente-2026-11-30.csv')
    expect(es.filters.map((f) => f.extensions)).toEqual([['csv'], ['jsonl']])
    expect(es.title).toBe('Guardar el historial exportado')
    expect(es.properties).toContain('showOverwriteConfirmation')
    const en = saveDialogOptions('puente-2026-11-30.jsonl', 'jsonl', '/home/ana', 'en')
    expect(en.filters.map((f) => f.extensions)).toEqual([['jsonl'], ['csv']])
    expect(en.filters[1].name).toBe('CSV (spreadsheet)')
  })
})

describe('saving an export from the tray app', () => {
  it('exports into the file the teacher chose and says where and how many', async () => {
    const dialog = new StandInSaveDialog({ canceled: false, filePath: '/home/ana/clase.csv' })
    const exporter = new StandInExport({ state: 'saved', count: 1234 })
    const filter = { from: at(2026, 11, 30, 0), topic: ['aula/#'] }
    const r = await shellHandlers(deps(dialog, exporter))['shell:save-export']({
      filter,
      format: 'csv'
    })
    expect(r).toEqual({ state: 'saved', path: '/home/ana/clase.csv', count: 1234 })
    expect(dialog.shown[0].defaultPath).toBe('/home/ana/Documentos/puente-2026-11-30.csv')
    expect(exporter.calls).toEqual([{ filter, format: 'csv', file: '/home/ana/clase.csv' }])
  })

  it('exports nothing when the teacher closes the dialog', async () => {
    const exporter = new StandInExport({ state: 'saved', count: 1 })
    for (const answer of [{ canceled: true }, { canceled: false, filePath: '' }]) {
      const dialog = new StandInSaveDialog(answer)
      const r = await shellHandlers(deps(dialog, exporter))['shell:save-export']({
        filter: {},
        format: 'jsonl'
      })
      expect(r).toEqual({ state: 'dismissed' })
      expect(dialog.shown).toHaveLength(1)
    }
    expect(exporter.calls).toEqual([])
  })

  it('says cancelled when the export was cancelled while it ran', async () => {
    const dialog = new StandInSaveDialog({ canceled: false, filePath: '/tmp/x.csv' })
    const r = await shellHandlers(deps(dialog, new StandInExport({ state: 'cancelled' })))[
      'shell:save-export'
    ]({ filter: {}, format: 'csv' })
    expect(r).toEqual({ state: 'cancelled' })
  })
})

describe("opening the log's folder", () => {
  /** The shell's commands where only opening a folder matters (no dialog, no export). */
  const folderHandlers = (
    opener: StandInOpenPath,
    logDir: string
  ): ReturnType<typeof shellHandlers> =>
    shellHandlers(
      deps(
        new StandInSaveDialog({ canceled: true }),
        new StandInExport({ state: 'cancelled' }),
        opener,
        logDir
      )
    )

  it('opens the folder, creating it when nothing was logged yet', async () => {
    const opener = new StandInOpenPath()
    const logDir = path.join(tempDir(), 'traffic')
    const h = folderHandlers(opener, logDir)
    expect(await h['shell:open-log-folder']({})).toBeNull()
    expect(opener.opened).toEqual([logDir])
    expect(existsSync(logDir)).toBe(true)
  })

  it("says which folder would not open, and why, in the OS's words", async () => {
    const opener = new StandInOpenPath('No application is registered to open folders')
    const logDir = path.join(tempDir(), 'traffic')
    const h = folderHandlers(opener, logDir)
    const err = await h['shell:open-log-folder']({}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PuenteError)
    expect((err as PuenteError).problem).toMatchObject({
      code: 'shell-open-failed',
      params: { path: logDir, reason: 'No application is registered to open folders' }
    })
  })
})
