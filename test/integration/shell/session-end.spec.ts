// Windows ends a session right after `session-end`, and kills the process without waiting for
// the thread pool: the traffic log's flushSync() puts what is queued on disk before it returns,
// in order with what was written before and after, and never ahead of an older batch.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TrafficMessage } from '../../../electron/contract'
import { dayOf, TrafficLog } from '../../../electron/core/traffic/log'
import { tempDir } from '../../helpers/tmp'
import { message as trafficMessage } from '../../helpers/history'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A log that only writes when told (its timer would flush after a minute). */
function quietLog(maxFileBytes = 64 * 1024 * 1024): { log: TrafficLog; dir: string } {
  const data = tempDir()
  dirs.push(data)
  const log = new TrafficLog(data, maxFileBytes, 60_000)
  return { log, dir: log.dir }
}

/** Message `i` on one topic, its number as the payload. */
const message = (i: number): TrafficMessage =>
  trafficMessage(new Date().toISOString(), 'clase_eoi/apagado', `${i}`)

/** One log file's payloads. */
function payloads(file: string): number[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => Number((JSON.parse(l) as { payload: string }).payload))
}

/** The payloads on disk per file, read with blocking calls (no turn of the event loop). */
function onDisk(dir: string): Record<string, number[]> {
  const out: Record<string, number[]> = {}
  for (const f of readdirSync(dir).sort()) out[f] = payloads(path.join(dir, f))
  return out
}

describe('the traffic log when Windows ends the session', () => {
  it('the queued lines are on disk before flushSync() returns', async () => {
    const { log, dir } = quietLog()
    for (let i = 0; i < 3; i++) log.append(message(i))
    expect(onDisk(dir)).toEqual({})
    expect(log.flushSync()).toBe(true)
    expect(onDisk(dir)).toEqual({ [`${dayOf(Date.now())}.jsonl`]: [0, 1, 2] })
    // a clean stop afterwards writes nothing twice
    await log.close()
    expect(Object.values(onDisk(dir)).flat()).toEqual([0, 1, 2])
  })

  it('continues the file an earlier write opened, and later writes follow at its end', async () => {
    const { log, dir } = quietLog()
    log.append(message(0))
    await log.flush()
    log.append(message(1))
    log.append(message(2))
    expect(log.flushSync()).toBe(true)
    expect(Object.values(onDisk(dir))).toEqual([[0, 1, 2]])
    log.append(message(3))
    await log.close()
    expect(Object.values(onDisk(dir))).toEqual([[0, 1, 2, 3]])
  })

  it('with a write in flight it refuses, rather than put newer lines before older ones', async () => {
    const { log, dir } = quietLog()
    log.append(message(0))
    const inFlight = log.flush()
    log.append(message(1))
    expect(log.flushSync()).toBe(false)
    await inFlight
    await log.close()
    expect(Object.values(onDisk(dir)).flat()).toEqual([0, 1])
  })

  it('a file torn by an earlier crash, or full, gets the lines in its next part', () => {
    const torn = quietLog()
    const day = dayOf(Date.now())
    writeFileSync(path.join(torn.dir, `${day}.jsonl`), '{"t":"2026-')
    torn.log.append(message(7))
    expect(torn.log.flushSync()).toBe(true)
    expect(readFileSync(path.join(torn.dir, `${day}.jsonl`), 'utf8')).toBe('{"t":"2026-')
    expect(payloads(path.join(torn.dir, `${day}.1.jsonl`))).toEqual([7])

    const full = quietLog(200)
    const line = JSON.stringify({ payload: '0' }) + '\n'
    writeFileSync(path.join(full.dir, `${day}.jsonl`), line.repeat(200 / line.length))
    full.log.append(message(8))
    expect(full.log.flushSync()).toBe(true)
    expect(payloads(path.join(full.dir, `${day}.1.jsonl`))).toEqual([8])
  })

  it('nothing queued: nothing to do, and it says so', () => {
    const { log, dir } = quietLog()
    expect(log.flushSync()).toBe(true)
    expect(onDisk(dir)).toEqual({})
  })
})
