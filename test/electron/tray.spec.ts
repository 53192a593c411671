// The tray app itself, under Playwright's _electron: it starts in the tray with the embedded
// broker, its popover shows the messages mosquitto_pub sends (the same list as the web host's),
// the page has no Node and talks only through the preload, a second start only shows the first
// one's window, and quitting stops the core cleanly. Skipped, with the reason, where no
// Electron runtime exists (never faked).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
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
import { mosquittoPub, mosquittoSub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { electronRuntime, ensureDisplay } from './runtime'

const ROOT = path.resolve(__dirname, '../..')
const runtime = electronRuntime()
test.skip(!runtime.path, `no Electron runtime here, so the tray app cannot run (${runtime.why})`)

/** What main exposes to tests as globalThis.__puente (only under PUENTE_TEST=1). */
interface MainHandle {
  hub: {
    brokerStatus: { port: number }
    settings: { mqtt: { clientId: string } }
    traffic: { ring: { query(q: { limit: number }): { topic: string; payload: string }[] } }
  }
  tray: { current: { mqtt?: { state: MqttState; url: string } } }
  popover: { show(): void; window: { isVisible(): boolean } }
}
/** The popover page's globals that the checks read (this project's tests have no DOM types). */
interface PageGlobals {
  puente?: PuenteBridge
  require?: unknown
  process?: unknown
  open(url: string): unknown
  location: { href: string }
}
declare global {
  var __puente: MainHandle | undefined
}

interface Launched {
  app: ElectronApplication
  userData: string
  brokerPort: number
  env: Record<string, string>
}

let display: Awaited<ReturnType<typeof ensureDisplay>> | undefined
test.beforeAll(async () => {
  const missing = missingTools('mosquitto_pub', 'mosquitto_sub')
  test.skip(Boolean(missing), missing)
  if (!existsSync(path.join(ROOT, 'out/main/index.js')))
    throw new Error('out/ is missing: run `npx electron-vite build` first')
  display = await ensureDisplay()
})
test.afterAll(() => display?.stop())

/** Launches the built app with a fresh user-data dir and free broker ports. */
async function launch(
  userData = mkdtempSync(path.join(os.tmpdir(), 'puente-electron-'))
): Promise<Launched> {
  const brokerPort = await freePort()
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...display?.env,
    PUENTE_TEST: '1',
    PUENTE_USER_DATA_DIR: userData,
    PUENTE_BROKER_PORT: String(brokerPort),
    PUENTE_BROKER_WS_PORT: String(await freePort()),
    LANG: 'en_US.UTF-8'
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
async function openPopover(app: ElectronApplication): Promise<Page> {
  await app.evaluate(() => globalThis.__puente!.popover.show())
  const page = await app.firstWindow()
  await expect(page.getByTestId('mqtt-state')).toBeVisible()
  return page
}

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern; none are used
test('starts in the tray, connected to its own broker, and the popover lists what mosquitto_pub sends', async ({}, info) => {
  const { app, userData, brokerPort } = await launch()
  try {
    await expect
      .poll(() => app.evaluate(() => globalThis.__puente!.tray.current.mqtt?.state), {
        timeout: 15_000
      })
      .toBe('connected')
    expect(await app.evaluate(() => globalThis.__puente!.hub.brokerStatus.port)).toBe(brokerPort)
    expect(await app.evaluate(({ app }) => app.getPath('userData'))).toBe(userData)

    const page = await openPopover(app)
    expect(await app.evaluate(() => globalThis.__puente!.popover.window.isVisible())).toBe(true)
    await expect(page.getByTestId('mqtt-state')).toHaveText('Connected')

    const text = 'hola desde mosquitto_pub ✓ ñ'
    await mosquittoPub(brokerPort, ['-t', 'clase_eoi/electron', '-m', text])
    await expect(page.getByTestId('message').filter({ hasText: text }).first()).toBeVisible()
    const ring = await app.evaluate(() =>
      globalThis.__puente!.hub.traffic.ring.query({ limit: 50 })
    )
    expect(ring.some((m) => m.topic === 'clase_eoi/electron' && m.payload === text)).toBe(true)
    await page.screenshot({ path: info.outputPath('popover.png') })
  } finally {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})

test('the page has no Node, runs sandboxed, and reaches the core only through window.puente', async () => {
  const { app, userData, brokerPort } = await launch()
  try {
    const page = await openPopover(app)
    // isolation and sandbox as the page sees them: no Node globals, only the preload's API
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals
      return {
        require: typeof w.require,
        process: typeof w.process,
        host: w.puente?.host,
        keys: Object.keys(w.puente ?? {}).sort()
      }
    })
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      host: 'electron',
      keys: ['commands', 'host', 'on']
    })

    // a publish from the window reaches a subscriber on the broker
    const sub = await mosquittoSub(brokerPort, ['clase_eoi/desde_electron'])
    try {
      await expect
        .poll(() =>
          page.evaluate(async () => {
            const w = globalThis as unknown as PageGlobals
            const r = await w.puente!.commands['mqtt:publish']({
              topic: 'clase_eoi/desde_electron',
              payload: 'encendido'
            })
            return r.ok
          })
        )
        .toBe(true)
      await sub.waitFor((l) => l === 'clase_eoi/desde_electron encendido')
    } finally {
      sub.stop()
    }
    // bad input gets a reason, not an exception
    const bad = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).puente!.commands['mqtt:publish']({
        topic: 'a/#',
        payload: 'x'
      })
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    // the page cannot open windows or leave the app
    await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.org/'))
    await page.evaluate(
      () => ((globalThis as unknown as PageGlobals).location.href = 'https://example.org/')
    )
    await expect.poll(() => app.windows().length).toBe(1)
    expect(page.url()).toMatch(/^file:.*index\.html/)
  } finally {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})

test('a second start shows the running one instead of starting another', async () => {
  const first = await launch()
  try {
    expect(await first.app.evaluate(() => globalThis.__puente!.popover.window.isVisible())).toBe(
      false
    )
    // a plain process, not Playwright's launch: it is expected to leave at once
    const second = spawn(runtime.path!, [ROOT, '--no-sandbox'], {
      env: first.env,
      cwd: ROOT,
      stdio: 'ignore'
    })
    const code = await new Promise<number | null>((resolve) =>
      second.once('exit', (c) => resolve(c))
    )
    expect(code).toBe(0)
    await expect
      .poll(() => first.app.evaluate(() => globalThis.__puente!.popover.window.isVisible()))
      .toBe(true)
  } finally {
    await first.app.close()
    rmSync(first.userData, { recursive: true, force: true })
  }
})

test('quitting stops the core cleanly: the traffic log on disk has every message', async () => {
  const { app, userData, brokerPort } = await launch()
  await expect
    .poll(() => app.evaluate(() => globalThis.__puente!.tray.current.mqtt?.state), {
      timeout: 15_000
    })
    .toBe('connected')
  for (let i = 0; i < 20; i++)
    await mosquittoPub(brokerPort, ['-t', 'clase_eoi/log', '-m', `n${i}`])
  await expect
    .poll(() =>
      app.evaluate(
        () =>
          globalThis
            .__puente!.hub.traffic.ring.query({ limit: 100 })
            .filter((m) => m.topic === 'clase_eoi/log').length
      )
    )
    .toBe(20)
  // the reply may not make it back before the process goes: that is the point
  await app.evaluate(({ app }) => app.quit()).catch(() => undefined)
  await new Promise<void>((resolve) =>
    app.process().exitCode !== null ? resolve() : app.process().once('exit', () => resolve())
  )
  try {
    const dir = path.join(userData, 'traffic')
    const lines = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean))
      .map((l) => JSON.parse(l) as { topic: string; payload: string })
    expect(lines.filter((m) => m.topic === 'clase_eoi/log').map((m) => m.payload)).toEqual(
      Array.from({ length: 20 }, (_, i) => `n${i}`)
    )
  } finally {
    rmSync(userData, { recursive: true, force: true })
  }
})
