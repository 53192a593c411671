import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddedBroker } from '../../../electron/core/broker/embedded'
import { Mosquitto } from '../../helpers/mosquitto'
import { OpenMeteoServer } from '../../helpers/open-meteo-server'
import { tempDir } from '../../helpers/tmp'
import type { TestBoard } from '../../helpers/virtual-board'
import { program, WIFI, type Ended } from '../../helpers/virtual-net'

// micropython-lib's own umqtt.simple, umqtt.robust and requests, dropped into lib/, must run
// unchanged on the virtual board's socket layer. Copies of them (MIT) are in
// test/fixtures/micropython-lib, laid out as a board's lib/; PUENTE_MPLIB_DIR points to other
// ones: a micropython-lib checkout, or a folder laid out the same way.

/** The copies in this repository (see their README for the commit they come from). */
const VENDORED = path.resolve(__dirname, '../../fixtures/micropython-lib')

const FILES: [string, string][] = [
  ['micropython/umqtt.simple/umqtt/simple.py', 'umqtt/simple.py'],
  ['micropython/umqtt.robust/umqtt/robust.py', 'umqtt/robust.py'],
  ['python-ecosys/requests/requests/__init__.py', 'requests/__init__.py']
]

/** The real files as a lib/ folder, or why they are not here. */
function mplib(): { dir: string } | { why: string } {
  const from = process.env.PUENTE_MPLIB_DIR ?? VENDORED
  if (FILES.every(([, lib]) => existsSync(path.join(from, lib)))) return { dir: from }
  if (!FILES.every(([repo]) => existsSync(path.join(from, repo))))
    return { why: `PUENTE_MPLIB_DIR=${from} holds neither a checkout nor a lib/ layout` }
  const dir = tempDir('puente-mplib-')
  for (const [repo, lib] of FILES) {
    mkdirSync(path.dirname(path.join(dir, lib)), { recursive: true })
    copyFileSync(path.join(from, repo), path.join(dir, lib))
  }
  return { dir }
}

describe("micropython-lib's real umqtt and requests on the virtual board", () => {
  const lib = mplib()
  let meteo: OpenMeteoServer
  let aedes: EmbeddedBroker
  let mosquitto: Mosquitto

  beforeAll(async () => {
    if (!('dir' in lib)) return
    meteo = await new OpenMeteoServer().start()
    aedes = new EmbeddedBroker({ host: '127.0.0.1', port: 0, wsPort: -1 })
    await aedes.start()
    mosquitto = new Mosquitto()
    await mosquitto.start()
  })
  afterAll(async () => {
    await meteo?.stop()
    await aedes?.stop()
    await mosquitto?.stop()
  })

  const boards: TestBoard[] = []
  afterEach(async () => {
    await Promise.all(boards.splice(0).map((b) => b.dispose()))
  })

  /**
   * A board whose folder's lib/ holds the real files (as a student drops them there, ahead of
   * Puente's own on sys.path); the program first prints where each module came from.
   */
  async function board(
    dir: string,
    code: string,
    hosts: Record<string, string> = {}
  ): Promise<{ board: TestBoard; ended: Promise<Ended> }> {
    const files = Object.fromEntries(
      FILES.map(([, f]) => [`lib/${f}`, readFileSync(path.join(dir, f), 'utf8')])
    )
    const p = await program(
      `import umqtt.simple, umqtt.robust, requests
print([m.__file__ for m in (umqtt.simple, umqtt.robust, requests)])
${code}`,
      { files, hosts }
    )
    boards.push(p.board)
    return p
  }

  const FROM_LIB =
    "['/flash/lib/umqtt/simple.py', '/flash/lib/umqtt/robust.py', '/flash/lib/requests/__init__.py']"

  for (const [name, url] of [
    ['aedes', (): string => aedes.url],
    ['mosquitto', (): string => mosquitto.url]
  ] as const) {
    it(`umqtt.simple and umqtt.robust run unchanged against ${name}`, async (ctx) => {
      if (!('dir' in lib)) return ctx.skip(lib.why)
      const port = Number(new URL(url()).port)
      const watcher = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`)
      await watcher.subscribeAsync('mplib/out/#')
      const got: string[] = []
      watcher.on('message', (t, p) => got.push(`${t} ${p}`))
      try {
        const { board: b, ended } = await board(
          lib.dir,
          `${WIFI}
from umqtt.simple import MQTTClient
import umqtt.robust
llegados = []
c = MQTTClient('mplib-simple', '127.0.0.1', port=${port}, keepalive=30)
c.set_callback(lambda t, m: llegados.append(m))
c.connect()
c.subscribe(b'mplib/in')
print('check', c.check_msg())
print('suscrito')
c.wait_msg()
c.publish(b'mplib/out/simple', b'eco:' + llegados[0])
c.disconnect()
r = umqtt.robust.MQTTClient('mplib-robust', '127.0.0.1', port=${port})
r.connect()
r.publish(b'mplib/out/robust', b'robust', qos=1)
r.disconnect()
print('fin')
`
        )
        await b.line('suscrito')
        await watcher.publishAsync('mplib/in', 'hola')
        const r = await ended
        expect(r.err).toBe('')
        expect(r.out).toEqual([FROM_LIB, 'check None', 'suscrito', 'fin'])
        await expect
          .poll(() => got)
          .toEqual(['mplib/out/simple eco:hola', 'mplib/out/robust robust'])
      } finally {
        await watcher.endAsync()
      }
    })
  }

  it('requests runs unchanged (HTTP/1.1, http and https) through the Open-Meteo host mapping', async (ctx) => {
    if (!('dir' in lib)) return ctx.skip(lib.why)
    const { ended } = await board(
      lib.dir,
      `${WIFI}
import requests
for proto in ('http', 'https'):
    r = requests.get(proto + '://api.open-meteo.com/v1/forecast?latitude=37.38&longitude=-5.97&current=temperature_2m')
    print(r.status_code, r.json()['current']['temperature_2m'])
`,
      { 'api.open-meteo.com': `http://127.0.0.1:${meteo.port}` }
    )
    const r = await ended
    expect(r.err).toBe('')
    const sevilla = JSON.parse(
      readFileSync(
        path.resolve(__dirname, '../../fixtures/open-meteo/forecast-sevilla.json'),
        'utf8'
      )
    ) as { current: { temperature_2m: number } }
    const t = sevilla.current.temperature_2m
    expect(r.out).toEqual([FROM_LIB, `200 ${t}`, `200 ${t}`])
  })
})
