// The message list: Puente's own publish and its echo once, a legend, the detail pane follows
// the filter, binary opens in hex with rows that fit 420 px.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { mosquittoPub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { expect, openApp, test } from './helpers'

const skip = missingTools('mosquitto_pub')

test.describe('messages', () => {
  test.skip(!!skip, skip)

  for (const lang of ['es', 'en'] as const)
    test(`own publish once, legend, detail and hex (${lang})`, async ({ page, host }) => {
      const words = {
        es: { publish: 'Publicar', messages: 'Mensajes', echo: 'Enviado · recibido de vuelta' },
        en: { publish: 'Publish', messages: 'Messages', echo: 'Sent · received back' }
      }[lang]
      await page.setViewportSize({ width: 420, height: 600 })
      await openApp(page, host, lang)
      await page.getByRole('tab', { name: words.publish }).click()
      await page.getByTestId('publish-topic').fill('clase_eoi/eco')
      await page.getByTestId('publish-payload').fill('hola eco')
      await page.getByTestId('publish-send').click()
      await page.getByRole('tab', { name: words.messages }).click()
      const rows = page.getByTestId('message').filter({ hasText: 'clase_eoi/eco' })
      await expect(rows.locator('[data-echoed=true]')).toHaveCount(1)
      await expect(rows.locator('.dir')).toHaveAttribute('title', words.echo)
      await expect(rows).toHaveCount(1)

      await page.getByTestId('legend').locator('summary').click()
      await expect(page.getByTestId('legend')).toContainText(words.echo)
      await page.getByTestId('legend').locator('summary').click()

      // a binary message opens in hex, 8 bytes a row, with no row cut at 420 px
      const file = path.join(host.dataDir, 'bin.dat')
      writeFileSync(file, Buffer.from([...Array(16).keys()].map((i) => i + 1).concat([255, 254])))
      await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi/bin', '-f', file])
      await page.getByTestId('message').filter({ hasText: 'clase_eoi/bin' }).click()
      const body = page.getByTestId('payload-body')
      await expect(body).toHaveAttribute('data-format', 'hex')
      await expect(body).toContainText('000008')
      const fits = await body.evaluate((e) => e.scrollWidth <= e.clientWidth)
      expect(fits).toBe(true)

      // the filter hides the message: its detail goes too
      await page.getByTestId('filter-topic').fill('clase_eoi/eco')
      await expect(page.getByTestId('payload-view')).toHaveCount(0)
    })
})
