import { describe, expect, it } from 'vitest'
import type { BoardRejected } from '../../../electron/contract'
import { ptyTarget, virtualTarget } from '../../helpers/bridge-boards'
import { bridgeSuite } from '../../helpers/bridge-suite'
import { until } from '../../helpers/hub'
import { mosquittoPub, mosquittoSub } from '../../helpers/mosquitto'

// The bridge's messages both ways, the same checks against the pty board and the virtual board
// running Puente's firmware (the cable's own checks are in bridge-cable.spec.ts).
describe.each([ptyTarget, virtualTarget])(
  'board bridge: $name, mosquitto and mosquitto_pub/sub',
  (target) => {
    const suite = bridgeSuite(target)
    const { skip, broker, start, boardStatus, sim } = suite
    const pty = target === ptyTarget

    it.skipIf(skip)(
      'a button line publishes {"pressed":true,"board","at"} on clase_eoi/boton',
      async () => {
        await start()
        const sub = await mosquittoSub(broker.port, ['clase_eoi/boton', 'clase_eoi/serial'])
        try {
          await suite.board.press()
          const line = await sub.waitFor((l) => l.startsWith('clase_eoi/boton '))
          const msg = JSON.parse(line.slice('clase_eoi/boton '.length))
          expect(msg).toMatchObject({ pressed: true, board: boardStatus().boardId })
          expect(Date.now() - Date.parse(msg.at)).toBeLessThan(60_000)
          expect(Object.keys(msg).sort()).toEqual(['at', 'board', 'pressed'])
          // the release is not a message on the topic: a line printed after it arrives alone
          await suite.board.mark('marca')
          await sub.waitFor((l) => l === 'clase_eoi/serial marca')
          expect(sub.lines.filter((l) => l.startsWith('clase_eoi/boton '))).toHaveLength(1)
        } finally {
          sub.stop()
        }
      }
    )

    it.skipIf(skip)(
      'a colour published with mosquitto_pub arrives as the exact line; "#rrggbb" too',
      async () => {
        await start()
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{"r":255,"g":0,"b":0}'])
        await suite.board.waitFor(
          () => suite.board.colourLines.includes('{"r":255,"g":0,"b":0}'),
          'the red line'
        )
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{ "b": 3, "g": 2, "r": 1 }'])
        await suite.board.waitFor(
          () => suite.board.colourLines.includes('{"r":1,"g":2,"b":3}'),
          'the normalised line'
        )
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '#00ff80'])
        await suite.board.waitFor(
          () => suite.board.colourLines.includes('{"r":0,"g":255,"b":128}'),
          'the hex colour'
        )
        // the board reports the colour it shows
        await until(
          () => boardStatus().colour?.g === 255 && boardStatus().colour?.b === 128,
          'the reported colour'
        )
      }
    )

    // needs the simulator on the cable (its prints, garbage, unplugging, a port path)
    if (pty)
      it.skipIf(skip)('what the student prints goes to clase_eoi/serial as text', async () => {
        await start()
        const sub = await mosquittoSub(broker.port, ['clase_eoi/serial'])
        try {
          sim().print('hola desde la placa: 23.5')
          sim().print('{"temp": 21}')
          await sub.waitFor((l) => l === 'clase_eoi/serial hola desde la placa: 23.5')
          await sub.waitFor((l) => l === 'clase_eoi/serial {"temp": 21}')
        } finally {
          sub.stop()
        }
      })

    it.skipIf(skip)(
      'bad colours are refused with their reason on puente/<id>/error; the LED keeps its colour',
      async () => {
        await start()
        // what the board card shows: the last refusals, each with its reason (windows get them
        // pushed at most ~10 times a second, the newest winning)
        const rejected = (): BoardRejected[] => suite.hub.services.board.snapshot().rejected
        const errors = await mosquittoSub(broker.port, [
          `puente/${suite.hub.settings.mqtt.clientId}/error`
        ])
        const bad: [string, RegExp][] = [
          ['{"r":256,"g":0,"b":0}', /"r" is outside 0..255/],
          ['{"r":-1,"g":0,"b":0}', /"r" is outside 0..255/],
          ['{"r":1.5,"g":0,"b":0}', /"r" is not a whole number/],
          ['{"r":"255","g":0,"b":0}', /"r" is not a number/],
          ['{"r":true,"g":0,"b":0}', /"r" is not a number/],
          ['{"r":null,"g":0,"b":0}', /"r" is not a number/],
          ['{"g":0,"b":0}', /"r" is missing/],
          ['{"r":0,"g":0}', /"b" is missing/],
          ['{"r":0,"g":0,"b":0,"w":9}', /unexpected field "w"/],
          ['[255,0,0]', /not a JSON object/],
          ['255', /not a JSON object/],
          ['"red"', /#rrggbb/],
          ['#ff00zz', /#rrggbb/],
          ['#fff', /#rrggbb/],
          ['{"r":255,', /not JSON/],
          ['rojo', /not JSON/],
          ['', /empty/],
          ['{"r":1e400,"g":0,"b":0}', /outside 0..255|not a whole number/]
        ]
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{"r":10,"g":20,"b":30}'])
        await suite.board.waitFor(
          () => suite.board.colourLines.includes('{"r":10,"g":20,"b":30}'),
          'the good colour before'
        )
        for (const [payload] of bad)
          await mosquittoPub(broker.port, [
            '-t',
            'clase_eoi/led',
            ...(payload ? ['-m', payload] : ['-n'])
          ])
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{"r":40,"g":50,"b":60}'])
        await suite.board.waitFor(
          () => suite.board.colourLines.includes('{"r":40,"g":50,"b":60}'),
          'the good colour after'
        )
        await until(
          () => rejected().length === bad.length,
          `${bad.length} rejections (have ${rejected().length})`
        )
        // the error topic sends one message a second per reason, with how many it stands for
        const published = (): { what: string; topic: string; reason: string; count: number }[] =>
          errors.lines.map((l) => JSON.parse(l.slice(l.indexOf(' ') + 1)))
        const total = (): number => published().reduce((n, p) => n + p.count, 0)
        await errors.waitFor(() => total() === bad.length)
        try {
          bad.forEach(([payload, why], i) => {
            expect(rejected()[i].reason.message, payload).toMatch(why)
            expect(rejected()[i].payload).toBe(payload)
          })
          for (const p of published()) {
            expect(p).toMatchObject({ what: 'colour', topic: 'clase_eoi/led' })
            expect(bad.some(([, why]) => why.test(p.reason))).toBe(true)
          }
          expect(new Set(published().map((p) => p.reason)).size).toBe(
            new Set(rejected().map((r) => r.reason.message)).size
          )
          // only the two good colours reached the board
          expect(
            suite.board.colourLines.filter(
              (l) => l !== '{"r":10,"g":20,"b":30}' && l !== '{"r":40,"g":50,"b":60}'
            )
          ).toEqual([])
          expect(suite.hub.snapshot().notices.some((n) => n.code === 'bad-colour')).toBe(true)
        } finally {
          errors.stop()
        }
      }
    )
  }
)
