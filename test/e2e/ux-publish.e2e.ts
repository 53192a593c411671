// The class colours on the Publish tab: one click sends the colour to the LED topic.
import { mosquittoSub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { expect, openApp, test } from './helpers'

const skip = missingTools('mosquitto_sub')

test.describe('publish presets', () => {
  test.skip(!!skip, skip)

  for (const [lang, tab, red, off, sent] of [
    ['es', 'Publicar', 'Rojo', 'Apagado', 'Color enviado a clase_eoi/led.'],
    ['en', 'Publish', 'Red', 'Off', 'Colour sent to clase_eoi/led.']
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
})
