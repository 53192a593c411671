import { execFileSync } from 'node:child_process'
import path from 'node:path'
import mqtt from 'mqtt'
import { Mosquitto } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import { expect, refusedIntruder, startWebHost, test } from './helpers'

test('the class window opens the broker to the class and lists the connected boards', async ({
  app,
  host
}) => {
  await app.getByRole('tab', { name: 'Class' }).click()
  await expect(app.getByTestId('class-state')).toHaveText('This computer only (127.0.0.1)')
  await app.getByRole('button', { name: 'Open to the classroom network' }).click()
  await expect(app.getByTestId('class-state')).toHaveText('Open to the classroom network')
  await expect(app.getByTestId('class-user')).toHaveText('clase')
  const password = (await app.getByTestId('class-password').textContent())!.trim()
  expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
  await expect(app.getByTestId('class-snippet')).toContainText(`MQTTClient("alumno_01", `)
  await expect(app.getByTestId('class-snippet')).toContainText(
    `user="clase", password="${password}"`
  )

  // a student's board (here an MQTT client on loopback) joins with the shown credentials
  const board = mqtt.connect(`mqtt://127.0.0.1:${host.brokerPort}`, {
    clientId: 'alumno_07',
    username: 'clase',
    password,
    reconnectPeriod: 0
  })
  await new Promise((resolve, reject) => board.once('connect', resolve).once('error', reject))
  for (let i = 0; i < 3; i++)
    await new Promise((r) => board.publish('clase_eoi', `hola ${i}`, { qos: 1 }, r))
  const row = app.getByTestId('class-clients').getByRole('row', { name: /alumno_07/ })
  await expect(row).toContainText('127.0.0.1')
  await expect(row.getByRole('cell').nth(2)).toHaveText('3')
  // totals of the broker since it started (Puente's own status messages included)
  await expect(app.getByTestId('class-stats')).toHaveText(
    /^\d+ messages received · \d+ delivered · 0 refused · limit 60 clients, 256 KB a message$/
  )

  // a wrong password is refused and said in the window
  await refusedIntruder(host.brokerPort)
  await expect(app.getByTestId('class-problem')).toContainText(
    '1 failed attempt from 127.0.0.1: a wrong user name or password (intruso).'
  )
  await expect(app.getByTestId('class-stats')).toContainText('1 refused')

  const closed = new Promise<void>((r) => board.once('close', () => r()))
  await app.getByRole('button', { name: 'Close to the network' }).click()
  await closed
  await expect(app.getByTestId('class-state')).toHaveText('This computer only (127.0.0.1)')
  board.end(true)
})

const missing = missingTools('mosquitto', 'mosquitto_passwd')
test.describe('profiles in the window', () => {
  test.skip(!!missing, missing)
  const locked = new Mosquitto()
  test.beforeAll(async () => {
    const pwfile = path.join(locked.dir, 'passwd')
    execFileSync('mosquitto_passwd', ['-c', '-b', pwfile, 'profe', 'buena-clave'])
    await locked.start(`password_file ${pwfile}\nallow_anonymous false`)
  })
  test.afterAll(() => locked.stop())

  test('a wrong password gives a clear message; fixing it connects', async ({ app }) => {
    await app.getByRole('tab', { name: 'Settings' }).click()
    await expect(app.getByTestId('profile-active')).toHaveText('In use: This computer')
    await app.getByRole('button', { name: 'New profile' }).click()
    const form = app.getByTestId('profile-form')
    await form.getByLabel('Name').fill('Mosquitto del aula')
    await form.getByLabel('Broker address').fill(locked.url)
    await form.getByLabel('User').fill('profe')
    await form.getByLabel('Password', { exact: true }).fill('mala')
    await form.getByRole('button', { name: 'Test connection' }).click()
    await expect(form.getByTestId('profile-test-problem')).toHaveText(
      `${locked.url} refused this client as not authorised: check the user name and password.`
    )
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form).toBeHidden()
    const item = app.locator('li', { hasText: 'Mosquitto del aula' })
    await item.getByRole('button', { name: 'Use' }).click()
    await expect(app.getByTestId('profile-active')).toHaveText('In use: Mosquitto del aula')
    await expect(app.getByTestId('link-problem')).toContainText('check the user name and password')

    await item.getByRole('button', { name: 'Edit' }).click()
    await expect(form.getByLabel('Password', { exact: true })).toHaveValue('') // the saved password never comes back
    await expect(form.getByLabel('Password', { exact: true })).toHaveAttribute(
      'placeholder',
      'Saved (type another to change it)'
    )
    await form.getByLabel('Password', { exact: true }).fill('buena-clave')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(app.getByTestId('link-problem')).toBeHidden()
    await expect(app.getByTestId('mqtt-state')).toHaveText(/Connected|Conectado/)
  })
})

test('the projector view on another address needs the printed token', async ({ page }) => {
  // bound to every interface; this browser still only talks to 127.0.0.1
  const host = await startWebHost(['--host', '0.0.0.0'])
  try {
    const token = /^token ([0-9a-f]{32})$/m.exec(host.served.output())![1]
    const base = `http://127.0.0.1:${host.httpPort}`
    const denied = await page.goto(base)
    expect(denied!.status()).toBe(401)
    await expect(page.locator('body')).toContainText(
      'needs the access token printed when it started'
    )
    await page.goto(`${base}/?token=${token}`)
    await expect(page.getByTestId('mqtt-state')).toHaveText(/Connected|Conectado/)
    // the window works: the class tab loads its state through the token-gated socket
    await page.getByRole('tab', { name: /Class|Clase/ }).click()
    await expect(page.getByTestId('class-state')).toBeVisible()
  } finally {
    await host.stop()
  }
})
