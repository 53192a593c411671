// The shell's security defaults: window preferences, the CSP, and what a page may open.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  isExternalLink,
  lockDownContents,
  secureWebPreferences,
  withCsp
} from '../../../electron/main/security'
import { CSP, CSP_META } from '../../../electron/shared/csp'

const ROOT = path.resolve(__dirname, '../../..')

/** The directives of a CSP string, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values])
  )
}

describe('window preferences', () => {
  it('isolate the page, sandbox it and keep Node out of it', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.js')
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false
    })
    // DevTools only when asked (index.ts asks in development, never in a packaged build)
    expect(secureWebPreferences('/p.js', { devTools: true }).devTools).toBe(true)
  })
})

describe('Content-Security-Policy', () => {
  it('allows only our own scripts and styles', () => {
    const d = directives(CSP)
    expect(d.get('default-src')).toEqual(["'none'"])
    expect(d.get('script-src')).toEqual(["'self'"])
    expect(d.get('style-src')).toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'none'"])
    expect(CSP).not.toContain('unsafe-')
    for (const [name, values] of d) {
      // no source that lets in any host or scheme-wide origins
      for (const v of values)
        expect(['*', 'http:', 'https:', 'ws:', 'wss:'], `${name} ${v}`).not.toContain(v)
    }
  })

  it('replaces whatever CSP header a response had, in any letter case', () => {
    const out = withCsp({
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html']
    })
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] })
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CSP] })
  })

  it('the built page carries the shared CSP (no inline script or style)', () => {
    const html = path.join(ROOT, 'out/renderer/index.html')
    if (!existsSync(html))
      return expect.fail('out/renderer/index.html is missing: run `npx electron-vite build` first')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
      readFileSync(html, 'utf8')
    )
    expect(meta, 'a CSP meta tag in out/renderer/index.html').not.toBeNull()
    expect(meta![1]).toBe(CSP_META)
    expect(CSP_META).toBe(CSP.replace("; frame-ancestors 'none'", ''))
    const page = directives(meta![1])
    expect(page.get('script-src')).toEqual(["'self'"])
    expect(page.get('style-src')).toEqual(["'self'"])
    expect(meta![1]).not.toContain('unsafe-')
  })
})

/** A mock of Electron's WebContents (no Electron runtime here): keeps the handlers it is given. */
class MockElectronWebContents {
  openHandler: ((d: { url: string }) => { action: string }) | undefined
  listeners = new Map<string, ((event: { preventDefault(): void }, url?: string) => void)[]>()
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h
  }
  on(name: string, l: (event: { preventDefault(): void }, url?: string) => void): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l])
    return this
  }
  /** Fires `name` like Electron would; true when a listener prevented it. */
  fire(name: string, url?: string): boolean {
    let prevented = false
    for (const l of this.listeners.get(name) ?? [])
      l({ preventDefault: () => (prevented = true) }, url)
    return prevented
  }
}

describe('links and navigation', () => {
  it('only http and https count as links to open in the browser', () => {
    expect(isExternalLink('https://open-meteo.com/')).toBe(true)
    expect(isExternalLink('http://192.168.1.20:4817/')).toBe(true)
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'data:text/html,x',
      'not a url'
    ])
      expect(isExternalLink(url), url).toBe(false)
  })

  it('denies every new window, opens http(s) ones in the browser, and never navigates away', () => {
    const contents = new MockElectronWebContents()
    const opened: string[] = []
    lockDownContents(contents as unknown as WebContents, {
      openExternal: (url) => void opened.push(url)
    })

    expect(contents.openHandler!({ url: 'https://docs.micropython.org/' })).toEqual({
      action: 'deny'
    })
    expect(contents.openHandler!({ url: 'file:///home/teacher/.ssh/id_rsa' })).toEqual({
      action: 'deny'
    })
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.fire('will-navigate', 'file:///tmp/x.html')).toBe(true)
    expect(contents.fire('will-redirect', 'https://evil.example/r')).toBe(true)
    expect(contents.fire('will-attach-webview')).toBe(true)
    expect(opened).toEqual([
      'https://docs.micropython.org/',
      'https://evil.example/',
      'https://evil.example/r'
    ])
  })
})
