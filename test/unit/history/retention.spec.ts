import { readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyRetention } from '../../../electron/core/history/retention'
import { dayOf } from '../../../electron/core/traffic/log'
import { tempDir } from '../../helpers/tmp'

const NOW = new Date(2026, 2, 31, 12, 0, 0).getTime()

/** A traffic dir with one 1 KB file a day for the last `days` days (and a rotated part). */
function logDir(days: number): string {
  const dir = path.join(tempDir(), 'traffic')
  mkdirSync(dir)
  for (let i = 0; i < days; i++) {
    const day = dayOf(new Date(2026, 2, 31 - i, 12).getTime())
    writeFileSync(path.join(dir, `${day}.jsonl`), 'x'.repeat(1023) + '\n')
    if (i % 10 === 0) writeFileSync(path.join(dir, `${day}.1.jsonl`), 'y'.repeat(1023) + '\n')
  }
  writeFileSync(path.join(dir, 'notes.txt'), 'not a log file')
  return dir
}

describe('log retention', () => {
  it('keeps the last N days, today included, and deletes only older log files', () => {
    const dir = logDir(40)
    const deleted = applyRetention(dir, { keepDays: 30, maxTotalBytes: 0 }, NOW)
    const left = readdirSync(dir).sort()
    expect(left).toContain('notes.txt')
    const days = new Set(left.filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, 10)))
    expect(days.size).toBe(30)
    expect([...days].sort()[0]).toBe('2026-03-02')
    expect(deleted.map((f) => path.basename(f)).sort()).toEqual([
      '2026-02-20.jsonl',
      '2026-02-21.jsonl',
      '2026-02-22.jsonl',
      '2026-02-23.jsonl',
      '2026-02-24.jsonl',
      '2026-02-25.jsonl',
      '2026-02-26.jsonl',
      '2026-02-27.jsonl',
      '2026-02-28.jsonl',
      '2026-03-01.1.jsonl',
      '2026-03-01.jsonl'
    ])
  })

  it('deletes the oldest files to fit a size cap, never today’s; 0 keeps everything', () => {
    const dir = logDir(40)
    expect(applyRetention(dir, { keepDays: 0, maxTotalBytes: 0 }, NOW)).toEqual([])
    expect(readdirSync(dir).length).toBe(45)
    applyRetention(dir, { keepDays: 0, maxTotalBytes: 10 * 1024 }, NOW)
    const left = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
    expect(left.length).toBe(10)
    expect(left.at(-1)).toBe('2026-03-31.jsonl')
    applyRetention(dir, { keepDays: 0, maxTotalBytes: 1 }, NOW)
    expect(readdirSync(dir).filter((f) => f.endsWith('.jsonl'))).toEqual([
      '2026-03-31.1.jsonl',
      '2026-03-31.jsonl'
    ])
  })
})
