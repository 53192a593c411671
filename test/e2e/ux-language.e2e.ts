// A Spanish window says the core's problems in Spanish (by code, with their parameters) and
// counts in the right plural; an English one in English.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { mosquittoPub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { boardTest as test, expect, openApp } from './helpers'

const skip = missingTools('socat', 'mosquitto_pub')

test.describe('problems and counts in the window language', () => {
  test.skip(!!skip, skip)

  for (const [lang, tab, notJson, presses] of [
    ['es', 'Placa', 'No es un color: el mensaje no es JSON', ['1 pulsación', '2 pulsaciones']],
    ['en', 'Board', 'Not a colour: the message is not JSON', ['1 press', '2 presses']]
  ] as const)
    test(`a bad colour and the presses, in ${lang}`, async ({ page, sim, boardHost: host }) => {
      await openApp(page, host, lang)
      await page.getByRole('tab', { name: tab }).click()
      await expect(page.getByTestId('board-state')).toHaveAttribute('data-state', 'connected')
      await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi/led', '-m', 'rojo'])
      await expect(page.getByTestId('board-rejected')).toContainText(notJson)
      await expect(page.getByTestId('notice').first()).toContainText(notJson)
      await sim.press()
      await expect(page.getByTestId('board-button')).toContainText(presses[0])
      await sim.press()
      await expect(page.getByTestId('board-button')).toContainText(presses[1])
    })

  test('a file that is not a serial port, said in Spanish', async ({ page, host }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'puente-bin-'))
    const file = path.join(dir, 'bin.dat')
    writeFileSync(file, 'x')
    await openApp(page, host, 'es')
    await page.getByRole('tab', { name: 'Placa' }).click()
    await page.getByTestId('board-port').selectOption('__other')
    await page.getByTestId('board-path').fill(file)
    await page.getByTestId('board-path').press('Enter')
    await expect(page.getByTestId('board-card')).toContainText(`${file} no es un puerto serie.`)
    await expect(page.getByText(/is not a serial port/)).toHaveCount(0)
    rmSync(dir, { recursive: true, force: true })
  })
})
