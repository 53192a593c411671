// The tray app on a desktop, under Playwright's _electron: Linux shows the window at the first
// start with where the tray icon is, later only when the setting asks; the window is a normal
// one there; no menu means no reload and no DevTools shortcuts. Skipped, with the reason, where
// no Electron runtime exists.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { launch, openPopover, useElectron, type Launched } from './app'

useElectron()

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
