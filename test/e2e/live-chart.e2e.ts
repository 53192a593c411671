// The live chart in the Temas tab: numbers from mosquitto_pub on two topics drawn by uPlot as two
// series on one chart, with uPlot loaded as its own chunk and nothing refused by the CSP.
import { mosquittoPub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { expect, openApp, test } from './helpers'

const skip = missingTools('mosquitto_pub')

test.describe('live chart', () => {
  test.skip(!!skip, skip)

  for (const lang of ['es', 'en'] as const)
    test(`two topics on one chart (${lang})`, async ({ page, host }) => {
      const words = {
        es: { topics: 'Temas', chart: 'Gráfica en vivo', on: 'Conectado' },
        en: { topics: 'Topics', chart: 'Live chart', on: 'Connected' }
      }[lang]
      const refused: string[] = []
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refused.push(m.text())
      })
      const scripts: string[] = []
      page.on('request', (r) => scripts.push(r.url()))
      await openApp(page, host, lang)
      await expect(page.getByTestId('mqtt-state')).toHaveText(words.on)
      expect(scripts.some((u) => /uplot/i.test(u))).toBe(false)

      const pub = (t: string, m: string): Promise<void> =>
        mosquittoPub(host.brokerPort, ['-t', `clase_eoi/c/${t}/temp`, '-m', m])
      await pub('ana', '{"temp":21.5}')
      await pub('luis', '{"temp":23}')
      await pub('ana', '{"temp":22}')
      await pub('ana', 'no es un número')
      await page.getByRole('tab', { name: words.topics }).click()
      await page.getByText(words.chart).click()
      await page.getByTestId('chart-topic').fill('clase_eoi/c/+/temp')
      await page.getByTestId('chart-field').fill('temp')

      const chart = page.getByTestId('live-chart')
      await expect(chart).toHaveAttribute('data-series', '2')
      await expect(chart).toHaveAttribute('data-points', '3')
      await expect(chart.locator('.uplot canvas')).toHaveCount(1)
      await expect(chart.locator('.u-legend')).toContainText('clase_eoi/c/luis/temp')
      expect(scripts.some((u) => /uplot.*\.js$/i.test(u))).toBe(true)

      // a new number arrives and the chart follows
      await pub('luis', '{"temp":24}')
      await expect(chart).toHaveAttribute('data-points', '4')
      // a plain numeric payload with no field
      await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi/c/n', '-m', '7'])
      await page.getByTestId('chart-topic').fill('clase_eoi/c/n')
      await page.getByTestId('chart-field').fill('')
      await expect(chart).toHaveAttribute('data-series', '1')
      await expect(chart).toHaveAttribute('data-points', '1')
      expect(refused).toEqual([])
    })
})
