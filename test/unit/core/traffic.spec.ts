import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { TrafficMessage } from '../../../electron/contract'
import { matchesFilter } from '../../../electron/shared/topic'
import { HistoryReader } from '../../../electron/core/history/reader'
import { TrafficLog } from '../../../electron/core/traffic/log'
import { MessageRing } from '../../../electron/core/traffic/ring'
import { TopicStats } from '../../../electron/core/traffic/stats'
import { TrafficRecorder } from '../../../electron/core/traffic/traffic'
import { tempDir } from '../../helpers/hub'

let seq = 0
function msg(topic: string, payload: string, t = new Date().toISOString()): TrafficMessage {
  return {
    seq: ++seq,
    t,
    dir: 'in',
    topic,
    qos: 0,
    retain: false,
    payload,
    enc: 'utf8',
    size: payload.length
  }
}

describe('topic filters', () => {
  it('match like a broker does', () => {
    expect(matchesFilter('clase_eoi/#', 'clase_eoi')).toBe(true)
    expect(matchesFilter('clase_eoi/#', 'clase_eoi/boton/1')).toBe(true)
    expect(matchesFilter('clase_eoi/+', 'clase_eoi/led')).toBe(true)
    expect(matchesFilter('clase_eoi/+', 'clase_eoi/led/x')).toBe(false)
    expect(matchesFilter('+/led', 'clase_eoi/led')).toBe(true)
    expect(matchesFilter('#', '$SYS/broker')).toBe(false)
    expect(matchesFilter('clase_eoi', 'clase_eoi/led')).toBe(false)
  })
})

describe('the message ring', () => {
  it('keeps the newest messages up to its capacity, oldest first', () => {
    const ring = new MessageRing(3)
    for (let i = 0; i < 5; i++) ring.push(msg('a', String(i)))
    expect(ring.query({ limit: 10 }).map((m) => m.payload)).toEqual(['2', '3', '4'])
  })

  it('is bounded in payload bytes too', () => {
    const ring = new MessageRing(1000, 10_000)
    for (let i = 0; i < 10; i++) ring.push(msg('big', 'x'.repeat(3000)))
    expect(ring.size).toBe(3)
  })

  it('filters by topic pattern and by text, and pages backwards', () => {
    const ring = new MessageRing(100)
    ring.push(msg('clase_eoi/boton', '{"pressed":true}'))
    ring.push(msg('clase_eoi/led', '{"r":255}'))
    ring.push(msg('temperatura_eoi', '21.4'))
    expect(ring.query({ topic: 'clase_eoi/#', limit: 10 }).map((m) => m.topic)).toEqual([
      'clase_eoi/boton',
      'clase_eoi/led'
    ])
    expect(ring.query({ text: 'PRESSED', limit: 10 }).map((m) => m.topic)).toEqual([
      'clase_eoi/boton'
    ])
    const last = ring.query({ limit: 1 })[0]
    expect(ring.query({ before: last.seq, limit: 1 })[0].topic).toBe('clase_eoi/led')
  })
})

describe('per-topic statistics', () => {
  it('count, rate, last value and last seen per topic, bounded in topics', () => {
    const stats = new TopicStats(2)
    const t0 = Date.parse('2026-11-25T10:00:00Z')
    for (let s = 0; s < 5; s++)
      for (let i = 0; i < 10; i++) stats.add(msg('a', `v${s}`), t0 + s * 1000 + i)
    const [a] = stats.all(t0 + 5000)
    expect(a).toMatchObject({ topic: 'a', count: 50, lastPayload: 'v4', rate: 10 })
    stats.add(msg('b', '1'), t0 + 6000)
    stats.add(msg('c', '1'), t0 + 7000)
    expect(stats.all(t0 + 7000).map((s) => s.topic)).toEqual(['b', 'c'])
  })
})

describe('the traffic log', () => {
  it('writes the documented line format, one message a line', async () => {
    const dir = tempDir()
    const log = new TrafficLog(dir)
    const m = msg('clase_eoi', 'hola "ñ"\n🎉', '2026-11-25T10:00:00.000Z')
    log.append(m)
    await log.close()
    const [file] = log.files()
    expect(readFileSync(file, 'utf8')).toBe(
      JSON.stringify({
        t: m.t,
        dir: 'in',
        topic: 'clase_eoi',
        qos: 0,
        retain: false,
        payload: 'hola "ñ"\n🎉',
        enc: 'utf8'
      }) + '\n'
    )
  })

  it('rotates by day and by size', async () => {
    const dir = tempDir()
    const log = new TrafficLog(dir, 2000)
    for (let i = 0; i < 40; i++) log.append(msg('a', 'x'.repeat(100), '2026-11-24T12:00:00.000Z'))
    await log.flush()
    for (let i = 0; i < 40; i++) {
      log.append(msg('a', 'x'.repeat(100), '2026-11-25T12:00:00.000Z'))
      if (i % 5 === 0) await log.flush()
    }
    await log.close()
    const names = readdirSync(path.join(dir, 'traffic')).sort()
    expect(names).toContain('2026-11-24.jsonl')
    expect(names).toContain('2026-11-25.jsonl')
    expect(names).toContain('2026-11-25.1.jsonl')
    const lines = log.files().flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean))
    expect(lines).toHaveLength(80)
  })

  it('cuts a line torn by a crash before appending again', async () => {
    const dir = tempDir()
    const log = new TrafficLog(dir)
    const day = '2026-11-25T12:00:00.000Z'
    const file = path.join(dir, 'traffic', '2026-11-25.jsonl')
    writeFileSync(
      file,
      '{"t":"2026-11-25T11:00:00.000Z","payload":"entera"}\n{"t":"2026-11-25T11:00:01.0'
    )
    log.append(msg('a', 'nueva', day))
    await log.close()
    const lines = readFileSync(file, 'utf8').split('\n')
    expect(lines.slice(0, -1).map((l) => JSON.parse(l).payload)).toEqual(['entera', 'nueva'])
  })

  it('is read back by time range', async () => {
    const dir = tempDir()
    const log = new TrafficLog(dir)
    log.append(msg('a', 'antes', '2026-11-25T09:00:00.000Z'))
    log.append(msg('a', 'dentro', '2026-11-25T10:30:00.000Z'))
    log.append(msg('a', 'despues', '2026-11-25T12:00:00.000Z'))
    await log.flush()
    const reader = new HistoryReader(dir, {
      from: '2026-11-25T10:00:00.000Z',
      to: '2026-11-25T11:00:00.000Z'
    })
    const found = []
    for await (const batch of reader.batches()) found.push(...batch)
    expect(found.map((e) => e.msg.payload)).toEqual(['dentro'])
  })
})

describe('traffic batches for windows', () => {
  it('push at most every batch period, with all messages since the last push', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-25T10:00:00.000Z') })
    try {
      const start = Date.now()
      const pushes: { at: number; n: number }[] = []
      const traffic = new TrafficRecorder(
        { dataDir: tempDir(), ringSize: 1000, logEnabled: false, maxFileBytes: 1e6, batchMs: 100 },
        (b) => pushes.push({ at: Date.now() - start, n: b.messages.length })
      )
      // a message every 2 ms for 550 ms, then quiet
      for (let t = 0; t < 550; t += 2) {
        traffic.record('in', 'a', Buffer.from('x'), 0, false)
        vi.advanceTimersByTime(2)
      }
      vi.advanceTimersByTime(150)
      await traffic.close()
      // the first message starts the period; each push holds what came since the one before
      expect(pushes.map((p) => p.at)).toEqual([100, 200, 300, 400, 500, 600])
      expect(pushes.map((p) => p.n)).toEqual([50, 50, 50, 50, 50, 25])
      expect(traffic.ring.size).toBe(275)
    } finally {
      vi.useRealTimers()
    }
  })
})
