// A command whose handler rejects is answered as an error over IPC, never left as an
// unhandled rejection (the old traffic:export crashed the host that way on a 524 MB log).
import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../../electron/contract'
import { registerCommands, type IpcRegistrar } from '../../../electron/main/ipc'

describe('a command handler that throws', () => {
  it('is answered over IPC as an internal error, in words', async () => {
    const handlers = new Map<string, (e: IpcMainInvokeEvent, input: unknown) => unknown>()
    const ipc: IpcRegistrar = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel)
    }
    const hub = {
      dispatch: (): Promise<Result<unknown>> =>
        Promise.reject(new RangeError('Invalid string length')),
      events: { on: () => () => undefined }
    }
    registerCommands(ipc, hub, () => true)
    const r = (await handlers.get('history:page')!({} as IpcMainInvokeEvent, {})) as Result<unknown>
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'history:page failed: RangeError: Invalid string length',
        params: { command: 'history:page' }
      }
    })
  })
})
