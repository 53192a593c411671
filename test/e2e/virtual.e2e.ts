/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Locator } from '@playwright/test'
import { unzipSync } from 'fflate'
import { openApp, startWebHost, type WebHost } from './helpers'
import { paste, program, tooSmall } from './virtual-helpers'

test.describe('the virtual board in the Board tab', () => {
  let host: WebHost
  let dir: string

  test.beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'puente-board-'))
    writeFileSync(path.join(dir, 'main.py'), 'print("hola")\n')
    host = await startWebHost(['--serial', 'virtual', '--board-dir', dir])
  })

  test.afterEach(async () => {
    await host?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('paste exercises 1 and 3, run, BOOT → Messages, a colour → the LED on the drawing', async ({
    page
  }) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await openApp(page, host, 'es')
    await page.getByRole('tab', { name: 'Placa' }).click()
    await expect(page.getByRole('radio', { name: 'Placa virtual' })).toBeChecked()
    await expect(page.getByTestId('virtual-editor')).toHaveAttribute('data-ready', 'true')
    await expect(page.getByTestId('virtual-editor')).toContainText('print("hola")')

    // pasted with tabs, kept with four spaces; unsaved until Ctrl+S
    await paste(page, program(host.brokerPort))
    await expect(page.getByTestId('virtual-dirty')).toHaveAttribute('data-dirty', 'true')
    await expect(page.getByTestId('virtual-dirty')).toHaveText(/Sin guardar/)
    await page.keyboard.press('ControlOrMeta+S')
    await expect(page.getByTestId('virtual-dirty')).toHaveAttribute('data-dirty', 'false')
    const saved = readFileSync(path.join(dir, 'main.py'), 'utf8')
    expect(saved).toContain('\n        cliente.publish(b"clase_eoi"')
    expect(saved).not.toContain('\t')

    await page.getByTestId('virtual-run').click()
    await expect(page.getByTestId('virtual-state')).toHaveAttribute('data-state', 'running')
    await expect(page.getByTestId('virtual-console')).toContainText('lista para la clase', {
      timeout: 15_000
    })

    // BOOT by mouse, then held with the keyboard
    const boot = page.getByTestId('virtual-boot')
    await boot.click()
    await expect(page.getByTestId('virtual-console')).toContainText('mensaje 1')
    await boot.focus()
    await page.keyboard.down('Space')
    await expect(boot).toHaveAttribute('aria-pressed', 'true')
    await page.keyboard.up('Space')
    await expect(boot).toHaveAttribute('aria-pressed', 'false')
    await expect(page.getByTestId('virtual-console')).toContainText('mensaje 2')

    // a class colour from the picker: the program's PWM duties light the drawing's LED
    await expect(page.getByTestId('virtual-led')).toHaveAttribute('data-colour', '')
    await page.getByTestId('preset-blue').click()
    await expect(page.getByTestId('virtual-led')).toHaveAttribute('data-colour', '#0000ff')
    await page.getByTestId('preset-yellow').click()
    await expect(page.getByTestId('virtual-led')).toHaveAttribute('data-colour', '#ffc800')

    await page.getByRole('tab', { name: 'Mensajes' }).click()
    const sent = page.getByTestId('message').filter({ hasText: 'hola desde la placa virtual' })
    await expect(sent).toHaveCount(2)

    // Stop ends the loop; the state says so in words
    await page.getByRole('tab', { name: 'Placa' }).click()
    await page.getByTestId('virtual-stop').click()
    await expect(page.getByTestId('virtual-state')).not.toHaveAttribute('data-state', 'running')
    expect(errors).toEqual([])
  })

  test('files: add under lib/, rename, delete after confirming; drafts survive a file switch', async ({
    page
  }) => {
    await openApp(page, host, 'en')
    await page.getByRole('tab', { name: 'Board' }).click()
    await expect(page.getByTestId('virtual-editor')).toHaveAttribute('data-ready', 'true')
    await page.getByTestId('virtual-editor').locator('.cm-content').click()
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.type('# draft ')
    await expect(page.getByTestId('virtual-dirty')).toHaveText(/Unsaved/)
    // Escape then Tab leaves the editor, whose Tab indents (the first Escape may close completions)
    const focused = (): Promise<string | null | undefined> =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Tab')
    expect(await focused()).not.toBe('virtual-editor')

    await page.getByRole('button', { name: 'New file' }).click()
    await page.getByTestId('virtual-new-name').fill('lib/colores.py')
    await page.getByRole('button', { name: 'Create' }).click()
    await expect(page.getByTestId('virtual-open-file')).toHaveText('lib/colores.py')
    expect(existsSync(path.join(dir, 'lib/colores.py'))).toBe(true)
    // main.py keeps its draft, marked in the list
    const files = page.getByTestId('virtual-files')
    /** A file's own button in the list (Rename, Delete). */
    const fileButton = (file: string, name: string): Locator =>
      files.getByRole('listitem').filter({ hasText: file }).getByRole('button', { name })
    await expect(files.getByRole('button', { name: 'Open main.py' })).toContainText('unsaved')

    await fileButton('lib/colores.py', 'Rename').click()
    await page.getByLabel('New name for lib/colores.py').fill('lib/color.py')
    await page.getByLabel('New name for lib/colores.py').press('Enter')
    await expect(files.getByRole('button', { name: 'Open lib/color.py' })).toBeVisible()
    expect(existsSync(path.join(dir, 'lib/color.py'))).toBe(true)

    await fileButton('lib/color.py', 'Delete').click()
    const confirm = page.getByTestId('virtual-confirm')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    expect(existsSync(path.join(dir, 'lib/color.py'))).toBe(true)
    await fileButton('lib/color.py', 'Delete').click()
    await confirm.getByRole('button', { name: 'Delete' }).click()
    await expect(files.getByRole('button', { name: 'Open lib/color.py' })).toHaveCount(0)
    expect(existsSync(path.join(dir, 'lib/color.py'))).toBe(false)

    // a .py from disk becomes a file of the board, opened
    await page.getByTestId('virtual-import').setInputFiles({
      name: 'colores.py',
      mimeType: 'text/x-python',
      buffer: Buffer.from('ROJO = (255, 0, 0)\n')
    })
    await expect(page.getByTestId('virtual-open-file')).toHaveText('colores.py')
    await expect(page.getByTestId('virtual-editor')).toContainText('ROJO = (255, 0, 0)')
    expect(readFileSync(path.join(dir, 'colores.py'), 'utf8')).toBe('ROJO = (255, 0, 0)\n')

    // the folder as a zip, downloaded
    const download = page.waitForEvent('download')
    await page.getByTestId('virtual-export').click()
    const zip = await download
    expect(zip.suggestedFilename()).toMatch(/\.zip$/)
    const entries = unzipSync(readFileSync(await zip.path()))
    expect(Object.keys(entries).sort()).toEqual(['colores.py', 'main.py'])

    await files.getByRole('button', { name: 'Open main.py' }).click()
    await expect(page.getByTestId('virtual-editor')).toContainText('# draft print("hola")')
    await page.getByTestId('virtual-save').click()
    await expect(page.getByTestId('virtual-dirty')).toHaveText('Saved')
    expect(readFileSync(path.join(dir, 'main.py'), 'utf8')).toBe('# draft print("hola")\n')
  })

  test('a mistake shows its traceback in the console and its hint in words, in Spanish', async ({
    page
  }) => {
    writeFileSync(
      path.join(dir, 'main.py'),
      'from machine import Pin\nboton = Pin(0, Pin.IN, Pin.PULL_UP)\nprint(boton.valeu())\n'
    )
    await openApp(page, host, 'es')
    await page.getByRole('tab', { name: 'Placa' }).click()
    await page.getByTestId('virtual-run').click()
    await expect(page.getByTestId('virtual-state')).toHaveAttribute('data-state', 'error')
    await expect(page.getByTestId('virtual-state')).toHaveText(/Terminó con un error/)
    await expect(page.getByTestId('virtual-exit')).toHaveText(/AttributeError/)
    await expect(page.getByTestId('virtual-goto')).toHaveText('Ir a main.py, línea 3')
    await expect(page.getByTestId('virtual-hint')).toHaveText(
      '«Pin» no tiene «valeu»: ¿querías decir «value»? Revisa cómo está escrito.'
    )
    // the traceback's line, shown in the editor
    await page.getByTestId('virtual-goto').click()
    await expect(page.getByTestId('virtual-editor').locator('.cm-activeLine')).toHaveText(
      'print(boton.valeu())'
    )
    const console = page.getByTestId('virtual-console')
    await expect(console.locator('.err').first()).toContainText('Traceback')
    await expect(console.locator('.hint').first()).toContainText('«Pin» no tiene «valeu»')
  })

  test('console: follows new lines until scrolled up, copies and clears', async ({ page }) => {
    writeFileSync(
      path.join(dir, 'main.py'),
      'import time\nn = 0\nwhile True:\n    n += 1\n    print("línea", n)\n    time.sleep_ms(20)\n'
    )
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await openApp(page, host, 'en')
    await page.getByRole('tab', { name: 'Board' }).click()
    await page.getByTestId('virtual-run').click()
    const list = page.getByTestId('virtual-console')
    const atEnd = (): Promise<boolean> =>
      list.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 18)
    // more lines than fit, the newest in view
    await expect
      .poll(() => list.evaluate((el) => el.scrollHeight / el.clientHeight))
      .toBeGreaterThan(3)
    expect(await atEnd()).toBe(true)

    // scrolled up to read: new lines no longer pull the view down
    await list.evaluate((el) => (el.scrollTop = 0))
    await expect(page.getByTestId('console-follow')).toBeVisible()
    await expect(list).toContainText('línea 1')
    const height = await list.evaluate((el) => el.scrollHeight)
    await expect.poll(() => list.evaluate((el) => el.scrollHeight)).toBeGreaterThan(height + 90)
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0)
    await page.getByTestId('console-follow').click()
    await expect.poll(atEnd).toBe(true)
    await expect(page.getByTestId('console-follow')).toBeHidden()

    await page.getByTestId('virtual-stop').click()
    await expect(page.getByTestId('virtual-state')).not.toHaveAttribute('data-state', 'running')
    await page.getByRole('button', { name: 'Copy', exact: true }).click()
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain('línea 1\nlínea 2\n')
    await page.getByRole('button', { name: 'Clear', exact: true }).click()
    await expect(page.getByText('Nothing yet: press Run.')).toBeVisible()
  })

  test('fits 420×600 in es and en, light and dark, with targets and text large enough', async ({
    browser
  }) => {
    mkdirSync('test-results/screenshots', { recursive: true })
    for (const lang of ['es', 'en'] as const) {
      // the language comes from the page's navigator, once per page
      const page = await browser.newPage({ viewport: { width: 420, height: 600 } })
      await openApp(page, host, lang)
      await page.getByRole('tab', { name: lang === 'es' ? 'Placa' : 'Board' }).click()
      await expect(page.getByTestId('virtual-editor')).toHaveAttribute('data-ready', 'true')
      expect(await tooSmall(page)).toEqual([])
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.board-view, .board-view section')]
            .filter((el) => el.scrollWidth > el.clientWidth + 1)
            .map((el) => el.className)
        )
        expect(wide, `${lang} ${scheme}: cut off sideways`).toEqual([])
        await page.screenshot({ path: `test-results/screenshots/virtual-${lang}-${scheme}.png` })
      }
      await page.close()
    }
  })
})

test.describe('no board plugged in', () => {
  let host: WebHost

  test.afterEach(async () => {
    await host?.stop()
  })

  test('the virtual board is offered, taken with one click, and left for the USB board', async ({
    page
  }) => {
    host = await startWebHost()
    await openApp(page, host, 'en')
    await page.getByRole('tab', { name: 'Board' }).click()
    await expect(page.getByTestId('board-state')).toHaveAttribute('data-state', 'searching')
    await page
      .getByTestId('virtual-offer')
      .getByRole('button', { name: 'Use the virtual board' })
      .click()
    await expect(page.getByRole('radio', { name: 'Virtual board' })).toBeChecked()
    await expect(page.getByTestId('virtual-offer')).toBeHidden()
    // a new board folder starts with the class's exercise 1
    await expect(page.getByTestId('virtual-editor')).toContainText('Ejercicio 1')
    await expect(page.getByTestId('virtual-state')).toHaveAttribute('data-state', 'running')

    // back by keyboard: the chooser is a radio group
    await page.getByRole('radio', { name: 'Virtual board' }).focus()
    await page.keyboard.press('ArrowLeft')
    await expect(page.getByRole('radio', { name: 'USB board' })).toBeChecked()
    await expect(page.getByTestId('board-port')).toHaveValue('auto')
    await expect(page.getByTestId('virtual-offer')).toBeVisible()
  })
})
