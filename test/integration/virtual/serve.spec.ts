import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../electron/host/args'
import { tempDir } from '../../helpers/hub'
import { MqttWatch } from '../../helpers/mqtt-watch'
import { freePort } from '../../helpers/ports'
import { startFailure, startServe, type Served } from '../../helpers/serve'

/** The web host with the virtual board, its broker on `brokerPort`, plus `extra` options. */
async function serveVirtual(brokerPort: number, extra: string[] = []): Promise<Served> {
  const ports = ['--broker-port', String(brokerPort), '--http-port', String(await freePort())]
  return startServe(['--data-dir', tempDir(), ...ports, '--serial', 'virtual', ...extra])
}

describe('npm run serve with the virtual board', () => {
  it('parses --serial virtual and --board-dir; an empty --board-dir leaves it to settings', () => {
    const c = parseServeArgs(['--serial', 'virtual', '--board-dir', '/tmp/placa'])
    expect(c.overrides.board).toEqual({ serial: 'virtual' })
    expect(c.boardDir).toBe('/tmp/placa')
    expect(parseServeArgs(['--board-dir', '']).boardDir).toBeUndefined()
    expect(parseServeArgs([]).boardDir).toBeUndefined()
  })

  it("--serial virtual --board-dir D prints ready and runs D's main.py", async () => {
    const dir = path.join(tempDir(), 'placa')
    mkdirSync(path.join(dir, 'lib'), { recursive: true })
    const brokerPort = await freePort()
    writeFileSync(
      path.join(dir, 'main.py'),
      [
        'import network, time',
        'from umqtt.simple import MQTTClient',
        'w = network.WLAN(network.STA_IF)',
        'w.active(True)',
        'w.connect("aula", "clave")',
        `c = MQTTClient("desde-d", "127.0.0.1", port=${brokerPort})`,
        'c.connect()',
        'while True:',
        '    c.publish(b"clase_eoi", b"hola desde D")',
        '    time.sleep_ms(200)',
        ''
      ].join('\n')
    )
    const served = await serveVirtual(brokerPort, ['--board-dir', dir])
    const watch = await MqttWatch.start(`mqtt://127.0.0.1:${brokerPort}`, ['clase_eoi'])
    try {
      expect(served.output()).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+$/m)
      await watch.waitFor('clase_eoi', (t) => t === 'hola desde D', 15_000)
    } finally {
      await watch.stop()
      await served.stop()
    }
  })

  it("--serial virtual alone runs Puente's firmware, bridged: a colour reaches its LED topic", async () => {
    const brokerPort = await freePort()
    const served = await serveVirtual(brokerPort)
    const watch = await MqttWatch.start(`mqtt://127.0.0.1:${brokerPort}`, ['puente/+/virtual/#'])
    try {
      // the colour reaches Puente's firmware over the in-memory link; its LED is on MQTT
      await watch.publish('clase_eoi/led', '{"r":3,"g":2,"b":1}')
      const led = await watch.waitForAny(
        (m) => m.topic.endsWith('/virtual/led') && m.text === '{"r":3,"g":2,"b":1}',
        'the virtual LED'
      )
      expect(led.topic).toMatch(/^puente\/puente-[0-9a-f]{6}\/virtual\/led$/)
    } finally {
      await watch.stop()
      await served.stop()
    }
  })

  it('a --board-dir that does not exist: exit 1 with one line', async () => {
    const missing = path.join(tempDir(), 'no-existe')
    const err = await startFailure(serveVirtual(await freePort(), ['--board-dir', missing]))
    expect(err).toMatch(/exited with 1 before ready/)
    const reason = err.split('\n').filter(Boolean).slice(1)
    expect(reason).toEqual([`board folder missing: ${missing}`])
  })
})
