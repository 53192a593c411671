import { expect, test, type Page } from '@playwright/test'
import { OpenMeteoServer } from '../helpers/open-meteo-server'
import { startWebHost, type WebHost } from './helpers'

const MADRID = { place: 'Madrid', latitude: 40.4165, longitude: -3.70256 }

/** The built web host with its weather pointed at the fixture server, in a fresh data dir. */
function serveWith(
  server: OpenMeteoServer,
  weather: Record<string, unknown>,
  args: string[] = []
): Promise<WebHost> {
  // short retries so the stale state and the recovery show within a test; wsPort 0: no clashes
  const settings = {
    broker: { wsPort: 0 },
    weather: { retryMinSeconds: 0.2, retryMaxSeconds: 2, timeoutSeconds: 2, ...weather }
  }
  return startWebHost(
    ['--weather-url', server.forecastUrl, '--geocoding-url', server.geocodingUrl, ...args],
    {},
    JSON.stringify(settings)
  )
}

/** Opens the window in the given language and goes to the weather tab; collects page errors. */
async function openWeather(
  page: Page,
  url: string,
  lang: 'es' | 'en',
  errors: string[]
): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.addInitScript(
    (l) => Object.defineProperty(navigator, 'languages', { get: () => [l] }),
    lang
  )
  await page.goto(url)
  await page.getByRole('tab', { name: lang === 'es' ? 'Tiempo' : 'Weather' }).click()
}

test.describe('weather card', () => {
  const server = new OpenMeteoServer()
  let served: WebHost | undefined
  test.beforeAll(() => server.start())
  test.afterAll(() => server.stop())
  test.afterEach(async () => {
    await served?.stop()
    served = undefined
    server.heal()
    server.log.length = 0
  })

  test('shows the reading, then the stale state with its reason, then the fresh value again', async ({
    page
  }) => {
    served = await serveWith(server, MADRID)
    const errors: string[] = []
    await openWeather(page, served.url, 'en', errors)
    // the first fetch starts with the host; a loaded machine may need a retry
    await expect(page.getByTestId('weather-temperature')).toHaveText('21.4 °C', { timeout: 15_000 })
    await expect(page.getByTestId('weather-place')).toHaveText('Madrid')
    await expect(page.getByText('Measured at 12:15 (Madrid local time)')).toBeVisible()
    await expect(page.getByTestId('weather-next')).toContainText('Next fetch:')
    // one reading is no line yet: the card says so instead of drawing an empty box
    await expect(
      page.getByText('One reading today: the line appears with the next one.')
    ).toBeVisible()
    await expect(page.getByTestId('weather-chart')).toHaveCount(0)
    await expect(page.getByTestId('weather-stale')).toHaveCount(0)

    server.fail('500')
    await page.getByTestId('weather-refresh').click()
    const stale = page.getByTestId('weather-stale')
    await expect(stale).toContainText('Stale value', { timeout: 15_000 })
    await expect(stale).toContainText('Open-Meteo (127.0.0.1:')
    await expect(stale).toContainText('answered with HTTP error 500')
    // the last good value stays on the card
    await expect(page.getByTestId('weather-temperature')).toHaveText('21.4 °C')

    server.heal()
    await expect(stale).toHaveCount(0, { timeout: 15_000 })
    await expect(page.getByTestId('weather-chart')).toHaveAttribute(
      'aria-label',
      /Today's readings: 2,/
    )
    expect(errors, 'errors in the window (CSP violations, exceptions)').toEqual([])
  })

  test('typed coordinates fetch that place', async ({ page }) => {
    served = await serveWith(server, {})
    const errors: string[] = []
    await openWeather(page, served.url, 'en', errors)
    await page.getByTestId('weather-lat').fill('40.4165')
    await page.getByTestId('weather-lon').fill('-3.70256')
    await page.getByTestId('weather-lon').press('Enter')
    await expect(page.getByTestId('weather-temperature')).toHaveText('21.4 °C', { timeout: 15_000 })
    expect(server.log.at(-1)!.params).toMatchObject({ latitude: '40.4165', longitude: '-3.70256' })
    expect(errors, 'errors in the window (CSP violations, exceptions)').toEqual([])
  })

  test('suggestions from geocoding; choosing one with the keyboard fetches its coordinates', async ({
    page
  }) => {
    served = await serveWith(server, {})
    const errors: string[] = []
    await openWeather(page, served.url, 'es', errors)
    await expect(page.getByTestId('weather-choose')).toBeVisible()
    expect(server.forecasts()).toHaveLength(0)

    const box = page.getByRole('combobox', { name: 'Buscar un lugar' })
    await box.fill('Sevil')
    const options = page.getByRole('listbox').getByRole('option')
    await expect(options).toHaveCount(2, { timeout: 15_000 })
    await expect(options.nth(0)).toContainText('Sevilla')
    await expect(options.nth(0)).toContainText('Andalucía, España')
    await expect(options.nth(1)).toContainText('Valle del Cauca, Colombia')
    const search = server.log.filter((r) => r.endpoint === 'geocoding').at(-1)!
    expect(search.params).toMatchObject({ name: 'Sevil', language: 'es' })

    // nothing is highlighted before ↓: Enter picks only what the teacher highlighted
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false')
    await box.press('ArrowDown')
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
    await box.press('ArrowDown')
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
    await box.press('ArrowUp')
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
    await box.press('Enter')
    await expect(page.getByRole('listbox')).toHaveCount(0)

    await expect(page.getByTestId('weather-place')).toHaveText(
      /^\s*Sevilla\s*Andalucía, España\s*$/
    )
    await expect(page.getByTestId('weather-temperature')).toHaveText('27,8 °C', { timeout: 15_000 })
    expect(server.forecasts()).toHaveLength(1)
    expect(server.forecasts()[0].params).toMatchObject({
      latitude: '37.38283',
      longitude: '-5.97317'
    })
    expect(errors, 'errors in the window (CSP violations, exceptions)').toEqual([])
  })

  test('--place with Open-Meteo not answering: ready without waiting for it, and the card says why', async ({
    page
  }) => {
    server.fail('hang', { endpoint: 'both' })
    served = await serveWith(server, { timeoutSeconds: 3 }, ['--place', 'Madrid'])
    // ready came while the place lookup was still unanswered (or not even sent yet)
    expect(server.hangingNow).toBe(server.log.length)
    await expect.poll(() => server.log.map((r) => r.endpoint)).toEqual(['geocoding'])
    const errors: string[] = []
    await openWeather(page, served.url, 'en', errors)
    await expect(page.getByTestId('weather-error')).toContainText('did not answer within 3 s', {
      timeout: 15_000
    })
    server.heal()
    await expect(page.getByTestId('weather-temperature')).toHaveText('21.4 °C', { timeout: 15_000 })
    expect(server.log.find((r) => r.endpoint === 'geocoding')!.params).toMatchObject({
      name: 'Madrid'
    })
    expect(errors).toEqual([])
  })
})
