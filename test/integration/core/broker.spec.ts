import mqtt from 'mqtt'
import { describe, expect, it } from 'vitest'
import { startPuente } from '../../../electron/core/puente'
import { connected, received, startTestHub, tempDir, until } from '../../helpers/hub'
import { freePort } from '../../helpers/ports'

describe('the embedded broker', () => {
  it('is the default, on 127.0.0.1, and also speaks MQTT over WebSocket', async () => {
    const hub = await startTestHub()
    try {
      await connected(hub)
      expect(hub.settings.mqtt.url).toBe('embedded')
      const status = hub.brokerStatus
      expect(status).toMatchObject({ running: true, host: '127.0.0.1' })
      // a student's board over WebSocket (as HiveMQ's websocket client would)
      const ws = mqtt.connect(`ws://127.0.0.1:${status.wsPort}`, { clientId: 'alumno_ws' })
      await new Promise((resolve, reject) => ws.once('connect', resolve).once('error', reject))
      await ws.publishAsync('clase_eoi', 'hola por websocket')
      await until(
        () => received(hub, 'clase_eoi').some((m) => m.payload === 'hola por websocket'),
        'the WebSocket message'
      )
      await ws.endAsync()
    } finally {
      await hub.stop()
    }
  })

  it('says which port is taken and which setting to change', async () => {
    const first = await startTestHub()
    try {
      const err = await startTestHub({ broker: { port: first.brokerStatus.port } }).then(
        () => undefined,
        (e: { problem?: { code: string; message: string } }) => e.problem
      )
      expect(err?.code).toBe('broker-port-taken')
      expect(err?.message).toContain(`port ${first.brokerStatus.port}`)
      expect(err?.message).toContain('--broker-port')
    } finally {
      await first.stop()
    }
  })

  it('in the tray app a taken port does not stop Puente: the window says so and a new port in settings fixes it', async () => {
    const first = await startTestHub()
    const dataDir = tempDir()
    const hub = await startPuente({
      dataDir,
      host: 'electron',
      version: 'test',
      keepGoing: true,
      overrides: { broker: { port: first.brokerStatus.port, wsPort: await freePort() } }
    })
    try {
      expect(hub.brokerStatus).toMatchObject({
        running: false,
        problem: { code: 'broker-port-taken' }
      })
      expect(hub.snapshot().notices.map((n) => n.code)).toContain('broker-port-taken')
      const port = await freePort()
      expect(await hub.invoke('settings:update', { broker: { port } })).toMatchObject({
        ok: true
      })
      expect(hub.brokerStatus).toMatchObject({ running: true, port })
      expect(hub.brokerStatus.problem).toBeUndefined()
      await connected(hub)
    } finally {
      await hub.stop()
      await first.stop()
    }
  })
})
