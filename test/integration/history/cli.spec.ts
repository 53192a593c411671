import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { LogMessage } from '../../../electron/contract'
import { logLine, TrafficLog } from '../../../electron/core/traffic/log'
import { message, plainRead } from '../../helpers/history'
import { runHistoryCli } from '../../helpers/history-cli'
import { tempDir } from '../../helpers/tmp'

const BASE = Date.parse('2026-03-10T09:00:00.000Z')
const PAYLOADS = [
  '21,5',
  'dijo "hola"',
  'línea 1\nlínea 2\r\n',
  '',
  ' ñandú 🎉 ',
  '=1+1',
  'a\u0000b'
]

/** A log by Puente's writer with payloads that CSV must quote, binary ones and odd topics. */
async function trickyLog(): Promise<string> {
  const dir = tempDir()
  const log = new TrafficLog(dir, 2048)
  for (let i = 0; i < 120; i++) {
    const t = new Date(BASE + i * 500)
    const payload = i % 9 === 4 ? Buffer.from([0x80, i, 0xfe]) : PAYLOADS[i % PAYLOADS.length]
    const topic = ['aula/1', 'aula/"2",x', 'aula/ñ\n'][i % 3]
    log.append(message(t.toISOString(), topic, payload, i % 2 ? 'in' : 'out'), t.getTime())
    if (i % 10 === 9) await log.flush()
  }
  await log.close()
  return dir
}

describe('npm run history', () => {
  it('exports CSV that a real CSV parser reads back to the same messages', async () => {
    const dir = await trickyLog()
    const out = path.join(tempDir(), 'out.csv')
    const run = await runHistoryCli(['--data-dir', dir, '--format', 'csv', '--out', out])
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' })
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[]
    const expected = plainRead(dir).lines.map((l) => JSON.parse(l) as LogMessage)
    expect(rows.length).toBe(120)
    expect(rows).toEqual(
      expected.map((m) => ({
        t: m.t,
        dir: m.dir,
        topic: m.topic,
        qos: String(m.qos),
        retain: String(m.retain),
        enc: m.enc,
        payload: m.payload
      }))
    )
    expect(readFileSync(out, 'utf8').startsWith('t,dir,topic,qos,retain,enc,payload\r\n')).toBe(
      true
    )
  })

  it('writes the log’s own lines for a time range and topic, and nothing when nothing matches', async () => {
    const dir = await trickyLog()
    const f = {
      from: '2026-03-10T09:00:10.000Z',
      to: '2026-03-10T09:00:40.000Z',
      topic: ['aula/1']
    }
    const run = await runHistoryCli([
      '--data-dir',
      dir,
      '--from',
      f.from,
      '--to',
      f.to,
      '--topic',
      'aula/1'
    ])
    expect(run.code).toBe(0)
    const want = plainRead(dir, f).lines
    expect(want.length).toBeGreaterThan(10)
    expect(run.stdout).toBe(want.join('\n') + '\n')
    const text = await runHistoryCli(['--data-dir', dir, '--text', 'hola', '--topic', 'aula/#'])
    expect(text.stdout.split('\n').filter(Boolean)).toEqual(
      plainRead(dir, { text: 'hola', topic: ['aula/#'] }).lines
    )
    for (const args of [
      ['--topic', 'nadie'],
      ['--from', '2030-01-01T00:00:00Z'],
      ['--format', 'csv', '--text', 'zzz']
    ]) {
      expect(await runHistoryCli(['--data-dir', dir, ...args])).toMatchObject({
        code: 0,
        stdout: '',
        stderr: ''
      })
    }
  })

  it('refuses a bad option or a missing data dir with one line and exit 2', async () => {
    const dir = await trickyLog()
    const cases: [string[], RegExp][] = [
      [['--data-dir', path.join(dir, 'nope')], /--data-dir .*nope does not exist/],
      [
        ['--data-dir', dir, '--topic', 'a/#/b'],
        /--topic "a\/#\/b": a wildcard must fill a whole level/
      ],
      [['--data-dir', dir, '--from', 'ayer'], /--from "ayer": a time must be an ISO timestamp/],
      [['--data-dir', dir, '--format', 'xml'], /--format must be jsonl or csv/],
      [['--data-dir', dir, '--bogus'], /Unknown option '--bogus'/],
      [
        ['--data-dir', dir, '--from', '2026-03-11T00:00:00Z', '--to', '2026-03-10T00:00:00Z'],
        /--from is later than --to/
      ]
    ]
    for (const [args, reason] of cases) {
      const run = await runHistoryCli(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).toMatch(reason)
    }
  })

  it('keeps memory flat: a 80 MB log costs about what a 1 MB one does', async () => {
    const small = await generatedLog(1)
    const large = await generatedLog(80)
    const out = path.join(tempDir(), 'big.csv')
    const a = await runHistoryCli(['--data-dir', small, '--format', 'csv', '--out', out])
    const b = await runHistoryCli(['--data-dir', large, '--format', 'csv', '--out', out])
    expect([a.code, b.code]).toEqual([0, 0])
    expect(a.peakRss).toBeGreaterThan(0)
    // the whole log in memory would be > 80 MB more; streaming stays within a few chunks
    expect(b.peakRss - a.peakRss).toBeLessThan(40 * 1024 * 1024)
  }, 120_000)
})

/** A log of about `mb` megabytes written straight in Puente's line format. */
async function generatedLog(mb: number): Promise<string> {
  const dir = tempDir()
  const trafficDir = path.join(dir, 'traffic')
  await new TrafficLog(dir).close()
  const fd = openSync(path.join(trafficDir, '2026-03-10.jsonl'), 'w')
  let written = 0
  for (let i = 0; written < mb * 1024 * 1024;) {
    let chunk = ''
    for (let j = 0; j < 5000; j++, i++) {
      const t = new Date(BASE + i).toISOString()
      chunk += logLine(
        message(t, `aula/${i % 200}/temp`, `{"t":${(i % 400) / 10},"n":"alumno ${i}"}`)
      )
    }
    written += writeSync(fd, chunk)
  }
  closeSync(fd)
  return dir
}
