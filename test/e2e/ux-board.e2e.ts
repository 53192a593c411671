// Counts and states come from the core: a second window shows the same presses, the same last
// press and the board's colour in the picker; the class list does not count Puente itself.
import mqtt from 'mqtt'
import { missingTools } from '../helpers/tools'
import { boardTest as test, expect, openApp } from './helpers'

const skip = missingTools('socat')

test.describe('board and class, one truth for every window', () => {
  test.skip(!!skip, skip)

  test('a new window shows the presses, the last press and the board colour', async ({
    page,
    context,
    sim,
    boardHost: host
  }) => {
    await openApp(page, host, 'es')
    await page.getByRole('tab', { name: 'Placa' }).click()
    await expect(page.getByTestId('board-state')).toHaveAttribute('data-state', 'connected')
    await page.getByTestId('colour-hex').fill('#00ff80')
    await page.getByTestId('colour-hex').press('Enter')
    await expect(page.getByTestId('colour-reported')).toHaveAttribute('data-colour', '#00ff80')
    await sim.press()
    await expect(page.getByTestId('board-button')).toHaveText('1 pulsación')
    await sim.press()
    await expect(page.getByTestId('board-button')).toHaveText('2 pulsaciones')
    const last = /\d+:\d\d:\d\d/.exec(
      (await page.getByTestId('board-last-press').textContent())!
    )![0]

    const other = await context.newPage()
    await openApp(other, host, 'en')
    await other.getByRole('tab', { name: 'Board' }).click()
    await expect(other.getByTestId('board-button')).toHaveText('2 presses')
    await expect(other.getByTestId('board-last-press')).toContainText(`Last: ${last}`)
    await expect(other.getByTestId('colour-hex')).toHaveValue('#00ff80')
    await expect(other.getByTestId('colour-reported-figure')).toHaveText(
      /The board shows\s*#00ff80/
    )
    await sim.press()
    await expect(page.getByTestId('board-button')).toHaveText('3 pulsaciones')
    await expect(other.getByTestId('board-button')).toHaveText('3 presses')
  })

  test("the class list counts the students, not Puente's own row", async ({ page, host }) => {
    await openApp(page, host, 'es')
    await page.getByRole('tab', { name: 'Clase' }).click()
    await page.getByRole('button', { name: 'Abrir a la red del aula' }).click()
    await expect(page.getByRole('heading', { name: 'Clientes conectados (0)' })).toBeVisible()
    await expect(page.getByTestId('class-client-id').first()).toHaveText(
      /^puente-[0-9a-f]+ \(Puente\)$/
    )
    const password = (await page.getByTestId('class-password').textContent())!.trim()
    const student = mqtt.connect(`mqtt://127.0.0.1:${host.brokerPort}`, {
      clientId: 'alumno_07',
      username: 'clase',
      password,
      reconnectPeriod: 0
    })
    try {
      await expect(page.getByRole('heading', { name: 'Clientes conectados (1)' })).toBeVisible()
    } finally {
      student.end(true)
    }
  })
})
