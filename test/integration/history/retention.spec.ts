import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dayOf } from '../../../electron/core/traffic/log'
import { startTestHub, tempDir } from '../../helpers/hub'

describe('log retention when Puente starts', () => {
  it('deletes the days older than the setting keeps, and nothing else', async () => {
    const dataDir = tempDir()
    const dir = path.join(dataDir, 'traffic')
    mkdirSync(dir)
    const day = (daysAgo: number): string => dayOf(Date.now() - daysAgo * 86_400_000)
    const files = {
      old: path.join(dir, `${day(40)}.jsonl`),
      oldPart: path.join(dir, `${day(31)}.2.jsonl`),
      kept: path.join(dir, `${day(20)}.jsonl`),
      today: path.join(dir, `${day(0)}.1.jsonl`),
      other: path.join(dir, 'notas.txt')
    }
    for (const f of Object.values(files)) writeFileSync(f, '\n')
    const hub = await startTestHub({}, dataDir)
    try {
      expect(existsSync(files.old)).toBe(false)
      expect(existsSync(files.oldPart)).toBe(false)
      expect(existsSync(files.kept)).toBe(true)
      expect(existsSync(files.today)).toBe(true)
      expect(existsSync(files.other)).toBe(true)
    } finally {
      await hub.stop()
    }
  })
})
