import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LogMessage } from '../../../electron/contract'
import { TrafficLog } from '../../../electron/core/traffic/log'
import { message, plainRead } from '../../helpers/history'
import { freePort } from '../../helpers/ports'
import { startServe, type Served } from '../../helpers/serve'
import { tempDir } from '../../helpers/tmp'

describe('the web host streams a history export as a download', () => {
  let served: Served
  const dataDir = tempDir()

  beforeAll(async () => {
    const log = new TrafficLog(dataDir)
    const base = Date.parse('2026-03-10T10:00:00.000Z')
    for (let i = 0; i < 4000; i++) {
      const t = new Date(base + i * 10)
      const payload = i % 11 ? `dato ${i}, "ok"\n` : Buffer.from([0xff, i & 0xff])
      log.append(message(t.toISOString(), `aula/${i % 4}`, payload), t.getTime())
    }
    await log.close()
    // an old log: retention must keep it for this test
    writeFileSync(path.join(dataDir, 'settings.json'), '{"version":1,"traffic":{"keepDays":0}}')
    served = await startServe([
      '--data-dir',
      dataDir,
      '--broker-port',
      String(await freePort()),
      '--http-port',
      '0',
      '--serial',
      'off'
    ])
  })
  afterAll(() => served.stop())

  it('as CSV with a BOM that a CSV parser reads back to the range', async () => {
    const from = '2026-03-10T10:00:05.000Z'
    const to = '2026-03-10T10:00:30.000Z'
    const res = await fetch(
      `${served.url}/history/export?format=csv&from=${from}&to=${to}&topic=aula/1&topic=aula/2`
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="puente-.*\.csv"/)
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const rows = parse(body, { columns: true, bom: true }) as Record<string, string>[]
    const want = plainRead(dataDir, { from, to, topic: ['aula/1', 'aula/2'] }).lines.map(
      (l) => JSON.parse(l) as LogMessage
    )
    expect(want.length).toBeGreaterThan(1000)
    expect(rows.map((r) => [r.t, r.topic, r.enc, r.payload])).toEqual(
      want.map((m) => [m.t, m.topic, m.enc, m.payload])
    )
  })

  it('as JSONL, the log’s own lines; a bad filter gets 400 in words', async () => {
    const res = await fetch(`${served.url}/history/export?format=jsonl&topic=aula/3`)
    expect(await res.text()).toBe(plainRead(dataDir, { topic: ['aula/3'] }).lines.join('\n') + '\n')
    const bad = await fetch(`${served.url}/history/export?format=csv&topic=a/%23/b`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/wildcard must fill a whole level/)
  })
})
