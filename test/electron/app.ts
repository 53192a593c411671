// Launching the built tray app under Playwright's _electron, shared by the Electron specs: a
// fresh user-data dir, free broker ports, an X display where there is none, and the handles main
// exposes under PUENTE_TEST=1. Skips the calling spec, with the reason, where no runtime exists.
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page
} from '@playwright/test'
import type { MqttState, PuenteBridge } from '../../electron/contract'
import { freePort } from '../helpers/ports'
import { missingTools } from '../helpers/tools'
import { electronRuntime, ensureDisplay } from './runtime'

export const ROOT = path.resolve(__dirname, '../..')
export const runtime = electronRuntime()

/** What main exposes to tests as globalThis.__puente (only under PUENTE_TEST=1). */
export interface MainHandle {
  hub: {
    brokerStatus: { port: number }
    settings: { mqtt: { clientId: string } }
    traffic: { ring: { query(q: { limit: number }): { topic: string; payload: string }[] } }
  }
  tray: { current: { mqtt?: { state: MqttState; url: string } } }
  popover: {
    show(): void
    window: {
      isVisible(): boolean
      isDestroyed(): boolean
      hide(): void
      close(): void
      once(event: 'blur', listener: () => void): unknown
      isMovable(): boolean
      isResizable(): boolean
      isVisibleOnAllWorkspaces(): boolean
      webContents: { isDevToolsOpened(): boolean }
    }
  }
}
/** The popover page's globals that the checks read (this project's tests have no DOM types). */
export interface PageGlobals {
  puente?: PuenteBridge
  require?: unknown
  process?: unknown
  open(url: string): unknown
  location: { href: string }
}
declare global {
  var __puente: MainHandle | undefined
}

export interface Launched {
  app: ElectronApplication
  userData: string
  brokerPort: number
  env: Record<string, string>
}

let display: Awaited<ReturnType<typeof ensureDisplay>> | undefined

/** Registers, in the calling spec, the skip where no runtime exists and the display's set-up. */
export function useElectron(): void {
  test.skip(!runtime.path, `no Electron runtime here, so the tray app cannot run (${runtime.why})`)
  test.beforeAll(async () => {
    const missing = missingTools('mosquitto_pub', 'mosquitto_sub')
    test.skip(Boolean(missing), missing)
    if (!existsSync(path.join(ROOT, 'out/main/index.js')))
      throw new Error('out/ is missing: run `npx electron-vite build` first')
    display = await ensureDisplay()
  })
  test.afterAll(() => display?.stop())
}

/**
 * Launches the built app with a fresh user-data dir and free broker ports; the popover stays on
 * blur unless `extra` says PUENTE_KEEP_ON_BLUR: '0' (a test of blur itself).
 */
export async function launch(
  userData = mkdtempSync(path.join(os.tmpdir(), 'puente-electron-')),
  extra: Record<string, string> = {}
): Promise<Launched> {
  const brokerPort = await freePort()
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...display?.env,
    PUENTE_TEST: '1',
    PUENTE_USER_DATA_DIR: userData,
    PUENTE_BROKER_PORT: String(brokerPort),
    PUENTE_BROKER_WS_PORT: String(await freePort()),
    // the sealed-file key (no keyring under Xvfb) and autostart files stay in the test's folder
    PUENTE_KEY_FILE: path.join(userData, 'test-secret.key'),
    XDG_CONFIG_HOME: path.join(userData, 'xdg-config'),
    LANG: 'en_US.UTF-8',
    PUENTE_KEEP_ON_BLUR: '1',
    ...extra
  }
  const app = await electron.launch({
    executablePath: runtime.path,
    args: [ROOT, '--no-sandbox'],
    env,
    cwd: ROOT
  })
  await expect
    .poll(() => app.evaluate(() => Boolean(globalThis.__puente)), { timeout: 20_000 })
    .toBe(true)
  return { app, userData, brokerPort, env }
}

/** Shows the popover as a tray click would, and returns its page once the window is up. */
export async function openPopover(app: ElectronApplication): Promise<Page> {
  await app.evaluate(() => globalThis.__puente!.popover.show())
  const page = await app.firstWindow()
  await expect(page.getByTestId('mqtt-state')).toBeVisible()
  return page
}
