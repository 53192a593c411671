/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { PuenteBridge } from '../../electron/contract'

declare global {
  interface Window {
    /** Set by the Electron preload; absent under the web host. */
    puente?: PuenteBridge
  }
}
