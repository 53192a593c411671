import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Events, ExportProgress, LogMessage } from '../../../electron/contract'
import { ExportCancelled, exportToFile } from '../../../electron/core/history/export-file'
import { HistoryExports } from '../../../electron/core/history/exports'
import { TrafficLog } from '../../../electron/core/traffic/log'
import { PuenteError } from '../../../electron/core/util/problem'
import { message, plainRead } from '../../helpers/history'
import { cannotMount, mountTmpfs, type SmallDisk } from '../../helpers/mount'
import { tempDir } from '../../helpers/tmp'

const dataDir = tempDir()
const N = 5000

beforeAll(async () => {
  const log = new TrafficLog(dataDir, 128 * 1024)
  const base = Date.parse('2026-11-30T09:00:00.000Z')
  for (let i = 0; i < N; i++) {
    const t = new Date(base + i * 10)
    const payload = i % 13 ? `temp ${i}, "ok" ñ\n` : Buffer.from([0xff, i & 0xff])
    log.append(message(t.toISOString(), `aula/${i % 7}`, payload), t.getTime())
    if (i % 500 === 499) await log.flush()
  }
  await log.close()
})

/** The folder holds exactly `names` (no temporary part left beside them). */
function only(dir: string, names: string[]): void {
  expect(readdirSync(dir).sort()).toEqual(names.sort())
}

/** Runs `fn` expecting a PuenteError; returns its Problem. */
async function refused(fn: () => Promise<unknown>): Promise<PuenteError['problem']> {
  try {
    await fn()
  } catch (err) {
    if (err instanceof PuenteError) return err.problem
    throw err
  }
  throw new Error('it did not fail')
}

describe('an export saved into a file the teacher chose', () => {
  it('writes the whole CSV (BOM, header, every row) and only then puts it under its name', async () => {
    const out = tempDir()
    const target = path.join(out, 'puente-2026-11-30.csv')
    const seen: number[] = []
    const count = await exportToFile(dataDir, {}, target, {
      format: 'csv',
      onBatch: (n) => {
        seen.push(n)
        // while it is written, the teacher's name does not exist yet
        expect(existsSync(target)).toBe(false)
      }
    })
    expect(count).toBe(N)
    expect(seen.length).toBeGreaterThan(1)
    only(out, ['puente-2026-11-30.csv'])
    const text = readFileSync(target, 'utf8')
    expect(text.startsWith('\ufeff')).toBe(true)
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[]
    const plain = plainRead(dataDir).lines.map((l) => JSON.parse(l) as LogMessage)
    expect(rows.length).toBe(plain.length)
    expect(rows.map((r) => [r.t, r.topic, r.enc, r.payload])).toEqual(
      plain.map((m) => [m.t, m.topic, m.enc, m.payload])
    )
  })

  it("writes JSONL as the log's own lines, filtered", async () => {
    const out = tempDir()
    const target = path.join(out, 'aula3.jsonl')
    const count = await exportToFile(dataDir, { topic: ['aula/3'] }, target, { format: 'jsonl' })
    const want = plainRead(dataDir, { topic: ['aula/3'] }).lines
    expect(count).toBe(want.length)
    expect(readFileSync(target, 'utf8')).toBe(want.join('\n') + '\n')
  })

  it('leaves nothing behind on cancel, and an older file of that name as it was', async () => {
    const out = tempDir()
    const target = path.join(out, 'puente.csv')
    writeFileSync(target, 'la de ayer\n')
    const abort = new AbortController()
    await expect(
      exportToFile(dataDir, {}, target, {
        format: 'csv',
        signal: abort.signal,
        onBatch: () => abort.abort()
      })
    ).rejects.toBeInstanceOf(ExportCancelled)
    only(out, ['puente.csv'])
    expect(readFileSync(target, 'utf8')).toBe('la de ayer\n')
  })

  it('says which path when the folder does not exist', async () => {
    const target = path.join(tempDir(), 'no-such-folder', 'x.csv')
    const p = await refused(() => exportToFile(dataDir, {}, target, { format: 'csv' }))
    expect(p.code).toBe('history-export-failed')
    expect(p.params?.path).toBe(target)
    expect(p.message).toContain(target)
  })
})

const noMount = cannotMount()
describe.skipIf(noMount)('an export onto a disk that refuses it', () => {
  const disks: SmallDisk[] = []
  afterEach(() => {
    for (const d of disks.splice(0)) d.unmount()
  })

  it('on a read-only disk: a Problem naming the path, no file', async () => {
    const disk = mountTmpfs(1024)
    disks.push(disk)
    disk.readOnly(true)
    const target = path.join(disk.dir, 'puente.csv')
    const p = await refused(() => exportToFile(dataDir, {}, target, { format: 'csv' }))
    expect(p).toMatchObject({ code: 'history-export-denied', params: { path: target } })
    expect(p.message).toContain(target)
    only(disk.dir, [])
  })

  it('on a disk that fills up mid-way: a Problem naming the path, no partial file', async () => {
    const disk = mountTmpfs(64) // far less than the export
    disks.push(disk)
    const target = path.join(disk.dir, 'puente.jsonl')
    const p = await refused(() => exportToFile(dataDir, {}, target, { format: 'jsonl' }))
    expect(p).toMatchObject({ code: 'history-export-full', params: { path: target } })
    only(disk.dir, [])
  })
})

describe("the core's exports, one at a time with progress events", () => {
  function exportsWithEvents(): { exports: HistoryExports; events: ExportProgress[] } {
    const events: ExportProgress[] = []
    const emit = <K extends keyof Events>(name: K, payload: Events[K]): void => {
      if (name === 'history:export') events.push(payload as ExportProgress)
    }
    return {
      exports: new HistoryExports({ dataDir, flushLog: async () => undefined, emit }),
      events
    }
  }

  it('reports running then done with the count and the path', async () => {
    const { exports, events } = exportsWithEvents()
    const target = path.join(tempDir(), 'e.csv')
    expect(await exports.toFile({}, 'csv', target)).toEqual({ state: 'saved', count: N })
    expect(events[0]).toMatchObject({ state: 'running', path: target, count: 0 })
    expect(events.at(-1)).toMatchObject({ state: 'done', path: target, count: N })
    expect(events.at(-1)?.bytesRead).toBe(events.at(-1)?.bytesTotal)
  })

  it('refuses a second export while one runs, and cancels the first without a file', async () => {
    const { exports, events } = exportsWithEvents()
    const out = tempDir()
    const first = exports.toFile({}, 'csv', path.join(out, 'a.csv'))
    const p = await refused(() => exports.toFile({}, 'csv', path.join(out, 'b.csv')))
    expect(p.code).toBe('history-export-busy')
    exports.cancel()
    expect(await first).toEqual({ state: 'cancelled' })
    expect(events.at(-1)?.state).toBe('cancelled')
    only(out, [])
  })

  it('reports a failure with its Problem', async () => {
    const { exports, events } = exportsWithEvents()
    const target = path.join(tempDir(), 'missing', 'x.csv')
    await refused(() => exports.toFile({}, 'csv', target))
    expect(events.at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'history-export-failed', params: { path: target } }
    })
  })
})
