import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { BoardRejected, BoardStatus } from '../../../electron/contract'
import type { Puente } from '../../../electron/core/puente'
import type { BoardSim } from '../../sim/board-sim'
import { ptyTarget, virtualTarget, type BridgeBoard } from '../../helpers/bridge-boards'
import { connected, startTestHub, until } from '../../helpers/hub'
import { Mosquitto, mosquittoPub, mosquittoSub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'

const mqttTools = ['mosquitto', 'mosquitto_pub', 'mosquitto_sub']

// the same checks against the pty board and the virtual board running Puente's firmware
describe.each([ptyTarget, virtualTarget])(
  'board bridge: $name, mosquitto and mosquitto_pub/sub',
  (target) => {
    const skip = missingTools(...target.tools, ...mqttTools)
    const broker = new Mosquitto()
    let board: BridgeBoard
    let hub: Puente
    const statuses: BoardStatus[] = []

    beforeAll(async () => {
      if (!skip) await broker.start()
    })
    afterAll(async () => {
      await broker.stop()
    })

    async function start(): Promise<void> {
      board = await target.start()
      statuses.length = 0
      hub = await startTestHub({ mqtt: { url: broker.url }, board: { serial: board.serial } })
      board.attach(hub)
      hub.events.on('board:status', (s) => statuses.push(s))
      await connected(hub)
      await until(
        () =>
          !!boardStatus().boardId && boardStatus().boardId === (board.id ?? boardStatus().boardId),
        'hello from the board',
        10_000
      )
    }
    const boardStatus = (): BoardStatus => hub.services.board.status
    /** The pty simulator, for the checks only a cable and a pty can do (garbage, unplugging). */
    const sim = (): BoardSim => board.sim!
    const pty = target === ptyTarget

    afterEach(async () => {
      await hub?.stop()
      await board?.stop()
    })

    it.skipIf(skip)(
      'a button line publishes {"pressed":true,"board","at"} on clase_eoi/boton',
      async () => {
        await start()
        const sub = await mosquittoSub(broker.port, ['clase_eoi/boton', 'clase_eoi/serial'])
        try {
          await board.press()
          const line = await sub.waitFor((l) => l.startsWith('clase_eoi/boton '))
          const msg = JSON.parse(line.slice('clase_eoi/boton '.length))
          expect(msg).toMatchObject({ pressed: true, board: boardStatus().boardId })
          expect(Date.now() - Date.parse(msg.at)).toBeLessThan(60_000)
          expect(Object.keys(msg).sort()).toEqual(['at', 'board', 'pressed'])
          // the release is not a message on the topic: a line printed after it arrives alone
          await board.mark('marca')
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
        await board.waitFor(
          () => board.colourLines.includes('{"r":255,"g":0,"b":0}'),
          'the red line'
        )
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{ "b": 3, "g": 2, "r": 1 }'])
        await board.waitFor(
          () => board.colourLines.includes('{"r":1,"g":2,"b":3}'),
          'the normalised line'
        )
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '#00ff80'])
        await board.waitFor(
          () => board.colourLines.includes('{"r":0,"g":255,"b":128}'),
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
        const rejected = (): BoardRejected[] => hub.services.board.snapshot().rejected
        const errors = await mosquittoSub(broker.port, [
          `puente/${hub.settings.mqtt.clientId}/error`
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
        await board.waitFor(
          () => board.colourLines.includes('{"r":10,"g":20,"b":30}'),
          'the good colour before'
        )
        for (const [payload] of bad)
          await mosquittoPub(broker.port, [
            '-t',
            'clase_eoi/led',
            ...(payload ? ['-m', payload] : ['-n'])
          ])
        await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{"r":40,"g":50,"b":60}'])
        await board.waitFor(
          () => board.colourLines.includes('{"r":40,"g":50,"b":60}'),
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
            board.colourLines.filter(
              (l) => l !== '{"r":10,"g":20,"b":30}' && l !== '{"r":40,"g":50,"b":60}'
            )
          ).toEqual([])
          expect(hub.snapshot().notices.some((n) => n.code === 'bad-colour')).toBe(true)
        } finally {
          errors.stop()
        }
      }
    )

    // needs the simulator on the cable (its prints, garbage, unplugging, a port path)
    if (pty)
      it.skipIf(skip)(
        'unplug and replug: reconnects within 2 s, re-sends the last colour, loses no press',
        async () => {
          await start()
          const sub = await mosquittoSub(broker.port, ['clase_eoi/boton'])
          try {
            await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{"r":7,"g":8,"b":9}'])
            await sim().waitFor(
              () => sim().colourLines.includes('{"r":7,"g":8,"b":9}'),
              'the colour'
            )
            await sim().press()
            await sub.waitFor(() => sub.lines.length === 1)
            await sim().unplug()
            await until(() => boardStatus().state === 'disconnected', 'disconnected')
            expect(boardStatus().problem?.code).toBe('board-unplugged')
            const before = sim().received.length
            await new Promise((r) => setTimeout(r, 700))
            const replugged = Date.now()
            await sim().plug()
            await sim().waitFor(
              () => sim().received.slice(before).includes('{"r":7,"g":8,"b":9}'),
              'the colour re-sent',
              2000
            )
            expect(Date.now() - replugged).toBeLessThan(2000)
            expect(boardStatus().state).toBe('connected')
            await sim().press()
            await sub.waitFor(() => sub.lines.length === 2)
            expect(statuses.map((s) => s.state)).toContain('disconnected')
          } finally {
            sub.stop()
          }
        }
      )

    // needs the simulator on the cable (its prints, garbage, unplugging, a port path)
    if (pty)
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
                Buffer.from(
                  Array.from({ length: rand(200) }, () => rand(256)).filter((b) => b !== 10)
                )
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
          expect(hub.snapshot().notices.some((n) => n.code === 'serial-line-too-long')).toBe(true)
          expect(hub.snapshot().notices.some((n) => n.code === 'serial-not-text')).toBe(true)
          // still alive and bridging both ways
          await mosquittoPub(broker.port, ['-t', 'clase_eoi/led', '-m', '{"r":1,"g":1,"b":1}'])
          await sim().waitFor(
            () => sim().colourLines.includes('{"r":1,"g":1,"b":1}'),
            'a colour after the fuzz'
          )
          serial.stop()
        }
      )

    // needs the simulator on the cable (its prints, garbage, unplugging, a port path)
    if (pty)
      it.skipIf(skip)(
        'a path given on the command line that does not exist stops the start with the reason',
        async () => {
          await expect(
            startTestHub({ mqtt: { url: broker.url }, board: { serial: '/dev/puente-missing' } })
          ).rejects.toThrow('serial path missing: /dev/puente-missing')
        }
      )
  }
)
