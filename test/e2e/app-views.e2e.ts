/// <reference lib="dom" />
import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { mosquittoPub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { expect, openApp, test } from './helpers'

const skip = missingTools('mosquitto_pub')
test.skip(!!skip, skip)

const TABS = {
  es: ['Mensajes', 'Temas', 'Publicar', 'Historial', 'Placa', 'Tiempo', 'Clase', 'Ajustes'],
  en: ['Messages', 'Topics', 'Publish', 'History', 'Board', 'Weather', 'Class', 'Settings']
}

/** Widths that overflow their box (text cut off sideways) in the window. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '[role=tablist], [role=tabpanel], header, form, fieldset'
      )
    ]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map(
        (el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}>${el.clientWidth}`
      )
  )
}

for (const lang of ['es', 'en'] as const) {
  test(`every view fits the 420×600 popover in ${lang}, light and dark`, async ({ page, host }) => {
    await openApp(page, host, lang)
    await mosquittoPub(host.brokerPort, [
      '-t',
      'temperatura_eoi',
      '-r',
      '-m',
      '{"temperature":17.3,"unit":"°C"}'
    ])
    await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi', '-m', 'hola'])
    await expect(page.getByTestId('message')).toHaveCount(2)
    mkdirSync('test-results/screenshots', { recursive: true })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      for (const name of TABS[lang]) {
        await page.getByRole('tab', { name }).click()
        await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true')
        expect(await overflowing(page), `${name} (${scheme}) cut off sideways`).toEqual([])
        await page.screenshot({
          path: `test-results/screenshots/${lang}-${scheme}-${name.toLowerCase()}.png`
        })
      }
    }
  })
}
