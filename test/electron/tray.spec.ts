// The tray app itself, under Playwright's _electron: it starts in the tray with the embedded
// broker, its popover shows the messages mosquitto_pub sends (the same list as the web host's),
// the page has no Node and talks only through the preload, a second start only shows the first
// one's window, and quitting stops the core cleanly. Skipped, with the reason, where no
// Electron runtime exists (never faked).
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { mosquittoPub, mosquittoSub } from '../helpers/mosquitto'
import { launch, openPopover, runtime, ROOT, useElectron, type PageGlobals } from './app'

useElectron()

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
    // Linux shows the window at the first start: hide it, as the user would
    await first.app.evaluate(() => globalThis.__puente!.popover.window.hide())
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
