// The tray following the real core: its icon and menu as the core connects, disconnects and
// meets a broker that is not there. Electron's Tray cannot run here; a mock records what shows.
import { afterEach, describe, expect, it } from 'vitest'
import type { Puente as Hub } from '../../../electron/core/puente'
import { followHub } from '../../../electron/main/tray-follow'
import { connected, startTestHub, until } from '../../helpers/hub'
import { freePort } from '../../helpers/ports'
import { mockTray } from '../../helpers/mock-tray'

describe('tray following the real core', () => {
  let hub: Hub | undefined
  afterEach(async () => {
    await hub?.stop()
    hub = undefined
  })

  it('goes green on connect, grey on Disconnect, red when the broker refuses, green again on Connect', async () => {
    hub = await startTestHub()
    const h = hub
    const { service, tray } = mockTray({
      language: 'en',
      actions: {
        connect: () => void h.invoke('mqtt:connect', {}),
        disconnect: () => void h.invoke('mqtt:disconnect', {})
      }
    })
    const stop = followHub(service, h, 'en-US')
    await connected(h)
    await until(() => tray.icon === 'connected.png', 'the connected icon')
    expect(tray.item('status')?.label).toBe(`Connected · ${h.brokerUrl}`)

    tray.item('disconnect')!.click!()
    await until(() => tray.icon === 'disconnected.png', 'the disconnected icon')
    expect(tray.item('connect')?.label).toBe('Connect')

    tray.item('connect')!.click!()
    await until(() => tray.icon === 'connected.png', 'the connected icon again')

    // a broker that is not there: nothing listens on this port
    const nobody = await freePort()
    const r = await h.invoke('settings:update', { mqtt: { url: `mqtt://127.0.0.1:${nobody}` } })
    expect(r.ok).toBe(true)
    await until(() => tray.icon === 'error.png', 'the error icon', 10_000)
    expect(tray.item('status')?.label).toContain(`mqtt://127.0.0.1:${nobody}`)
    expect(tray.tooltip.split('\n')[0]).toBe('Puente')

    const es = await h.invoke('settings:update', { language: 'es' })
    expect(es.ok).toBe(true)
    expect(tray.menu[0].label).toBe('Abrir Puente')
    stop()
  })
})
