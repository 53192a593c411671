import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { LogState, TrafficMessage } from '../../../electron/contract'
import { TrafficLog } from '../../../electron/core/traffic/log'
import { until } from '../../helpers/hub'
import { cannotMount, fill, mountTmpfs, type SmallDisk } from '../../helpers/mount'
import { message as trafficMessage } from '../../helpers/history'

const skip = cannotMount()
const disks: SmallDisk[] = []
afterEach(() => {
  for (const d of disks.splice(0)) d.unmount()
})

/** Message `i` with a 1 KB payload, to fill a small disk quickly. */
const message = (i: number): TrafficMessage =>
  trafficMessage(new Date().toISOString(), 'clase_eoi/lleno', `${i} ${'x'.repeat(1000)}`)

/** Every line of the log files, each checked to be whole JSON. */
function logged(log: TrafficLog): { payload: string }[] {
  const out: { payload: string }[] = []
  for (const f of log.files()) {
    const text = fs.readFileSync(f, 'utf8')
    expect(text === '' || text.endsWith('\n'), `${f} ends in a torn line`).toBe(true)
    for (const line of text.split('\n').filter(Boolean)) out.push(JSON.parse(line))
  }
  return out
}

describe.skipIf(skip)('the traffic log on a full or read-only disk', () => {
  it('stops writing on a full disk without a torn line or a throw, says so, and resumes by itself with everything held', async () => {
    const disk = mountTmpfs(2048)
    disks.push(disk)
    const states: LogState[] = []
    const log = new TrafficLog(disk.dir, 64 * 1024 * 1024, 20, (s) => states.push(s), 100)
    log.append(message(0))
    await log.flush()
    const filler = fill(disk.dir, 40 * 1024)
    const N = 400 // ~400 KB, ten times what is left
    for (let i = 1; i < N; i++) {
      log.append(message(i))
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 30))
    }
    await log.flush()
    await until(() => states.length > 0, 'the log to say it stopped')
    expect(states[0]).toMatchObject({
      enabled: true,
      writing: false,
      problem: { code: 'traffic-log-stopped', params: { code: 'ENOSPC' } }
    })
    expect(states[0].problem?.message).toMatch(/stopped writing to .*: the disk is full/)
    expect(log.state.heldBytes).toBeGreaterThan(0)
    const before = logged(log).length
    expect(before).toBeLessThan(N)

    fs.rmSync(filler)
    await until(() => log.state.writing, 'the log to resume', 10_000)
    expect(states.at(-1)).toMatchObject({ writing: true, heldBytes: 0, dropped: 0 })
    await log.close()
    const lines = logged(log)
    expect(lines.map((l) => Number(l.payload.split(' ')[0]))).toEqual(
      Array.from({ length: N }, (_, i) => i)
    )
  })

  it('stops on a read-only directory and resumes when it is writable again', async () => {
    const disk = mountTmpfs(1024)
    disks.push(disk)
    const states: LogState[] = []
    const log = new TrafficLog(disk.dir, 64 * 1024 * 1024, 20, (s) => states.push(s), 100)
    disk.readOnly(true)
    for (let i = 0; i < 10; i++) log.append(message(i))
    await log.flush()
    expect(states[0]?.problem?.params).toMatchObject({ code: 'EROFS' })
    expect(states[0]?.problem?.message).toMatch(/the directory is read-only/)
    disk.readOnly(false)
    await until(() => log.state.writing, 'the log to resume', 10_000)
    await log.close()
    expect(logged(log)).toHaveLength(10)
  })
})
