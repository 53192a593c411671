import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HistoryFilter, HistoryPage, LogMessage } from '../../../electron/contract'
import type { Puente } from '../../../electron/core/puente'
import { TrafficLog } from '../../../electron/core/traffic/log'
import { cmd, startTestHub, tempDir } from '../../helpers/hub'
import { message, plainRead } from '../../helpers/history'

const BASE = Date.parse('2026-03-10T10:00:00.000Z')
const DAY: HistoryFilter = { from: '2026-03-10T00:00:00.000Z', to: '2026-03-10T23:59:59.999Z' }

/** 3,000 messages on 2026-03-10, some with 2 KB payloads so pages fill by bytes too. */
async function writeLog(dir: string): Promise<void> {
  const log = new TrafficLog(dir, 256 * 1024)
  for (let i = 0; i < 3000; i++) {
    const t = new Date(BASE + i * 100)
    const payload = i % 5 === 0 ? 'x'.repeat(2000) + i : `{"temp":${i % 40}}`
    log.append(message(t.toISOString(), `aula/${i % 20}/temp`, payload), t.getTime())
    if (i % 100 === 99) await log.flush()
  }
  await log.close()
}

describe('history queries through the contract', () => {
  let hub: Puente
  const dataDir = tempDir()

  beforeAll(async () => {
    await writeLog(dataDir)
    // an old log: retention must keep it for this test
    hub = await startTestHub({ traffic: { keepDays: 0 } }, dataDir)
  })
  afterAll(() => hub.stop())

  /** Pulls every page of a query. */
  async function pull(f: HistoryFilter): Promise<HistoryPage[]> {
    const { queryId, bytesTotal } = await cmd(hub, 'history:query', f)
    expect(bytesTotal).toBeGreaterThan(0)
    const pages: HistoryPage[] = []
    for (let page; !page?.done;) pages.push((page = await cmd(hub, 'history:page', { queryId })))
    return pages
  }

  it('streams a range in bounded pages that add up to the plain reading of the files', async () => {
    const pages = await pull(DAY)
    const lines = plainRead(dataDir, DAY).lines
    expect(lines.length).toBe(3000)
    expect(pages.length).toBeGreaterThan(6)
    for (const p of pages) {
      expect(p.messages.length).toBeLessThanOrEqual(500)
      const bytes = p.messages.reduce((n, m) => n + JSON.stringify(m).length, 0)
      expect(bytes).toBeLessThan(256 * 1024 + 3000)
    }
    const got = pages.flatMap((p) => p.messages)
    expect(got).toEqual(lines.map((l) => JSON.parse(l) as LogMessage))
    const last = pages.at(-1)!
    expect(last).toMatchObject({ done: true, matched: 3000, skipped: 0 })
    expect(last.bytesRead).toBe(last.bytesTotal)
    // progress only grows
    const read = pages.map((p) => p.matched)
    expect(read).toEqual([...read].sort((a, b) => a - b))
  })

  it('filters by topic and text like the plain reading', async () => {
    const f: HistoryFilter = { ...DAY, topic: ['aula/3/+', 'aula/7/temp'], text: '"temp":3' }
    const got = (await pull(f)).flatMap((p) => p.messages)
    expect(got.length).toBeGreaterThan(10)
    expect(got).toEqual(plainRead(dataDir, f).lines.map((l) => JSON.parse(l) as LogMessage))
  })

  it('cancels a query: its next page is refused in words, and a bad filter is refused', async () => {
    const { queryId } = await cmd(hub, 'history:query', DAY)
    const first = await cmd(hub, 'history:page', { queryId })
    expect(first.done).toBe(false)
    await cmd(hub, 'history:cancel', { queryId })
    const r = await hub.invoke('history:page', { queryId })
    expect(r).toMatchObject({ ok: false, error: { code: 'history-query-closed' } })
    const bad = await hub.invoke('history:query', { topic: ['a/#/b'] })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await hub.dispatch('traffic:export', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-command' }
    })
  })
})
