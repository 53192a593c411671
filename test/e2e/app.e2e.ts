import { mkdirSync } from 'node:fs'
import { Mosquitto, mosquittoPub, mosquittoSub } from '../helpers/mosquitto'
import { freePort } from '../helpers/ports'
import { missingTools } from '../helpers/tools'
import { expect, openApp, startWebHost, test } from './helpers'

const skip = missingTools('mosquitto', 'mosquitto_pub', 'mosquitto_sub')
test.skip(!!skip, skip)

test('a message from mosquitto_pub appears in the list, with its payload in the detail view', async ({
  app,
  host
}) => {
  await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
  await mosquittoPub(host.brokerPort, [
    '-t',
    'clase_eoi/hola',
    '-m',
    '{"saludo":"¡hola, señor! 🌉","n":1}'
  ])
  const row = app.getByTestId('message').filter({ hasText: 'clase_eoi/hola' })
  await expect(row).toBeVisible()
  await expect(row).toContainText('¡hola, señor! 🌉')
  await row.click()
  const body = app.getByTestId('payload-body')
  await expect(body).toHaveAttribute('data-format', 'json')
  await expect(body).toHaveText('{\n  "saludo": "¡hola, señor! 🌉",\n  "n": 1\n}')
  await app.getByRole('button', { name: 'Hex' }).click()
  await expect(body).toContainText('7b 22 73 61 6c 75 64 6f')
})

test('a message published from the window reaches mosquitto_sub', async ({ app, host }) => {
  const sub = await mosquittoSub(host.brokerPort, ['clase_eoi/#'])
  try {
    await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
    await app.getByRole('tab', { name: 'Publish' }).click()
    await app.getByTestId('publish-topic').fill('clase_eoi/desde_puente')
    await app.getByTestId('publish-payload').fill('encendido ✓')
    await app.getByLabel('1 · at least once').check()
    await app.getByTestId('publish-send').click()
    await expect(app.getByTestId('publish-result')).toContainText('Sent to clase_eoi/desde_puente')
    await sub.waitFor((l) => l === 'clase_eoi/desde_puente encendido ✓')
    // a wildcard topic is refused in words before anything is sent
    await app.getByTestId('publish-topic').fill('clase_eoi/#')
    await expect(app.getByText('A topic to publish on cannot contain + or #.')).toBeVisible()
    // the sent message shows in the list as outgoing
    await app.getByRole('tab', { name: 'Messages' }).click()
    await expect(
      app
        .locator('[data-testid=message][data-dir=out]')
        .filter({ hasText: 'clase_eoi/desde_puente' })
    ).toBeVisible()
  } finally {
    sub.stop()
  }
})

test('changing the broker in settings reconnects to it', async ({ app }) => {
  const mosquitto = new Mosquitto()
  await mosquitto.start()
  try {
    await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
    await app.getByRole('tab', { name: 'Settings' }).click()
    await app.getByTestId('broker-other').check()
    const url = app.getByTestId('broker-url')
    await url.fill('http://nope')
    await app.getByTestId('settings-save').click()
    await expect(app.getByText('The address must look like mqtt://host:1883')).toBeVisible()
    await url.fill(mosquitto.url)
    await app.getByTestId('settings-save').click()
    await expect(app.getByTestId('settings-result')).toHaveText('Saved.')
    await expect(app.getByTestId('connection')).toContainText(`Connected · ${mosquitto.url}`)
    await app.getByRole('tab', { name: 'Messages' }).click()
    await mosquittoPub(mosquitto.port, ['-t', 'temperatura_eoi', '-m', '21.5'])
    await expect(app.getByTestId('message').filter({ hasText: 'temperatura_eoi' })).toContainText(
      '21.5'
    )
    // the broker goes away: the badge says so in words
    await mosquitto.stop()
    await expect(app.getByTestId('mqtt-reason')).toContainText(
      mosquitto.url.replace('mqtt://', ''),
      { timeout: 15_000 }
    )
    // and when it tries again: soon, this early in the outage
    await expect(app.getByTestId('mqtt-next-try')).toHaveText(/^(Next try in \d+ s|Trying now…)$/)
    await mosquitto.start()
    await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
    await expect(app.getByTestId('mqtt-next-try')).toHaveCount(0)
  } finally {
    await mosquitto.stop()
  }
})

test('filter by topic pattern and by text, and pause holds new messages', async ({ app, host }) => {
  await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
  for (const [topic, msg] of [
    ['clase_eoi/a/temp', 'uno'],
    ['clase_eoi/b/temp', 'dos'],
    ['clase_eoi/b/hum', 'tres'],
    ['clase_eoi', 'cuatro']
  ])
    await mosquittoPub(host.brokerPort, ['-t', topic, '-m', msg])
  const rows = app.getByTestId('message')
  await expect(rows).toHaveCount(4)

  await app.getByTestId('filter-topic').fill('clase_eoi/+/temp')
  await expect(rows).toHaveCount(2)
  await expect(rows.filter({ hasText: 'clase_eoi/b/hum' })).toHaveCount(0)
  await app.getByTestId('filter-topic').fill('clase_eoi/b/#')
  await expect(rows).toHaveCount(2)
  await app.getByTestId('filter-text').fill('TRES')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('clase_eoi/b/hum')
  await app.getByTestId('filter-topic').fill('clase_eoi/#/x')
  await expect(app.getByText('Not a valid pattern')).toBeVisible()
  await app.getByTestId('filter-topic').fill('')
  await app.getByTestId('filter-text').fill('')
  await expect(rows).toHaveCount(4)

  await app.getByTestId('pause').click()
  await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi/late', '-m', 'cinco'])
  await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi/late', '-m', 'seis'])
  await expect(app.getByTestId('waiting')).toHaveText('2 waiting')
  await expect(rows).toHaveCount(4)
  await app.getByTestId('resume').click()
  await expect(rows).toHaveCount(6)
  await expect(rows.first()).toContainText('seis')
})

test('only the rows in view are in the page, even with thousands of messages', async ({
  app,
  host
}) => {
  await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
  const lines = Array.from({ length: 1500 }, (_, i) => `{"n":${i}}`).join('\n') + '\n'
  await mosquittoPub(host.brokerPort, ['-t', 'clase_eoi/bulk', '-l'], lines)
  await expect(app.getByTestId('count')).toHaveText('1500 of 1500')
  const rendered = await app.getByTestId('message').count()
  expect(rendered).toBeGreaterThan(5)
  expect(rendered).toBeLessThan(40)
  await expect(app.getByTestId('message').first()).toContainText('{"n":1499}')
  // the keyboard walks the list; the selected row stays in view
  await app.getByTestId('message-list').focus()
  await app.keyboard.press('End')
  await expect(app.getByTestId('payload-body')).toHaveText('{\n  "n": 0\n}')
  await expect(app.locator('[data-testid=message][aria-selected=true]')).toBeInViewport()
})

test('the tabs switch with the keyboard', async ({ app }) => {
  const messages = app.getByRole('tab', { name: 'Messages' })
  await messages.focus()
  await expect(messages).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('ArrowRight')
  const topics = app.getByRole('tab', { name: 'Topics' })
  await expect(topics).toBeFocused()
  await expect(topics).toHaveAttribute('aria-selected', 'true')
  await expect(app.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-topics')
  await app.keyboard.press('End')
  await expect(app.getByRole('tab', { name: 'Settings' })).toBeFocused()
  await expect(app.getByTestId('settings-form')).toBeVisible()
  await app.keyboard.press('ArrowRight')
  await expect(messages).toBeFocused()
  await expect(app.getByTestId('filter-topic')).toBeVisible()
  // Tab leaves the tab bar for the panel (one tab stop for the whole bar)
  await app.keyboard.press('Tab')
  await expect(app.getByTestId('filter-topic')).toBeFocused()
})

test('Spanish by the language setting, and the main view in light and dark', async ({
  app,
  host
}) => {
  await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
  for (const [topic, msg] of [
    ['clase_eoi', 'Hola desde la placa 3'],
    ['clase_eoi/boton', '{"pressed":true,"board":"esp32-a1","at":"2025-11-25T10:00:00Z"}'],
    ['clase_eoi/led', '{"r":255,"g":80,"b":0}'],
    ['temperatura_eoi', '{"temperature":17.3,"unit":"°C","place":"Madrid"}']
  ])
    await mosquittoPub(host.brokerPort, [
      '-t',
      topic,
      '-m',
      msg,
      ...(topic === 'temperatura_eoi' ? ['-r'] : [])
    ])
  await app.getByRole('tab', { name: 'Settings' }).click()
  await app.getByTestId('language').selectOption('es')
  await app.getByRole('tab', { name: 'Mensajes' }).click()
  await expect(app.getByTestId('mqtt-state')).toHaveText('Conectado')
  await expect(app.getByTestId('message')).toHaveCount(4)
  await app.getByTestId('message').nth(1).click()
  mkdirSync('test-results/screenshots', { recursive: true })
  await app.emulateMedia({ colorScheme: 'light' })
  await app.screenshot({ path: 'test-results/screenshots/main.png' })
  await app.emulateMedia({ colorScheme: 'dark' })
  await expect(app.locator('body')).toHaveCSS('background-color', 'rgb(22, 24, 29)')
  await app.screenshot({ path: 'test-results/screenshots/main-dark.png' })
  await test
    .info()
    .attach('main', { path: 'test-results/screenshots/main.png', contentType: 'image/png' })
  await test.info().attach('main-dark', {
    path: 'test-results/screenshots/main-dark.png',
    contentType: 'image/png'
  })
})

test('the colour setting overrides the system, and a core problem shows as a dismissable notice', async ({
  page
}) => {
  // a settings file that is not JSON: the core keeps it aside, uses defaults, and says so
  const host = await startWebHost([], {}, '{"mqtt": {"url": ')
  try {
    await openApp(page, host)
    const notice = page.getByTestId('notice')
    await expect(notice).toContainText('The settings file could not be read')
    await expect(notice).toContainText('settings.json.bad-')
    await page.getByRole('button', { name: 'Dismiss notice' }).click()
    await expect(notice).toHaveCount(0)

    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByRole('tab', { name: 'Settings' }).click()
    await page.getByTestId('theme').selectOption('dark')
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 24, 29)')
    await page.getByTestId('theme').selectOption('auto')
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)')
  } finally {
    await host.stop()
  }
})

test('the window says so when it loses the web host', async ({ page, host }) => {
  await openApp(page, host)
  await expect(page.getByTestId('mqtt-state')).toHaveText('Connected')
  await host.served.stop()
  await expect(page.getByTestId('mqtt-reason')).toHaveText('Lost the link to Puente: retrying…')
  await expect(page.getByTestId('mqtt-state')).toHaveText('Offline')
})

test("the embedded broker's port can be changed in settings", async ({ app }) => {
  await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
  const port = await freePort()
  await app.getByRole('tab', { name: 'Settings' }).click()
  await app.getByTestId('broker-port').fill(String(port))
  await app.getByTestId('settings-save').click()
  await expect(app.getByTestId('settings-result')).toHaveText('Saved.')
  await expect(app.getByTestId('mqtt-state')).toHaveText('Connected')
  await mosquittoPub(port, ['-t', 'clase_eoi', '-m', 'por el puerto nuevo'])
  await app.getByRole('tab', { name: 'Messages' }).click()
  await expect(app.getByTestId('message').filter({ hasText: 'por el puerto nuevo' })).toBeVisible()
})
