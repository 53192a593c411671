// The preload's window.puente: one function per contract command (nothing else reaches IPC),
// input validated before it crosses, events limited to the contract's.
import { describe, expect, it } from 'vitest'
import { commands, eventNames, TRAFFIC_TAKEN_CHANNEL } from '../../../electron/contract'
import { makeBridge, type IpcRendererLike } from '../../../electron/preload/bridge'

type Listener = (event: unknown, payload: unknown) => void

/** A stand-in for Electron's ipcRenderer (no runtime here): records what crosses to main. */
class MockIpcRenderer implements IpcRendererLike {
  invoked: { channel: string; input: unknown }[] = []
  sent: string[] = []
  listeners = new Map<string, Set<Listener>>()
  async invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push({ channel, input })
    return { ok: true, value: `from main: ${channel}` }
  }
  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set())
    this.listeners.get(channel)!.add(listener)
    return this
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener)
    return this
  }
  send(channel: string): void {
    this.sent.push(channel)
  }
  /** Main sending an event, as webContents.send would. */
  emit(channel: string, payload: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: 'main' }, payload)
  }
}

describe('the preload bridge', () => {
  it('has exactly one function per contract command, and no generic invoke', () => {
    const bridge = makeBridge(new MockIpcRenderer())
    expect(Object.keys(bridge).sort()).toEqual(['commands', 'host', 'on'])
    expect(Object.keys(bridge.commands).sort()).toEqual(Object.keys(commands).sort())
    for (const fn of Object.values(bridge.commands)) expect(typeof fn).toBe('function')
    expect(Object.isFrozen(bridge.commands)).toBe(true)
  })

  it('sends valid input to its own channel and returns what main answers', async () => {
    const ipc = new MockIpcRenderer()
    const bridge = makeBridge(ipc)
    const input = { topic: 'clase_eoi/led', payload: 'on' }
    await expect(bridge.commands['mqtt:publish'](input)).resolves.toEqual({
      ok: true,
      value: 'from main: mqtt:publish'
    })
    await bridge.commands['app:get-snapshot']()
    expect(ipc.invoked).toEqual([
      { channel: 'mqtt:publish', input },
      { channel: 'app:get-snapshot', input: {} }
    ])
  })

  it('refuses bad input in the window, with the reason, before anything crosses to main', async () => {
    const ipc = new MockIpcRenderer()
    const bridge = makeBridge(ipc)
    const r = await bridge.commands['mqtt:publish']({ topic: 'a/#', payload: 'x' })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', params: { command: 'mqtt:publish', field: 'topic' } }
    })
    const list = await bridge.commands['settings:update']([] as never)
    expect(list).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(ipc.invoked).toEqual([])
  })

  it('follows only the contract events, and stops when told', () => {
    const ipc = new MockIpcRenderer()
    const bridge = makeBridge(ipc)
    const seen: unknown[] = []
    const off = bridge.on('notice', (n) => seen.push(n.code))
    bridge.on('app:show-tab', ({ tab }) => seen.push(tab))
    ipc.emit('notice', { code: 'x' })
    ipc.emit('app:show-tab', { tab: 'class' })
    off()
    ipc.emit('notice', { code: 'y' })
    expect(seen).toEqual(['x', 'class'])
    expect(() => bridge.on('ipc:anything' as 'notice', () => undefined)).toThrow(/not an event/)
    expect(eventNames.every((n) => !n.startsWith('ipc'))).toBe(true)
  })

  it('tells main each time a traffic batch reached the page, and nothing else', () => {
    const ipc = new MockIpcRenderer()
    const bridge = makeBridge(ipc)
    const got: number[] = []
    bridge.on('traffic:batch', (b) => got.push(b.messages.length))
    ipc.emit('traffic:batch', { messages: [], topics: [], dropped: 0 })
    ipc.emit('notice', { code: 'x' })
    ipc.emit('traffic:batch', { messages: [], topics: [], dropped: 3 })
    expect(got).toEqual([0, 0])
    expect(ipc.sent).toEqual([TRAFFIC_TAKEN_CHANNEL, TRAFFIC_TAKEN_CHANNEL])
  })
})
