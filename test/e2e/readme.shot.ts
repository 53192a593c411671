// The README's pictures (`npm run screenshots`, not part of `npm test`): the built web host with
// real traffic from mosquitto_pub, the virtual board running the class's program and a simulated
// USB board on a socat pty, photographed in Spanish at 420×600 into docs/.
import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { mosquittoPub } from '../helpers/mosquitto'
import { boardTest, expect, test } from './helpers'
import { openIn, runVirtualBoard, showBoardColour, startScene, type Scene } from './scene'

const DOCS = 'docs'

/** Writes docs/screenshot-`name`.png (or docs/screenshot.png for 'main') of the window as it is. */
async function shoot(page: Page, name: string): Promise<void> {
  // no blinking caret or hover left over from the steps before
  await page.mouse.move(0, 0)
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  const file = name === 'main' ? 'screenshot.png' : `screenshot-${name}.png`
  await page.screenshot({ path: `${DOCS}/${file}`, animations: 'disabled', caret: 'hide' })
}

/** Three students' temperatures a second apart (the chart needs a time span), and the rest. */
async function lesson(scene: Scene): Promise<void> {
  const pub = (args: string[]): Promise<void> => mosquittoPub(scene.host.brokerPort, args)
  for (let i = 0; i < 16; i++) {
    const swing = Math.sin(i / 3) * 0.8
    const temp = (n: number): string => `{"temp":${Math.round(n * 10) / 10}}`
    await pub(['-t', 'clase_eoi/ana/temp', '-m', temp(21.4 + swing + i * 0.05)])
    await pub(['-t', 'clase_eoi/luis/temp', '-m', temp(23.1 - swing / 2)])
    await pub(['-t', 'clase_eoi/marta/temp', '-m', temp(19.6 + i * 0.12)])
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  await pub(['-t', 'clase_eoi/marta/hum', '-m', '{"hum":48}'])
  await pub(['-t', 'clase_eoi', '-m', 'hola desde el equipo de Marta'])
  await pub(['-t', 'clase_eoi/luis/estado', '-m', 'conectado', '-r', '-q', '1'])
  await pub(['-t', 'clase_eoi/ana/boton', '-m', '{"pulsado":true}', '-q', '1'])
}

test.describe('README screenshots', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 })
  let scene: Scene
  test.beforeAll(async () => {
    mkdirSync(DOCS, { recursive: true })
    scene = await startScene()
  })
  test.afterAll(() => scene?.stop())

  test('the class in full swing, in Spanish', async ({ page }) => {
    await openIn(page, scene, 'es', 'light')
    const tab = (name: string): Promise<void> => page.getByRole('tab', { name }).click()

    await runVirtualBoard(page, scene, 'es')
    await lesson(scene)
    await tab('Placa')
    await page.getByTestId('virtual-boot').click()
    await expect(page.getByTestId('virtual-console')).toContainText('mensaje 2')
    // the BOOT click scrolled the tab: back to its top, where the drawing starts
    await page.locator('.board-view').evaluate((e) => e.scrollTo(0, 0))
    await shoot(page, 'virtual')

    // Mensajes: Puente's own publish once, a JSON message open, the legend
    await tab('Publicar')
    await page.getByTestId('publish-presets').getByRole('button', { name: 'Verde' }).click()
    await expect(page.getByTestId('publish-result')).toHaveText('Enviado a clase_eoi/led.')
    await page.getByTestId('publish-topic').fill('clase_eoi/aviso')
    await page.getByTestId('publish-payload').fill('Recordad: el ejercicio 3 se entrega hoy')
    await shoot(page, 'publish')
    await tab('Mensajes')
    await page.getByTestId('legend').locator('summary').click()
    await page.getByTestId('message').filter({ hasText: 'clase_eoi/ana/boton' }).click()
    await expect(page.getByTestId('payload-view')).toBeVisible()
    await shoot(page, 'main')

    // Temas as a tree, one student's branch open down to its last values
    await tab('Temas')
    const tree = page.getByTestId('topic-tree')
    // by keyboard: a click on a row opens its messages
    for (const path of ['clase_eoi', 'clase_eoi/ana', 'clase_eoi/luis']) {
      await tree.locator(`[data-path="${path}"]`).focus()
      await page.keyboard.press('ArrowRight')
      await expect(tree.locator(`[data-path="${path}"]`)).toHaveAttribute('aria-expanded', 'true')
    }
    await shoot(page, 'topics')

    // the live chart, in the dark
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByText('Gráfica en vivo').click()
    await page.getByTestId('chart-topic').fill('clase_eoi/+/temp')
    await page.getByTestId('chart-field').fill('temp')
    await expect(page.getByTestId('live-chart')).toHaveAttribute('data-series', '3')
    await shoot(page, 'chart')
    await page.emulateMedia({ colorScheme: 'light' })

    await tab('Historial')
    await page.getByTestId('history-topic').fill('clase_eoi/+/temp')
    await page.getByTestId('history-search').click()
    await expect(page.getByTestId('history-message').first()).toBeVisible()
    await page.getByTestId('history-message').nth(2).click()
    await shoot(page, 'history')

    await tab('Tiempo')
    await expect(page.getByTestId('weather-temperature')).toBeVisible()
    await shoot(page, 'weather')

    await tab('Ajustes')
    await shoot(page, 'settings')
  })

  boardTest('a USB board with the colour picker, in Spanish', async ({ page, sim, boardHost }) => {
    await page.setViewportSize({ width: 420, height: 600 })
    await showBoardColour(page, boardHost, '#ff8000')
    await sim.press()
    await sim.press()
    await expect(page.getByTestId('board-button')).toHaveText('2 pulsaciones')
    // typing the colour scrolled the tab: back to its top, where the board's card starts
    await page.locator('.board-view').evaluate((e) => e.scrollTo(0, 0))
    await shoot(page, 'board')
  })
})
