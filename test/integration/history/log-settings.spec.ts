import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Puente } from '../../../electron/core/puente'
import { dayOf, TrafficLog } from '../../../electron/core/traffic/log'
import { message } from '../../helpers/history'
import { cmd, startTestHub, tempDir } from '../../helpers/hub'

/** Noon of `daysAgo` days before today, local time (the log names its files by local day). */
const noon = (daysAgo: number): number => {
  const d = new Date()
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysAgo, 12).getTime()
}

/** A data dir whose log Puente itself wrote: 200 messages on each of 10 days, small rotations. */
async function writtenLog(): Promise<string> {
  const dataDir = tempDir()
  const log = new TrafficLog(dataDir, 16 * 1024)
  for (let day = 9; day >= 0; day--)
    for (let i = 0; i < 200; i++) {
      const ms = noon(day) + i * 1000
      log.append(message(new Date(ms).toISOString(), `aula/${i % 5}`, `{"temp":${i}}`), ms)
      if (i % 50 === 49) await log.flush()
    }
  await log.close()
  // settings.json as the teacher left it: every day kept, so the start deletes nothing
  writeFileSync(path.join(dataDir, 'settings.json'), '{"version":1,"traffic":{"keepDays":0}}')
  return dataDir
}

/** What is on disk, read without Puente: bytes, files and days of the log. */
function onDisk(dataDir: string): { bytes: number; files: number; days: string[] } {
  const dir = path.join(dataDir, 'traffic')
  const names = readdirSync(dir).filter((n) => n.endsWith('.jsonl'))
  const bytes = names.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0)
  return { bytes, files: names.length, days: [...new Set(names.map((n) => n.slice(0, 10)))].sort() }
}

const hubs: Puente[] = []
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop()
})

async function start(dataDir: string): Promise<Puente> {
  const hub = await startTestHub({}, dataDir)
  hubs.push(hub)
  return hub
}

describe('the log on disk as the Settings tab sees and sets it', () => {
  it('tells where the log is, its size, its files and its days', async () => {
    const dataDir = await writtenLog()
    const hub = await start(dataDir)
    const info = await cmd(hub, 'history:log-info')
    const disk = onDisk(dataDir)
    expect(disk.files).toBeGreaterThan(10) // rotated parts too
    expect(info).toMatchObject({
      dir: path.join(dataDir, 'traffic'),
      bytes: disk.bytes,
      files: disk.files,
      days: 10,
      oldest: dayOf(noon(9)),
      newest: dayOf(noon(0))
    })
    expect(info.wouldDelete).toBeUndefined()
  })

  it('says what a rule would delete without deleting anything', async () => {
    const dataDir = await writtenLog()
    const hub = await start(dataDir)
    const before = onDisk(dataDir)
    const info = await cmd(hub, 'history:log-info', { rule: { keepDays: 4, maxTotalBytes: 0 } })
    expect(info.wouldDelete?.days).toBe(6)
    const dir = path.join(dataDir, 'traffic')
    const old = readdirSync(dir).filter((n) => n.slice(0, 10) < dayOf(noon(3)))
    const oldBytes = old.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0)
    expect(info.wouldDelete).toEqual({ files: old.length, days: 6, bytes: oldBytes })
    expect(onDisk(dataDir)).toEqual(before)
  })

  it('deletes the older days as soon as "keep days" changes, and keeps it in settings.json', async () => {
    const dataDir = await writtenLog()
    const hub = await start(dataDir)
    const settings = await cmd(hub, 'settings:update', { traffic: { keepDays: 3 } })
    expect(settings.traffic.keepDays).toBe(3)
    expect(onDisk(dataDir).days).toEqual([dayOf(noon(2)), dayOf(noon(1)), dayOf(noon(0))])
    const info = await cmd(hub, 'history:log-info')
    expect(info).toMatchObject({ days: 3, bytes: onDisk(dataDir).bytes })
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as {
      traffic: { keepDays: number }
    }
    expect(saved.traffic.keepDays).toBe(3)
  })

  it('deletes the oldest files down to a size cap, never today', async () => {
    const dataDir = await writtenLog()
    const hub = await start(dataDir)
    const total = onDisk(dataDir).bytes
    const cap = 1_000_000
    expect(total).toBeLessThan(cap) // the log is small: a 1 MB cap keeps everything
    await cmd(hub, 'settings:update', { traffic: { maxTotalBytes: cap } })
    expect(onDisk(dataDir).bytes).toBe(total)
    const todays = readdirSync(path.join(dataDir, 'traffic')).filter((n) =>
      n.startsWith(dayOf(Date.now()))
    )
    // a cap under what today holds: every other day goes, today's files stay
    writeFileSync(
      path.join(dataDir, 'traffic', `${dayOf(noon(0))}.9.jsonl`),
      'x'.repeat(cap) + '\n'
    )
    await cmd(hub, 'settings:update', { traffic: { maxTotalBytes: cap + 1 } })
    expect(onDisk(dataDir).days).toEqual([dayOf(noon(0))])
    for (const f of todays) expect(existsSync(path.join(dataDir, 'traffic', f))).toBe(true)
  })

  it('refuses a bad rule in words and deletes nothing', async () => {
    const dataDir = await writtenLog()
    const hub = await start(dataDir)
    const before = onDisk(dataDir)
    for (const traffic of [{ keepDays: -1 }, { keepDays: 2.5 }, { maxTotalBytes: 5000 }]) {
      const r = await hub.dispatch('settings:update', { traffic })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid-input' })
    }
    const r = await hub.dispatch('history:log-info', { rule: { keepDays: 1 } })
    expect(r.ok).toBe(false)
    expect(onDisk(dataDir)).toEqual(before)
    expect(hub.settings.traffic).toMatchObject({ keepDays: 0, maxTotalBytes: 0 })
  })

  it("answers the shell's own commands with a reason outside the tray app", async () => {
    const hub = await start(tempDir())
    const r = await hub.dispatch('shell:open-log-folder', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'shell-only' } })
    const s = await hub.dispatch('shell:save-export', { filter: {}, format: 'csv' })
    expect(s).toMatchObject({ ok: false, error: { code: 'shell-only' } })
  })
})
