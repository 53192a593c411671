import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TrafficLog } from '../../../electron/core/traffic/log'
import { message, plainRead, readAll } from '../../helpers/history'
import { tempDir } from '../../helpers/tmp'

const DAY1 = Date.parse('2026-03-10T12:00:00.000Z')
const DAY2 = Date.parse('2026-03-11T12:00:00.000Z')
const TOPICS = ['aula/1/temp', 'aula/2/temp', 'aula/ñandú/℃', 'clase_eoi/boton', 'x']

/** A log written by Puente's own writer: two days, small files so each day rotates. */
async function writeLog(): Promise<string> {
  const dir = tempDir()
  const log = new TrafficLog(dir, 4096, 60_000)
  for (const base of [DAY1, DAY2]) {
    for (let i = 0; i < 300; i++) {
      const t = new Date(base + i * 1000)
      const topic = TOPICS[i % TOPICS.length]
      const payload = i % 7 === 0 ? Buffer.from([0xff, 0x00, i & 0xff]) : `v=${i} "q" ñ\n`
      log.append(message(t.toISOString(), topic, payload, i % 3 ? 'in' : 'out'), t.getTime())
      if (i % 10 === 9) await log.flush()
    }
    if (base === DAY1) {
      // the clock stepped back: one write too big for the current part lands in the next one,
      // older than the last lines of the part before
      for (let i = 0; i < 40; i++) {
        const t = new Date(DAY1 + 250_500 + i * 1000)
        log.append(message(t.toISOString(), 'aula/1/temp', `late ${i}`), t.getTime())
      }
      await log.flush()
    }
  }
  await log.close()
  return dir
}

describe('the history reader', () => {
  it('reads a log of two days with rotation exactly as a plain JSON reading does', async () => {
    const dir = await writeLog()
    const files = readdirSync(path.join(dir, 'traffic'))
    expect(files.filter((f) => /\.\d+\.jsonl$/.test(f)).length).toBeGreaterThan(4)
    const { entries, batches } = await readAll(dir)
    const plain = plainRead(dir)
    expect(entries.length).toBe(640)
    expect(batches).toBeGreaterThan(80)
    expect(entries.map((e) => e.line)).toEqual(plain.lines)
    // the files read in name order are not in time order: the merge put them right
    const inFileOrder = files
      .sort()
      .flatMap((f) => readFileSync(path.join(dir, 'traffic', f), 'utf8').split('\n'))
    expect(inFileOrder.filter(Boolean)).not.toEqual(plain.lines)
    const keys = entries.map((e) => e.key)
    expect(keys).toEqual([...keys].sort())
    expect(entries.some((e) => e.msg.enc === 'base64')).toBe(true)
  })

  it('filters by time, topic, text and direction like the plain reading', async () => {
    const dir = await writeLog()
    const cases = [
      { from: '2026-03-10T12:01:00.000Z', to: '2026-03-10T12:03:00.000Z' },
      { topic: ['aula/ñandú/℃'] },
      { topic: ['aula/+/temp'], dir: 'out' as const },
      { topic: ['aula/#', 'x'], from: '2026-03-11T00:00:00.000Z' },
      { topic: ['+/1/temp'] },
      { text: '"q" ñ' },
      { text: 'late', topic: ['aula/1/temp'] },
      { topic: ['nadie/aqui'] }
    ]
    for (const f of cases) {
      const { entries } = await readAll(dir, f)
      expect(
        entries.map((e) => e.line),
        JSON.stringify(f)
      ).toEqual(plainRead(dir, f).lines)
    }
    expect((await readAll(dir, { topic: ['nadie/aqui'] })).entries).toEqual([])
  })

  it('skips and counts torn and hand-broken lines, and keeps a hand-added last line without newline', async () => {
    const dir = await writeLog()
    const file = path.join(dir, 'traffic', readdirSync(path.join(dir, 'traffic')).sort()[0])
    appendFileSync(file, 'not json\n{"t":"2026-03-10T12:00:00.500Z","dir":"sideways"}\n\n')
    const last = path.join(dir, 'traffic', '2026-03-11.jsonl')
    appendFileSync(last, '{"t":"2026-03-11T13:00:00.000Z","dir":"in","topic":"x","qos":0,"retai')
    const kept = path.join(dir, 'traffic', '2026-03-12.jsonl')
    writeFileSync(
      kept,
      '{"t":"2026-03-12T10:00:00Z", "dir":"in","topic":"x","qos":0,"retain":false,"payload":"a","enc":"utf8","replay":true}'
    )
    const { entries, skipped } = await readAll(dir)
    expect(skipped).toBe(3)
    expect(entries.length).toBe(641)
    expect(entries.at(-1)?.msg).toMatchObject({ topic: 'x', replay: true })
    expect(entries.at(-1)?.key).toBe('2026-03-12T10:00:00.000Z')
  })

  it('reads nothing, without error, from a data dir with no log', async () => {
    expect((await readAll(tempDir())).entries).toEqual([])
  })
})
