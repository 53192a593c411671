import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import path from 'node:path'
import { dayOf, logLine } from '../../electron/core/traffic/log'
import { expect, test } from './helpers'

const LINES = 300_000

/** Today's log with many messages, written straight into the host's data dir. */
function writeTodayLog(dataDir: string): void {
  const dir = path.join(dataDir, 'traffic')
  mkdirSync(dir, { recursive: true })
  const now = new Date()
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 0, 0, 1).getTime()
  // a file of its own (rotated part 5) so it never meets the host's live log
  const fd = openSync(path.join(dir, `${dayOf(start)}.5.jsonl`), 'w')
  for (let i = 0; i < LINES;) {
    let chunk = ''
    for (let j = 0; j < 5000; j++, i++) {
      const payload = `{"temp":${20 + (i % 50) / 10},"n":${i}}`
      chunk += logLine({
        seq: i,
        t: new Date(start + i).toISOString(),
        dir: 'in',
        topic: `clase_eoi/aula${i % 20}/temp`,
        qos: 0,
        retain: false,
        payload,
        enc: 'utf8',
        size: payload.length
      })
    }
    writeSync(fd, chunk)
  }
  closeSync(fd)
}

test('a history search shows results as they come, and can be cancelled', async ({ app, host }) => {
  writeTodayLog(host.dataDir)
  await app.getByRole('tab', { name: 'History' }).click()
  await app.getByTestId('history-topic').fill('clase_eoi/+/temp')
  await app.getByTestId('history-search').click()
  const count = app.getByTestId('history-count')
  // results appear while the search is still running
  await expect(app.getByTestId('history-cancel')).toBeVisible()
  await expect(count).not.toHaveText('0 messages')
  await expect(app.getByTestId('history-message').first()).toBeVisible()
  await app.getByTestId('history-cancel').click()
  await expect(app.getByTestId('history-search')).toBeVisible()
  const shown = Number((await count.textContent())!.replace(/\D/g, ''))
  expect(shown).toBeGreaterThan(0)
  expect(shown).toBeLessThan(LINES)
  // a message opens in the payload view
  await app.getByTestId('history-message').first().click()
  await expect(app.getByTestId('payload-view')).toBeVisible()
  await expect(app.getByTestId('payload-view')).toContainText('temp')
  // the keyboard walks the results, the screen reader is told which row, Escape closes
  const list = app.getByTestId('history-list')
  const selected = app.locator('[data-testid=history-message][aria-selected=true]')
  await list.focus()
  await app.keyboard.press('ArrowDown')
  await expect(selected).toHaveId('hist-2')
  await expect(list).toHaveAttribute('aria-activedescendant', 'hist-2')
  await app.keyboard.press('End')
  await expect(selected).toHaveId(`hist-${shown}`)
  await expect(selected).toBeInViewport()
  await app.keyboard.press('Escape')
  await expect(app.getByTestId('payload-view')).toBeHidden()
  await expect(list).not.toHaveAttribute('aria-activedescendant')
})
