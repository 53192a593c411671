import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { LogState, TrafficMessage } from '../../../electron/contract'
import { TrafficLog } from '../../../electron/core/traffic/log'
import { tempDir } from '../../helpers/hub'
import { message as trafficMessage } from '../../helpers/history'

/** Message `i` at time `t`, its number as the payload. */
const message = (i: number, t = Date.now()): TrafficMessage =>
  trafficMessage(new Date(t).toISOString(), 'clase_eoi/async', `${i}`)

const payloads = (log: TrafficLog): number[] =>
  log
    .files()
    .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean))
    .map((l) => Number((JSON.parse(l) as { payload: string }).payload))

describe('the traffic log writes off the main loop', () => {
  it('flush() returns before the disk is touched; awaited, every batch is there in order', async () => {
    const log = new TrafficLog(tempDir(), 64 * 1024 * 1024, 60_000)
    log.append(message(0))
    const first = log.flush()
    // the write runs on the thread pool: nothing is on disk when flush() returns
    expect(log.files()).toEqual([])
    // batches handed over while one is in flight, a size flush among them (1 MB of lines)
    for (let i = 1; i < 30_000; i++) {
      log.append(message(i))
      if (i % 997 === 0) void log.flush()
    }
    await first
    await log.close()
    expect(payloads(log)).toEqual(Array.from({ length: 30_000 }, (_, i) => i))
  })

  it('a day change mid-batch starts the next day’s file after the last lines of the day before', async () => {
    const log = new TrafficLog(tempDir(), 64 * 1024 * 1024, 60_000)
    const midnight = new Date(2026, 10, 30).getTime()
    for (let i = 0; i < 200; i++) log.append(message(i, midnight - 100 + i), midnight - 100 + i)
    await log.close()
    expect(log.files().map((f) => f.slice(-16))).toEqual(['2026-11-29.jsonl', '2026-11-30.jsonl'])
    expect(payloads(log)).toEqual(Array.from({ length: 200 }, (_, i) => i))
  })

  it('a disk that does not keep up costs counted lines, not memory, and the log says so and resumes', async () => {
    const states: LogState[] = []
    // a backlog of 2 KB: the thread pool cannot write anything before this loop ends
    const log = new TrafficLog(
      tempDir(),
      64 * 1024 * 1024,
      60_000,
      (s) => states.push(s),
      2000,
      2048
    )
    for (let i = 0; i < 100; i++) {
      log.append(message(i))
      void log.flush()
    }
    expect(states.map((s) => [s.writing, s.problem?.code])).toEqual([[false, 'traffic-log-slow']])
    await log.close()
    const kept = payloads(log)
    // the first lines, in order, then nothing: the newest were the ones dropped
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => i))
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(100)
    expect(states[1]).toMatchObject({ writing: true, dropped: 100 - kept.length })
  })
})
