// The window's only way to the core: window.puente, one function per contract command
// (bridge.ts), never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'
import { makeBridge } from './bridge'

contextBridge.exposeInMainWorld('puente', makeBridge(ipcRenderer))
