// The contract over IPC, against the real core and its embedded broker: our window's commands
// reach MQTT, anyone else's are refused, bad input gets a reason, and events reach the window.
// Electron's ipcMain cannot exist here, so a mock of it holds the registered handlers.
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  commands,
  eventNames,
  type EventName,
  type TrafficMessage
} from '../../../electron/contract'
import type { Puente as Hub } from '../../../electron/core/puente'
import { forwardEvents, isAppUrl, ownSender, registerCommands } from '../../../electron/main/ipc'
import { connected, startTestHub, until } from '../../helpers/hub'
import { MockElectronIpcMain } from '../../helpers/mock-ipc-main'
import { mosquittoPub, mosquittoSub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'

const noTools = missingTools('mosquitto_pub', 'mosquitto_sub')
const APP_URL = 'file:///opt/Puente/resources/app.asar/out/renderer/index.html'

// Stand-ins for Electron's objects, only as much as the sender check reads.
const ourContents = { id: 1 } as unknown as WebContents
const otherContents = { id: 2 } as unknown as WebContents
const ourWindow = { name: 'popover' }
const otherWindow = { name: 'some other window' }
const windowOf = (c: WebContents): unknown => (c === ourContents ? ourWindow : otherWindow)
const event = (
  sender: WebContents,
  frame: { url: string; parent: unknown } | null
): IpcMainInvokeEvent => ({ sender, senderFrame: frame }) as unknown as IpcMainInvokeEvent
const fromUs = event(ourContents, { url: APP_URL, parent: null })

describe.skipIf(noTools)('IPC contract against the real core', () => {
  let hub: Hub
  const ipc = new MockElectronIpcMain()
  const sent: { name: EventName; payload: unknown }[] = []

  beforeAll(async () => {
    hub = await startTestHub()
    registerCommands(ipc, hub, ownSender({ windowOf, window: () => ourWindow, appUrl: APP_URL }))
    forwardEvents(hub, (name, payload) => sent.push({ name, payload }))
    await connected(hub)
  })
  afterAll(async () => {
    await hub?.stop()
  })

  it('registers exactly the contract commands, once each', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(commands).sort())
  })

  it("publishes from our window: mosquitto_sub on Puente's broker gets the message", async () => {
    const sub = await mosquittoSub(hub.brokerStatus.port, ['ipc/test'])
    try {
      const r = await ipc.invoke(fromUs, 'mqtt:publish', {
        topic: 'ipc/test',
        payload: '¡hola! 👋',
        qos: 1
      })
      expect(r).toEqual({ ok: true, value: null })
      expect(await sub.waitFor((l) => l === 'ipc/test ¡hola! 👋')).toBe('ipc/test ¡hola! 👋')
    } finally {
      sub.stop()
    }
  })

  it('refuses senders that are not our window, its top frame, on our page — and publishes nothing', async () => {
    const strangers = [
      event(otherContents, { url: APP_URL, parent: null }), // another window
      event(ourContents, { url: APP_URL, parent: {} }), // an iframe inside ours
      event(ourContents, { url: 'https://evil.example/', parent: null }), // our window, navigated away
      event(ourContents, null) // a frame already gone
    ]
    const before = hub.traffic.ring.query({ limit: 100_000 }).length
    for (const e of strangers) {
      const r = await ipc.invoke(e, 'mqtt:publish', { topic: 'ipc/forbidden', payload: 'x' })
      expect(r.ok).toBe(false)
      if (!r.ok)
        expect(r.error).toMatchObject({
          code: 'forbidden-sender',
          params: { command: 'mqtt:publish' }
        })
    }
    expect(
      hub.traffic.ring.query({ limit: 100_000 }).filter((m) => m.topic === 'ipc/forbidden')
    ).toEqual([])
    expect(hub.traffic.ring.query({ limit: 100_000 }).length).toBe(before)
  })

  it('answers bad input with the field and the reason, and keeps serving', async () => {
    const r = await ipc.invoke(fromUs, 'mqtt:publish', { topic: 'a/+/b', payload: 'x' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input')
      expect(r.error.message).toContain('topic')
    }
    const wrongType = await ipc.invoke(fromUs, 'mqtt:subscribe', { filter: 42 })
    expect(wrongType.ok).toBe(false)
    const snapshot = await ipc.invoke(fromUs, 'app:get-snapshot')
    expect(snapshot.ok).toBe(true)
  })

  it('forwards every contract event name, with traffic arriving batched', async () => {
    await mosquittoPub(hub.brokerStatus.port, ['-t', 'clase_eoi', '-m', 'desde mosquitto_pub'])
    await until(
      () =>
        sent.some(
          (s) =>
            s.name === 'traffic:batch' &&
            (s.payload as { messages: TrafficMessage[] }).messages.some(
              (m) => m.payload === 'desde mosquitto_pub'
            )
        ),
      'a traffic:batch with the message'
    )
    const r = await ipc.invoke(fromUs, 'settings:update', { theme: 'dark' })
    expect(r.ok).toBe(true)
    const changed = sent.filter((s) => s.name === 'settings:changed').at(-1)
    expect(changed?.payload).toMatchObject({ theme: 'dark' })
    expect(new Set(sent.map((s) => s.name)).size).toBeLessThanOrEqual(eventNames.length)
    for (const s of sent) expect(eventNames).toContain(s.name)
  })
})

describe('our page', () => {
  it('is the same file, or the dev server origin', () => {
    expect(isAppUrl(`${APP_URL}#/settings`, APP_URL)).toBe(true)
    expect(isAppUrl('file:///tmp/evil.html', APP_URL)).toBe(false)
    expect(isAppUrl('http://localhost:5173/src/x', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('garbage', APP_URL)).toBe(false)
  })
})
