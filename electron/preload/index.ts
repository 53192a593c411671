import { contextBridge, ipcRenderer } from 'electron'
import type { EventName, PuenteApi } from '../contract'

// Only the contract's invoke/on, never ipcRenderer itself.
const api: PuenteApi = {
  host: 'electron',
  invoke: (name, input) => ipcRenderer.invoke(name, input),
  on: (name: EventName, listener) => {
    const wrapped = (_e: unknown, payload: Parameters<typeof listener>[0]): void =>
      listener(payload)
    ipcRenderer.on(name, wrapped)
    return () => ipcRenderer.removeListener(name, wrapped)
  }
}
contextBridge.exposeInMainWorld('puente', api)
