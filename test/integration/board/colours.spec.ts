import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Puente } from '../../../electron/core/puente'
import type { BoardSim } from '../../sim/board-sim'
import { until } from '../../helpers/hub'
import type { Mosquitto } from '../../helpers/mosquitto'
import { noDelayBridge, type NoDelayBridge } from '../../helpers/nodelay-bridge'
import { missingTools } from '../../helpers/tools'

const skip = missingTools('socat', 'mosquitto')
const COLOURS = 200_000

describe.skipIf(skip)('colours faster than the board takes them: the newest wins', () => {
  let bridge: NoDelayBridge
  let broker: Mosquitto
  let sim: BoardSim
  let hub: Puente

  beforeAll(async () => {
    bridge = await noDelayBridge()
    ;({ broker, sim, hub } = bridge)
  })
  afterAll(() => bridge?.stop())

  it(`${COLOURS} colours published at once: few lines reach the board, the last is the final colour`, async () => {
    const pub = mqtt.connect(broker.url, { reconnectPeriod: 0 })
    await new Promise((r) => pub.once('connect', r))
    const before = sim.colourLines.length
    const line = (i: number): string =>
      `{"r":${(i >> 16) & 255},"g":${(i >> 8) & 255},"b":${i & 255}}`
    for (let i = 1; i <= COLOURS; i++) pub.publish('clase_eoi/led', line(i))
    const last = line(COLOURS)
    await until(() => sim.colourLines.at(-1) === last, 'the final colour on the board', 60_000)
    expect(hub.services.board.status.sent).toEqual({ r: 3, g: 13, b: 64 })
    // nothing stale arrives after it: a marker published after them all comes right behind it
    const marker = '{"r":255,"g":255,"b":255}'
    await pub.publishAsync('clase_eoi/led', marker)
    await until(() => sim.colourLines.at(-1) === marker, 'the marker on the board')
    await pub.endAsync()
    const got = sim.colourLines.slice(before, -1)
    expect(got.at(-1)).toBe(last)
    // most colours were replaced before they were written
    expect(got.length, `${got.length} lines reached the board`).toBeLessThan(COLOURS / 10)
    // in the order they were published
    const n = got.map((l) => {
      const c = JSON.parse(l) as { r: number; g: number; b: number }
      return (c.r << 16) | (c.g << 8) | c.b
    })
    expect(n.every((x, i) => i === 0 || x > n[i - 1])).toBe(true)
  })
})
