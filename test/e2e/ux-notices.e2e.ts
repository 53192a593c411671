// Notices tied to a condition go when it ends; a dismissal holds for every window; one line at
// the top with the rest behind "N avisos".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { mosquittoPub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { boardTest as test, expect, openApp, refusedIntruder } from './helpers'

const skip = missingTools('socat', 'mosquitto_pub')

test.describe('notices', () => {
  test.skip(!!skip, skip)

  test('the intruder warning goes when the class broker closes', async ({ page, host }) => {
    await openApp(page, host, 'es')
    await page.getByRole('tab', { name: 'Clase' }).click()
    await page.getByRole('button', { name: 'Abrir a la red del aula' }).click()
    await expect(page.getByTestId('class-state')).toHaveText('Abierto a la red del aula')
    await refusedIntruder(host.brokerPort)
    const warning = page.getByTestId('notice').filter({ hasText: '1 intento fallido desde' })
    await expect(warning).toHaveCount(1)
    await page.getByRole('button', { name: 'Cerrar a la red' }).click()
    await expect(warning).toHaveCount(0)
  })

  test('the serial warning goes when a board is connected', async ({ page, host, sim }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'puente-bin-'))
    try {
      writeFileSync(path.join(dir, 'bin.dat'), 'x')
      await openApp(page, host, 'en')
      await page.getByRole('tab', { name: 'Board' }).click()
      await page.getByTestId('board-port').selectOption('__other')
      await page.getByTestId('board-path').fill(path.join(dir, 'bin.dat'))
      await page.getByTestId('board-path').press('Enter')
      const warning = page.getByTestId('notice').filter({ hasText: 'is not a serial port' })
      await expect(warning).toHaveCount(1)
      await page.getByTestId('board-path').fill(sim.hostPath)
      await page.getByTestId('board-path').press('Enter')
      await expect(page.getByTestId('board-state')).toHaveAttribute('data-state', 'connected')
      await expect(warning).toHaveCount(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('one line at the top; a dismissed notice stays gone in a new window', async ({
    page,
    context,
    host
  }) => {
    await openApp(page, host, 'es')
    for (const bad of ['rojo', '{"r":300,"g":0,"b":0}', '#12'])
      await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi/led', '-m', bad])
    const toggle = page.getByTestId('notices-toggle')
    await expect(toggle).toHaveText('3 avisos')
    await expect(page.getByTestId('notice')).toHaveCount(1)
    // the newest first, on one line
    await expect(page.getByTestId('notice')).toContainText('el texto debe ser "#rrggbb"')
    const box = (await page.getByTestId('notices').boundingBox())!
    expect(box.height).toBeLessThanOrEqual(40)
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(page.getByTestId('notice')).toHaveCount(3)
    const gone = page.getByTestId('notice').filter({ hasText: 'fuera de 0..255' })
    await gone.getByRole('button', { name: 'Cerrar aviso' }).click()
    await expect(page.getByTestId('notice')).toHaveCount(2)

    const other = await context.newPage()
    await openApp(other, host, 'es')
    await expect(other.getByTestId('notices-toggle')).toHaveText('2 avisos')
    await other.getByTestId('notices-toggle').click()
    await expect(other.getByTestId('notice')).toHaveCount(2)
    await expect(other.getByTestId('notice').filter({ hasText: 'fuera de 0..255' })).toHaveCount(0)
    // a dismissal in one window reaches the other at once
    await other.getByTestId('notice').first().getByRole('button', { name: 'Cerrar aviso' }).click()
    await expect(page.getByTestId('notice')).toHaveCount(1)
  })
})
