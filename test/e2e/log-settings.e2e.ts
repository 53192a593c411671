import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { dayOf, TrafficLog } from '../../electron/core/traffic/log'
import { translate, translateCount } from '../../renderer/src/lib/i18n/dictionaries'
import { formatBytes } from '../../electron/shared/bytes'
import { message } from '../helpers/history'
import { expect, openApp, startWebHost, test, type WebHost } from './helpers'

/** Noon `daysAgo` days before today, local time (the log names its files by local day). */
const noon = (daysAgo: number): number => {
  const d = new Date()
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysAgo, 12).getTime()
}

/** Six past days of class, written by Puente's own log writer into the host's data dir. */
async function writePastDays(dataDir: string): Promise<void> {
  const log = new TrafficLog(dataDir)
  for (let day = 6; day >= 1; day--)
    for (let i = 0; i < 300; i++) {
      const ms = noon(day) + i * 1000
      log.append(message(new Date(ms).toISOString(), `clase_eoi/aula${i % 4}`, `{"t":${i}}`), ms)
    }
  await log.close()
}

/** The log's size line as the window words it, read from the disk itself. */
function sizeLine(dataDir: string, lang: 'es' | 'en'): string {
  const dir = path.join(dataDir, 'traffic')
  const files = readdirSync(dir).filter((n) => n.endsWith('.jsonl'))
  const bytes = files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0)
  const days = new Set(files.map((f) => f.slice(0, 10))).size
  const size = formatBytes(bytes, lang)
  return `${translateCount(lang, 'settings.log.size', days, { size })} · ${translateCount(lang, 'settings.log.files', files.length)}`
}

for (const lang of ['es', 'en'] as const) {
  test.describe(`the message log in Settings, in ${lang}`, () => {
    let host: WebHost
    test.beforeEach(async () => {
      // every day kept at start, so the test's old days are still there
      host = await startWebHost(
        [],
        {},
        JSON.stringify({ broker: { wsPort: 0 }, traffic: { keepDays: 0 } })
      )
      await writePastDays(host.dataDir)
    })
    test.afterEach(() => host.stop())

    test('shows its size and folder, and "keep days" deletes the older days at once', async ({
      page
    }) => {
      const w = (key: string, params?: Record<string, string | number>): string =>
        translate(lang, key, params)
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
      await openApp(page, host, lang)
      await page.getByRole('tab', { name: w('tab.settings') }).click()
      const section = page.getByTestId('log-settings')
      await expect(section.getByRole('group', { name: w('settings.log') })).toBeVisible()
      const size = page.getByTestId('log-size')
      await expect(async () =>
        expect(await size.textContent()).toBe(sizeLine(host.dataDir, lang))
      ).toPass()
      await expect(size).toContainText(lang === 'es' ? 'días' : 'days')
      // in a browser the folder may be on another machine: its path and a Copy button
      await expect(page.getByTestId('log-dir')).toHaveText(path.join(host.dataDir, 'traffic'))
      await expect(page.getByTestId('log-copy')).toHaveText(w('settings.log.copy'))
      await expect(page.getByTestId('log-open')).toHaveCount(0)
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
      await page.getByTestId('log-copy').click()
      await expect(section).toContainText(w('settings.log.copied'))
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        path.join(host.dataDir, 'traffic')
      )

      // keep 3 days, with the keyboard: type, Enter, then confirm in the dialog
      const keep = page.getByLabel(w('settings.log.keepDays'))
      await expect(keep).toHaveValue('0')
      await keep.fill('-2')
      await keep.press('Enter')
      await expect(section).toContainText(w('settings.log.keepDays.bad'))
      await expect(keep).toHaveAttribute('aria-invalid', 'true')
      const cap = page.getByLabel(w('settings.log.cap'))
      await expect(cap).toHaveAttribute('aria-invalid', 'false')
      await cap.fill('0.5')
      await expect(section).toContainText(w('settings.log.cap.bad'))
      await expect(cap).toHaveAttribute('aria-invalid', 'true')
      await cap.fill('')
      await keep.fill('3')
      await keep.press('Enter')
      const dialog = page.getByTestId('log-confirm')
      await expect(dialog).toBeVisible()
      await expect(dialog).toContainText(lang === 'es' ? '4 días' : '4 days')
      // nothing is deleted before the teacher says yes
      expect(existsSync(path.join(host.dataDir, 'traffic', `${dayOf(noon(6))}.jsonl`))).toBe(true)
      await page.keyboard.press('Tab')
      await expect(
        dialog.getByRole('button', { name: w('settings.log.confirm.yes') })
      ).toBeFocused()
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('log-result')).toHaveText(w('settings.log.applied'))

      const left = readdirSync(path.join(host.dataDir, 'traffic')).map((n) => n.slice(0, 10))
      for (const day of [3, 4, 5, 6]) expect(left).not.toContain(dayOf(noon(day)))
      for (const day of [1, 2]) expect(left).toContain(dayOf(noon(day)))
      await expect(async () =>
        expect(await size.textContent()).toBe(sizeLine(host.dataDir, lang))
      ).toPass()
      await expect(keep).toHaveValue('3')
      expect(errors, 'errors in the window').toEqual([])
    })
  })
}
