import { describe, expect, it } from 'vitest'
import { RETRY } from '../../../electron/core/board/serial-link'
import { backoffDelay } from '../../../electron/shared/backoff'
import { ptyTarget } from '../../helpers/bridge-boards'
import { bridgeSuite } from '../../helpers/bridge-suite'
import { startTestHub, until } from '../../helpers/hub'
import { mosquittoPub, mosquittoSub } from '../../helpers/mosquitto'

// The bridge and the USB cable: unplugging it, garbage on the line, a port that is not there.
// Only the pty board has a cable (the virtual board runs the rest in bridge.spec.ts).
describe('board bridge: the cable of a pty board, mosquitto and mosquitto_pub/sub', () => {
  const suite = bridgeSuite(ptyTarget)
  const { skip, broker, statuses, start, boardStatus, sim } = suite

  it.skipIf(skip)(
    'unplug and replug: reconnects within 2 s, re-sends the last colour, loses no press',
    async () => {
      await start()
      const sub = await mosquittoSub(broker.port, ['clase_eoi/boton'])
      try {
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{"r":7,"g":8,"b":9}'])
        await sim().waitFor(() => sim().colourLines.includes('{"r":7,"g":8,"b":9}'), 'the colour')
        await sim().press()
        await sub.waitFor(() => sub.lines.length === 1)
        await sim().unplug()
        await until(() => boardStatus().state === 'disconnected', 'disconnected')
        expect(boardStatus().problem?.code).toBe('board-unplugged')
        const before = sim().received.length
        // the cable stays out a while: the port is tried again, and fails, a few times
        await new Promise((r) => setTimeout(r, 700))
        await sim().plug()
        await sim().waitFor(
          () => sim().received.slice(before).includes('{"r":7,"g":8,"b":9}'),
          'the colour re-sent'
        )
        expect(boardStatus().state).toBe('connected')
        // within 2 s of the replug: the longest wait the link ever chooses between two tries
        const waits = [1, 2, 5, 10, 100].map((n) => backoffDelay(RETRY, n, () => 1))
        expect(Math.max(...waits)).toBeLessThan(2000)
        await sim().press()
        await sub.waitFor(() => sub.lines.length === 2)
        expect(statuses.map((s) => s.state)).toContain('disconnected')
      } finally {
        sub.stop()
      }
    }
  )

  it.skipIf(skip)(
    '10,000 fuzzed lines: no crash, good lines around them still bridged',
    async () => {
      await start()
      const serial = await mosquittoSub(broker.port, ['clase_eoi/serial', 'clase_eoi/boton'])
      let seed = 42
      const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n
      const chunks: Buffer[] = []
      let good = 0
      let presses = 0
      for (let i = 0; i < 10_000; i++) {
        const kind = rand(8)
        if (kind === 0)
          chunks.push(
            Buffer.from(Array.from({ length: rand(200) }, () => rand(256)).filter((b) => b !== 10))
          )
        else if (kind === 1)
          chunks.push(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]))
        else if (kind === 2)
          chunks.push(
            Buffer.from(
              [
                '{"button":5}',
                '{"button":null}',
                '{"hello":1}',
                '{"led":"x"}',
                '{"r":"a"}',
                '[1,2',
                'null',
                '{}'
              ][rand(8)]
            )
          )
        else if (kind === 3) {
          chunks.push(Buffer.from('{"button":"pressed"}'))
          presses++
        } else {
          chunks.push(Buffer.from(`linea buena ${i}`))
          good++
        }
        chunks.push(Buffer.from(rand(3) === 0 ? '\r\n' : '\n'))
      }
      // a 1 MB line without a newline, then good lines again
      chunks.push(Buffer.alloc(1024 * 1024, 0x41))
      chunks.push(Buffer.from('\nlinea final\n'))
      const all = Buffer.concat(chunks)
      for (let i = 0; i < all.length; i += 4096) sim().write(all.subarray(i, i + 4096))
      await serial.waitFor((l) => l === 'clase_eoi/serial linea final', 30_000)
      const lines = serial.lines
      const goodSeen = lines.filter((l) => /^clase_eoi\/serial linea buena \d+$/.test(l)).length
      expect(goodSeen).toBe(good)
      await until(
        () => serial.lines.filter((l) => l.startsWith('clase_eoi/boton ')).length === presses,
        `${presses} presses`,
        10_000
      )
      expect(suite.hub.snapshot().notices.some((n) => n.code === 'serial-line-too-long')).toBe(true)
      expect(suite.hub.snapshot().notices.some((n) => n.code === 'serial-not-text')).toBe(true)
      // still alive and bridging both ways
      await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{"r":1,"g":1,"b":1}'])
      await sim().waitFor(
        () => sim().colourLines.includes('{"r":1,"g":1,"b":1}'),
        'a colour after the fuzz'
      )
      serial.stop()
    }
  )

  it.skipIf(skip)(
    'a path given on the command line that does not exist stops the start with the reason',
    async () => {
      await expect(
        startTestHub({ mqtt: { url: broker.url }, board: { serial: '/dev/puente-missing' } })
      ).rejects.toThrow('serial path missing: /dev/puente-missing')
    }
  )
})
