// The tray app's export and log folder through IPC against the real core: the window's
// shell:save-export opens the (stand-in) save dialog, the core writes the chosen file with
// progress events that reach the window, and every refusal happens before any dialog opens.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportProgress } from '../../../electron/contract'
import type { Puente } from '../../../electron/core/puente'
import { TrafficLog } from '../../../electron/core/traffic/log'
import { forwardEvents, ownSender, registerCommands } from '../../../electron/main/ipc'
import { shellHandlers, type SaveDialogOptions } from '../../../electron/main/shell-commands'
import { message, plainRead } from '../../helpers/history'
import { startTestHub, tempDir } from '../../helpers/hub'
import { MockElectronIpcMain } from '../../helpers/mock-ipc-main'

const APP_URL = 'file:///opt/Puente/resources/app.asar/out/renderer/index.html'

/** A stand-in for Electron's dialog.showSaveDialog: answers with the next path it was given. */
class StandInSaveDialog {
  shown: SaveDialogOptions[] = []
  answers: (string | undefined)[] = []
  show = async (opts: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }> => {
    this.shown.push(opts)
    const filePath = this.answers.shift()
    return filePath ? { canceled: false, filePath } : { canceled: true }
  }
}

// Stand-ins for Electron's objects, only as much as the sender check reads.
const ourContents = { id: 1 } as unknown as WebContents
const ourWindow = { name: 'popover' }
const windowOf = (c: WebContents): unknown => (c === ourContents ? ourWindow : {})
const fromUs = {
  sender: ourContents,
  senderFrame: { url: APP_URL, parent: null }
} as unknown as IpcMainInvokeEvent
const fromOther = {
  sender: {},
  senderFrame: { url: APP_URL, parent: null }
} as unknown as IpcMainInvokeEvent

describe('the tray app saves an export where the teacher chooses', () => {
  let hub: Puente
  const dataDir = tempDir()
  const ipc = new MockElectronIpcMain()
  const dialog = new StandInSaveDialog()
  const opened: string[] = []
  const progress: ExportProgress[] = []

  beforeAll(async () => {
    const log = new TrafficLog(dataDir)
    const base = Date.parse('2026-11-30T09:00:00.000Z')
    for (let i = 0; i < 3000; i++) {
      const t = new Date(base + i * 1000)
      log.append(message(t.toISOString(), `aula/${i % 3}`, `{"temp":${i % 30}}`), t.getTime())
    }
    await log.close()
    hub = await startTestHub({ traffic: { keepDays: 0 } }, dataDir)
    const shell = shellHandlers({
      openPath: async (dir) => {
        opened.push(dir)
        return ''
      },
      showSaveDialog: dialog.show,
      logDir: path.join(dataDir, 'traffic'),
      saveDir: tempDir(),
      language: () => 'en',
      exportToFile: (f, format, file) => hub.services.history.exports.toFile(f, format, file)
    })
    registerCommands(
      ipc,
      hub,
      ownSender({ windowOf, window: () => ourWindow, appUrl: APP_URL }),
      shell
    )
    forwardEvents(hub, (name, payload) => {
      if (name === 'history:export') progress.push(payload as ExportProgress)
    })
  })
  afterAll(() => hub?.stop())

  it('writes the chosen file, says where and how many, and the window sees the progress', async () => {
    const out = tempDir()
    const file = path.join(out, 'clase.csv')
    dialog.answers.push(file)
    const filter = { topic: ['aula/1'] }
    const r = await ipc.invoke(fromUs, 'shell:save-export', { filter, format: 'csv' })
    const want = plainRead(dataDir, filter).lines.length
    expect(want).toBe(1000)
    expect(r).toEqual({ ok: true, value: { state: 'saved', path: file, count: want } })
    expect(readdirSync(out)).toEqual(['clase.csv'])
    const rows = readFileSync(file, 'utf8').trimEnd().split('\r\n')
    expect(rows.length).toBe(want + 1) // the header
    expect(progress[0]).toMatchObject({ state: 'running', path: file })
    expect(progress.at(-1)).toMatchObject({ state: 'done', path: file, count: want })
  })

  it('exports nothing when the dialog is closed', async () => {
    const before = progress.length
    const r = await ipc.invoke(fromUs, 'shell:save-export', { filter: {}, format: 'jsonl' })
    expect(r).toEqual({ ok: true, value: { state: 'dismissed' } })
    expect(dialog.shown.at(-1)?.defaultPath).toMatch(/puente-\d{4}-\d{2}-\d{2}\.jsonl$/)
    expect(progress.length).toBe(before)
  })

  it('refuses bad input and other senders before any dialog opens', async () => {
    const shown = dialog.shown.length
    const bad = await ipc.invoke(fromUs, 'shell:save-export', { filter: {}, format: 'xls' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const stranger = await ipc.invoke(fromOther, 'shell:save-export', { filter: {}, format: 'csv' })
    expect(stranger).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    const folder = await ipc.invoke(fromOther, 'shell:open-log-folder', {})
    expect(folder).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(dialog.shown.length).toBe(shown)
    expect(opened).toEqual([])
  })

  it("opens the log's folder in the shell, not the core", async () => {
    expect(await ipc.invoke(fromUs, 'shell:open-log-folder', {})).toEqual({ ok: true, value: null })
    expect(opened).toEqual([path.join(dataDir, 'traffic')])
  })

  it('the window can still reach the core through the same registration', async () => {
    const r = await ipc.invoke(fromUs, 'history:log-info', {})
    expect(r).toMatchObject({ ok: true, value: { dir: path.join(dataDir, 'traffic') } })
    expect(r.ok && (r.value as { bytes: number }).bytes).toBeGreaterThan(0)
  })
})
