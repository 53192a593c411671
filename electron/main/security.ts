// Security defaults of every Puente window (STYLE.md "Security"). Only types come from
// 'electron' here, so the values are unit-tested in Node.
import type { Event, HandlerDetails, WebContents, WebPreferences } from 'electron'
import { CSP } from '../shared/csp'

/**
 * The one place window preferences are made: isolated, sandboxed, no Node in the page, and
 * DevTools only where `devTools` says (development, never a packaged build).
 */
export function secureWebPreferences(
  preload: string,
  { devTools = false }: { devTools?: boolean } = {}
): WebPreferences {
  return {
    preload,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // middle-click would open links in new windows behind setWindowOpenHandler's back
    disableBlinkFeatures: 'Auxclick'
  }
}

/** True for a link the user may follow in their browser: http and https only. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/** Adds the CSP to a response's headers (for responses that are not our file:// pages). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value
  }
  // electronegativity CSP_GLOBAL_CHECK: the value is the CSP constant of shared/csp.ts, a name the
  // tool cannot read; test/unit/shell/security.spec.ts checks its directives instead
  out['Content-Security-Policy'] = [CSP]
  return out
}

/** What a window's contents need to be locked down; `openExternal` is Electron's shell's. */
export interface LockDeps {
  openExternal: (url: string) => Promise<void> | void
}

/**
 * Locks a window's contents: no new windows (links open in the browser when http/https), no
 * navigation away from the app, no <webview>.
 */
export function lockDownContents(contents: WebContents, deps: LockDeps): void {
  contents.setWindowOpenHandler(({ url }: HandlerDetails) => {
    // electronegativity OPEN_EXTERNAL_JS_CHECK: only http/https URLs reach openExternal (isExternalLink)
    if (isExternalLink(url)) void deps.openExternal(url)
    return { action: 'deny' }
  })
  const stay = (event: Event, url: string): void => {
    event.preventDefault()
    // electronegativity OPEN_EXTERNAL_JS_CHECK: only http/https URLs reach openExternal (isExternalLink)
    if (isExternalLink(url)) void deps.openExternal(url)
  }
  contents.on('will-navigate', (event, url) => stay(event, url))
  contents.on('will-redirect', (event, url) => stay(event, url))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
