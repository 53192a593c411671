/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { PuenteApi } from '../../electron/contract'

declare global {
  interface Window {
    /** Set by the Electron preload; absent under the web host. */
    puente?: PuenteApi
  }
}
