import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Puente } from '../../../electron/core/puente'
import { connected, received, startTestHub, tempDir, until } from '../../helpers/hub'
import { plainRead, readAll } from '../../helpers/history'

const TOPICS = ['clase_eoi/ñandú/temp', 'clase_eoi/🌡️', 'clase_eoi/bin']

describe('the history reader on a log written by a running Puente', () => {
  let hub: Puente
  const dataDir = tempDir()
  const binaries: Buffer[] = []
  const recorded = (): number => TOPICS.reduce((n, t) => n + received(hub, t).length, 0)

  beforeAll(async () => {
    // small files: the day's log rotates many times
    hub = await startTestHub({ traffic: { maxFileBytes: 4096 } }, dataDir)
    await connected(hub)
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${hub.brokerStatus.port}`)
    // connected is not yet subscribed: publish a probe until Puente has seen one
    await until(() => {
      void client.publishAsync('clase_eoi/probe', 'hola')
      return received(hub, 'clase_eoi/probe').length > 0
    }, 'Puente subscribed')
    for (let i = 0; i < 200; i++) {
      const topic = TOPICS[i % 3]
      const bin = Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(40)])
      if (i % 3 === 2) binaries.push(bin)
      await client.publishAsync(topic, i % 3 === 2 ? bin : `t=${i} °C`, { qos: 1 })
      // a file takes whole writes up to 4096 bytes, and a write every 20 messages (~3 KB) keeps
      // each write under that: the ~29 KB of the 200 fill at least 8 files, whatever the timing
      if (i % 20 === 19) {
        await until(() => recorded() === i + 1, `${i + 1} messages recorded`, 20_000)
        await hub.traffic.log!.flush()
      }
    }
    await client.endAsync()
  })
  afterAll(() => hub.stop())

  it('yields every logged message, in order, as a plain JSON reading of the files does', async () => {
    expect(readdirSync(path.join(dataDir, 'traffic')).length).toBeGreaterThanOrEqual(8)
    const { entries, skipped } = await readAll(dataDir)
    expect(skipped).toBe(0)
    expect(entries.map((e) => e.line)).toEqual(plainRead(dataDir).lines)
    expect(entries.filter((e) => TOPICS.includes(e.msg.topic)).length).toBe(200)
    const bins = entries.filter((e) => e.msg.topic === 'clase_eoi/bin')
    expect(bins.map((e) => Buffer.from(e.msg.payload, 'base64'))).toEqual(binaries)
    expect(bins.every((e) => e.msg.enc === 'base64')).toBe(true)
  })

  it('finds a unicode topic and a text the same way', async () => {
    for (const f of [{ topic: ['clase_eoi/🌡️'] }, { topic: ['clase_eoi/+/temp'], text: '°C' }]) {
      const { entries } = await readAll(dataDir, f)
      expect(entries.length).toBeGreaterThan(60)
      expect(entries.map((e) => e.line)).toEqual(plainRead(dataDir, f).lines)
    }
  })
})
