// The class colours on the Publish tab: one click sends the colour to the LED topic.
import { mosquittoSub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { expect, openApp, test } from './helpers'

const skip = missingTools('mosquitto_sub')

test.describe('publish presets', () => {
  test.skip(!!skip, skip)

  for (const [lang, tab, red, off, sent] of [
    ['es', 'Publicar', 'Rojo', 'Apagado', 'Enviado a clase_eoi/led.'],
    ['en', 'Publish', 'Red', 'Off', 'Sent to clase_eoi/led.']
  ] as const)
    test(`one click sends a class colour (${lang})`, async ({ page, host }) => {
      await openApp(page, host, lang)
      await page.getByRole('tab', { name: tab }).click()
      const sub = await mosquittoSub(host.brokerPort, ['clase_eoi/led'])
      try {
        await page.getByTestId('publish-presets').getByRole('button', { name: red }).click()
        await sub.waitFor((l) => l === 'clase_eoi/led {"r":255,"g":0,"b":0}')
        await page.getByTestId('publish-presets').getByRole('button', { name: off }).click()
        await sub.waitFor((l) => l === 'clase_eoi/led {"r":0,"g":0,"b":0}')
        await expect(page.getByTestId('publish-result')).toHaveText(sent)
      } finally {
        sub.stop()
      }
    })

  test('a saved message is kept in the settings and sent again with one click', async ({
    page,
    host
  }) => {
    await openApp(page, host, 'es')
    await page.getByRole('tab', { name: 'Publicar' }).click()
    await page.getByTestId('publish-topic').fill('clase_eoi/saludo')
    await page.getByTestId('publish-payload').fill('hola clase')
    await page.getByTestId('snippet-save').click()
    await expect(page.getByTestId('snippet')).toHaveCount(1)
    // a new window has it too: it is in settings.json, not in the window
    await page.reload()
    await page.getByRole('tab', { name: 'Publicar' }).click()
    const sub = await mosquittoSub(host.brokerPort, ['clase_eoi/saludo'])
    try {
      await page
        .getByTestId('snippet')
        .getByRole('button', { name: /clase_eoi\/saludo/ })
        .first()
        .click()
      await sub.waitFor((l) => l === 'clase_eoi/saludo hola clase')
    } finally {
      sub.stop()
    }
    await page
      .getByRole('button', { name: 'Borrar el mensaje guardado de clase_eoi/saludo' })
      .click()
    await expect(page.getByTestId('snippet')).toHaveCount(0)
  })
})
