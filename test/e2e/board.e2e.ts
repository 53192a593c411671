import { expect, test } from '@playwright/test'
import { BoardSim, SIM_BOARD_ID } from '../sim/board-sim'
import { mosquittoPub, mosquittoSub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { openApp, startWebHost, type WebHost } from './helpers'

const skip = missingTools('socat', 'mosquitto_pub', 'mosquitto_sub')

test.describe('board tab, with a pty board and the web host', () => {
  test.skip(!!skip, skip)
  let sim: BoardSim
  let host: WebHost

  test.afterEach(async () => {
    await host?.stop()
    await sim?.stop()
  })

  test('picker → exact line on the board and message on the topic; press, output, unplug shown', async ({
    page
  }) => {
    sim = await BoardSim.start({ repl: false })
    host = await startWebHost(['--serial', sim.hostPath])
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await openApp(page, host)
    await page.getByRole('tab', { name: 'Board' }).click()
    await expect(page.getByTestId('board-state')).toHaveAttribute('data-state', 'connected')
    await expect(page.getByTestId('board-id')).toHaveText(SIM_BOARD_ID)
    await expect(page.getByTestId('board-firmware')).toHaveText('1.0.0')

    const sub = await mosquittoSub(host.brokerPort, ['clase_eoi/led'])
    try {
      await page.getByRole('button', { name: 'Red' }).click()
      await sim.waitFor(() => sim.colourLines.includes('{"r":255,"g":0,"b":0}'), 'the red line')
      await sub.waitFor((l) => l === 'clase_eoi/led {"r":255,"g":0,"b":0}')
      await expect(page.getByTestId('colour-reported')).toHaveAttribute('data-colour', '#ff0000')

      await page.getByTestId('colour-hex').fill('#00ff80')
      await page.getByTestId('colour-hex').press('Enter')
      await sim.waitFor(
        () => sim.colourLines.includes('{"r":0,"g":255,"b":128}'),
        'the hex colour line'
      )
      await sub.waitFor((l) => l === 'clase_eoi/led {"r":0,"g":255,"b":128}')

      // the R slider, by keyboard
      await page.getByTestId('colour-r').focus()
      await page.keyboard.press('ArrowRight')
      await sim.waitFor(
        () => sim.colourLines.includes('{"r":1,"g":255,"b":128}'),
        'the slider line'
      )
      await expect(page.getByTestId('colour-reported')).toHaveAttribute('data-colour', '#01ff80')
    } finally {
      sub.stop()
    }

    await sim.press()
    await expect(page.getByTestId('board-button')).toHaveAttribute('data-presses', '1')
    sim.print('hola desde la placa')
    await expect(page.getByTestId('board-output')).toContainText('hola desde la placa')

    await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi/led', '-m', '{"r":999,"g":0,"b":0}'])
    await expect(page.getByTestId('board-rejected')).toContainText('"r" is outside 0..255')

    await sim.unplug()
    await expect(page.getByTestId('board-state')).toHaveText(/Board disconnected/)
    await sim.plug()
    await expect(page.getByTestId('board-state')).toHaveAttribute('data-state', 'connected', {
      timeout: 3000
    })
    await sim.waitFor(
      () => sim.received.filter((l) => l === '{"r":1,"g":255,"b":128}').length >= 2,
      'the colour re-sent'
    )
    expect(errors).toEqual([])
  })

  test('installer asks first, then shows progress to the end', async ({ page }) => {
    sim = await BoardSim.start({ firmware: 'js' })
    host = await startWebHost(['--serial', sim.hostPath])
    await openApp(page, host, 'es')
    await page.getByRole('tab', { name: 'Placa' }).click()
    await expect(page.getByTestId('board-state')).toHaveAttribute('data-state', 'connected')
    await page.getByRole('button', { name: 'Instalar firmware' }).click()
    const dialog = page.getByTestId('firmware-confirm')
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Cancelar' }).click()
    await expect(dialog).toBeHidden()
    expect(sim.mp!.readFile('main.py')).toBeUndefined()

    await page.getByRole('button', { name: 'Instalar firmware' }).click()
    await dialog.getByRole('button', { name: 'Instalar', exact: true }).click()
    await expect(page.getByTestId('firmware-progress')).toHaveAttribute('data-phase', 'done', {
      timeout: 30_000
    })
    await expect(page.getByTestId('firmware-progress')).toContainText('Firmware instalado.')
    expect(sim.mp!.readFile('main.py')?.toString()).toContain('puente.arrancar()')
  })
})
