// The tray app on a desktop, under Playwright's _electron: Linux shows the window at the first
// start with where the tray icon is, later only when the setting asks; the window is a normal
// one there, which stays on blur and only hides on close; Ajustes writes the autostart entry; no
// menu means no reload and no DevTools shortcuts. Skipped, with the reason, where no Electron
// runtime exists.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { launch, openPopover, ROOT, useElectron, type Launched } from './app'

useElectron()

/** Set in main by the blur test when the window lost the focus. */
interface BlurMark {
  __blurred?: boolean
}

/** Whether the window is up right after start, and the notices the core kept. */
async function atStart(userData?: string): Promise<{ launched: Launched; visible: boolean }> {
  const launched = await launch(userData)
  const visible = await launched.app.evaluate(() => globalThis.__puente!.popover.window.isVisible())
  return { launched, visible }
}

test('Linux: the first start shows the window with where the tray is; later ones only when asked', async () => {
  test.skip(process.platform !== 'linux', 'the first-start window is a Linux rule')
  const first = await atStart()
  const { userData } = first.launched
  try {
    expect(first.visible).toBe(true)
    const page = await first.launched.app.firstWindow()
    await expect(page.getByTestId('notice').filter({ hasText: 'tray' })).toBeVisible()
    // a normal window the window manager places, and which survives losing focus
    const kind = await first.launched.app.evaluate(() => {
      const w = globalThis.__puente!.popover.window
      return { movable: w.isMovable(), resizable: w.isResizable() }
    })
    expect(kind).toEqual({ movable: true, resizable: true })
  } finally {
    await first.launched.app.close()
  }
  const second = await atStart(userData)
  await second.launched.app.close()
  expect(second.visible).toBe(false)
  // "Mostrar la ventana al arrancar"
  const settingsFile = path.join(userData, 'settings.json')
  const saved = existsSync(settingsFile)
    ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)
    : {}
  writeFileSync(settingsFile, JSON.stringify({ ...saved, app: { showWindowAtStart: true } }))
  const third = await atStart(userData)
  try {
    expect(third.visible).toBe(true)
  } finally {
    await third.launched.app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})

test('no reload and no DevTools shortcuts: the menu is gone (only Edit on macOS)', async () => {
  const { app, userData } = await launch()
  try {
    const menu = await app.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()?.items.map((i) => (i.role ?? i.label).toLowerCase())
    )
    expect(menu).toEqual(process.platform === 'darwin' ? ['editmenu'] : undefined)
    const page = await openPopover(app)
    await page.evaluate(() => Object.assign(globalThis, { __notReloaded: true }))
    for (const keys of ['Control+R', 'F5', 'Control+Shift+R', 'Control+Shift+I', 'F12'])
      await page.keyboard.press(keys)
    expect(
      await page.evaluate(() => (globalThis as { __notReloaded?: boolean }).__notReloaded)
    ).toBe(true)
    expect(
      await app.evaluate(() => globalThis.__puente!.popover.window.webContents.isDevToolsOpened())
    ).toBe(false)
  } finally {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})

test('Linux: the window stays when it loses focus, and closing it hides it while Puente runs on', async () => {
  test.skip(process.platform !== 'linux', 'the window that stays on blur is the Linux rule')
  // the real hide-on-blur rule, not the switch the other tests keep the popover with
  const { app, userData } = await launch(undefined, { PUENTE_KEEP_ON_BLUR: '0' })
  const visible = (): Promise<boolean> =>
    app.evaluate(() => globalThis.__puente!.popover.window.isVisible())
  try {
    await openPopover(app)
    // another window takes the focus, as a click on the panel or a browser would
    await app.evaluate(({ BrowserWindow }) => {
      globalThis.__puente!.popover.window.once('blur', () =>
        Object.assign(globalThis, { __blurred: true })
      )
      new BrowserWindow({ width: 200, height: 120, show: true }).focus()
    })
    await expect
      .poll(() => app.evaluate(() => (globalThis as BlurMark).__blurred === true))
      .toBe(true)
    expect(await visible()).toBe(true)

    await app.evaluate(() => globalThis.__puente!.popover.window.close())
    await expect.poll(visible).toBe(false)
    expect(await app.evaluate(() => globalThis.__puente!.popover.window.isDestroyed())).toBe(false)
    // still running: the core answers, and the window comes back as the tray's Open does
    expect(await app.evaluate(() => globalThis.__puente!.tray.current.mqtt?.state)).toBeDefined()
    await app.evaluate(() => globalThis.__puente!.popover.show())
    await expect.poll(visible).toBe(true)
  } finally {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})

test('Ajustes: "Arrancar con el ordenador" writes the autostart entry, "Mostrar la ventana al arrancar" shows the window at the next start', async () => {
  test.skip(process.platform !== 'linux', 'the XDG autostart file is the Linux way')
  const spanish = { LANG: 'es_ES.UTF-8', LANGUAGE: 'es' }
  const first = await launch(undefined, spanish)
  const { userData } = first
  const entry = path.join(first.env.XDG_CONFIG_HOME, 'autostart', 'puente.desktop')
  try {
    const page = await openPopover(first.app)
    await page.getByRole('tab', { name: 'Ajustes' }).click()
    await page.getByLabel('Arrancar con el ordenador').check()
    await page.getByLabel('Mostrar la ventana al arrancar').check()
    await expect.poll(() => existsSync(entry)).toBe(true)
    const text = readFileSync(entry, 'utf8')
    expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Puente\n/)
    // in development the log-in starts Electron with the app's folder
    expect(text).toMatch(/^Exec=.*electron.* .*$/m)
    expect(text).toContain(ROOT)
  } finally {
    await first.app.close()
  }
  const second = await launch(userData, spanish)
  try {
    expect(await second.app.evaluate(() => globalThis.__puente!.popover.window.isVisible())).toBe(
      true
    )
    expect(existsSync(entry)).toBe(true)
    // and unticking it takes the entry away
    const page = await second.app.firstWindow()
    await page.getByRole('tab', { name: 'Ajustes' }).click()
    await page.getByLabel('Arrancar con el ordenador').uncheck()
    await expect.poll(() => existsSync(entry)).toBe(false)
  } finally {
    await second.app.close()
    rmSync(userData, { recursive: true, force: true })
  }
})
