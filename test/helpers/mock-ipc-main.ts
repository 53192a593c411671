import type { IpcMainInvokeEvent } from 'electron'
import type { Result } from '../../electron/contract'
import type { IpcRegistrar } from '../../electron/main/ipc'

/** A mock of Electron's ipcMain (no Electron runtime here): keeps the handlers by channel. */
export class MockElectronIpcMain implements IpcRegistrar {
  handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>()
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
  ): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** What ipcRenderer.invoke(channel, input) would resolve to, sent from `event`. */
  async invoke(
    event: IpcMainInvokeEvent,
    channel: string,
    input?: unknown
  ): Promise<Result<unknown>> {
    const h = this.handlers.get(channel)
    if (!h) throw new Error(`No handler registered for '${channel}'`)
    return (await h(event, input)) as Result<unknown>
  }
}
