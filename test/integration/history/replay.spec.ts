import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LogMessage, ReplayState } from '../../../electron/contract'
import type { Puente } from '../../../electron/core/puente'
import { dayOf, TrafficLog } from '../../../electron/core/traffic/log'
import { message, plainRead } from '../../helpers/history'
import { cmd, connected, startTestHub, tempDir, until } from '../../helpers/hub'
import { Mosquitto, mosquittoSub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'

const skip = missingTools('mosquitto', 'mosquitto_sub')
const BASE = Date.parse('2026-03-10T10:00:00.000Z')
const RANGE = { from: '2026-03-10T00:00:00.000Z', to: '2026-03-10T23:59:59.999Z' }

/** Yesterday's class: 30 messages 20 ms apart, binary and retained ones among them. */
async function writeLog(dir: string): Promise<void> {
  const log = new TrafficLog(dir)
  for (let i = 0; i < 30; i++) {
    const t = new Date(BASE + i * 20)
    const payload = i % 4 === 0 ? Buffer.from([0xff, 0, i]) : `temp ${20 + i / 10} °C`
    const m = message(t.toISOString(), `clase_eoi/replay/${['a', 'ñ'][i % 2]}`, payload)
    log.append({ ...m, qos: (i % 3) as 0 | 1 | 2, retain: i % 5 === 0 }, t.getTime())
  }
  await log.close()
}

/** What mosquitto_sub -F '%t|%q|%r|%x' prints for a message published as in the log. */
function expectedLine(m: LogMessage, keepRetain: boolean): string {
  const hex = Buffer.from(m.payload, m.enc === 'base64' ? 'base64' : 'utf8').toString('hex')
  return `${m.topic}|${m.qos}|${keepRetain && m.retain ? 1 : 0}|${hex}`
}

describe.skipIf(skip)('replay of the log into Debian mosquitto', () => {
  let mosq: Mosquitto
  let hub: Puente
  const dataDir = tempDir()
  const states: ReplayState[] = []

  beforeAll(async () => {
    await writeLog(dataDir)
    mosq = new Mosquitto()
    await mosq.start()
    // an old log: retention must keep it for this test
    hub = await startTestHub({ mqtt: { url: mosq.url }, traffic: { keepDays: 0 } }, dataDir)
    await connected(hub)
    hub.events.on('history:replay', (s) => states.push(s))
  })
  afterAll(async () => {
    await hub?.stop()
    await mosq?.stop()
  })

  async function replay(speed: 0 | 1 | 10, keepRetain: boolean): Promise<string[]> {
    const sub = await mosquittoSub(
      mosq.port,
      ['clase_eoi/replay/#'],
      ['-q', '2', '-V', 'mqttv5', '--retain-as-published', '-F', '%t|%q|%r|%x']
    )
    try {
      states.length = 0
      await cmd(hub, 'history:replay', { filter: RANGE, speed, keepRetain })
      await until(() => states.at(-1)?.state === 'done', 'the replay done', 20_000)
      expect(states.at(-1)).toMatchObject({ sent: 30 })
      await until(() => sub.lines.length >= 30, '30 messages at mosquitto_sub', 10_000)
      return sub.lines
    } finally {
      sub.stop()
    }
  }

  it('publishes the range as it was at 1× (retained flags dropped), then as fast as possible (kept)', async () => {
    const logged = plainRead(dataDir, RANGE).lines.map((l) => JSON.parse(l) as LogMessage)
    expect(logged.length).toBe(30)
    // MQTT keeps the order within one QoS only: compared per QoS level, in order
    const byQos = (lines: string[]): string[][] =>
      [0, 1, 2].map((q) => lines.filter((l) => l.split('|')[1] === String(q)))
    const slow = await replay(1, false)
    expect(byQos(slow)).toEqual(byQos(logged.map((m) => expectedLine(m, false))))
    const fast = await replay(0, true)
    expect(byQos(fast)).toEqual(byQos(logged.map((m) => expectedLine(m, true))))
  })

  it('marks the replayed messages and their echoes in the log, so they are never taken for the original', async () => {
    const today = path.join(dataDir, 'traffic', `${dayOf(Date.now())}.jsonl`)
    const read = (): LogMessage[] => {
      void hub.traffic.log!.flush() // on disk by the next poll
      return readFileSync(today, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LogMessage)
        .filter((m) => m.topic.startsWith('clase_eoi/replay/'))
    }
    // Puente watches clase_eoi/#: each replayed message comes back to it from the broker
    await until(() => read().filter((m) => m.dir === 'in').length === 60, 'the 60 echoes')
    await hub.traffic.log!.flush()
    const lines = read()
    expect(lines.filter((m) => m.dir === 'out').length).toBe(60)
    expect(lines.every((m) => m.replay === true)).toBe(true)
    // a replay of a range that holds replays sends only the originals
    states.length = 0
    await cmd(hub, 'history:replay', { filter: {}, speed: 0 })
    await until(() => states.at(-1)?.state === 'done', 'the second replay done', 20_000)
    const originals = plainRead(dataDir).lines.filter((l) => !l.includes('"replay":true'))
    expect(states.at(-1)?.sent).toBe(originals.length)
  })
})
