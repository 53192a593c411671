import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { TestBoard } from '../../helpers/virtual-board'

// Mistakes of the class's programs, run for real: the traceback as MicroPython prints it, then
// the hint the window shows in words.

const boards: TestBoard[] = []
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.dispose()))
})

async function failed(main: string): Promise<TestBoard> {
  const b = TestBoard.withFiles({ 'main.py': main })
  boards.push(b)
  await b.board.start()
  await b.until(() => b.run === 'error', 'the error', 20_000)
  return b
}

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as { port: number }).port
  await new Promise<void>((r) => srv.close(() => r()))
  return port
}

const WIFI = `import network
wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect('clase', 'secreto')
`

describe('virtual board hints', () => {
  it("the tutorial's client.suscribe: the hint names subscribe", async () => {
    const b = await failed(
      "from umqtt.simple import MQTTClient\nc = MQTTClient('alumno', '127.0.0.1')\nc.set_callback(print)\nc.suscribe(b'clase_eoi')\n"
    )
    expect(b.out.at(-1)).toBe("AttributeError: 'MQTTClient' object has no attribute 'suscribe'")
    expect(b.hints).toEqual([
      expect.objectContaining({
        code: 'virtual-hint-misspelled',
        params: { object: 'MQTTClient', name: 'suscribe', suggestion: 'subscribe' }
      })
    ])
    expect(b.states.at(-1)?.exit?.message).toBe(
      "AttributeError: 'MQTTClient' object has no attribute 'suscribe'"
    )
  })

  it('MQTT before the Wi-Fi is connected', async () => {
    const port = await closedPort()
    const b = await failed(
      `from umqtt.simple import MQTTClient\nc = MQTTClient('alumno', '127.0.0.1', port=${port})\nc.connect()\n`
    )
    expect(b.out.at(-1)).toMatch(/^OSError/)
    expect(b.hints.map((h) => h.code)).toEqual(['virtual-hint-no-wifi'])
  })

  it('a broker that refused: which host and port', async () => {
    const port = await closedPort()
    const b = await failed(
      `${WIFI}from umqtt.simple import MQTTClient\nc = MQTTClient('alumno', '127.0.0.1', port=${port})\nc.connect()\n`
    )
    expect(b.out.at(-1)).toMatch(/^OSError: .*(111|ECONNREFUSED)/)
    expect(b.hints).toEqual([
      expect.objectContaining({
        code: 'virtual-hint-refused',
        params: { target: `127.0.0.1:${port}` }
      })
    ])
  })

  it('a colour message without one of its keys, and a module the board lacks', async () => {
    const b = await failed(
      "import json\ncolor = json.loads('{\"r\": 255, \"g\": 0}')\nprint(color['r'], color['g'], color['b'])\n"
    )
    expect(b.hints.map((h) => [h.code, h.params?.key])).toEqual([['virtual-hint-colour-key', 'b']])
    const c = await failed('import paho.mqtt.client as mqtt\n')
    expect(c.hints).toEqual([
      expect.objectContaining({
        code: 'virtual-hint-no-module',
        params: { module: 'paho' }
      })
    ])
  })
})
