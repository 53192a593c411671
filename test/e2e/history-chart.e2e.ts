// The Historial tab's chart: the numbers of a searched range drawn as one series per topic.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { dayOf, logLine } from '../../electron/core/traffic/log'
import { expect, test } from './helpers'

/** Today's log with temperatures of two students and one text message. */
function writeLog(dataDir: string): void {
  const dir = path.join(dataDir, 'traffic')
  mkdirSync(dir, { recursive: true })
  const now = new Date()
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 0, 0, 1).getTime()
  const rows: [string, string][] = [
    ['clase_eoi/ana/temp', '{"temp":20.5}'],
    ['clase_eoi/luis/temp', '{"temp":22}'],
    ['clase_eoi/ana/temp', '{"temp":21}'],
    ['clase_eoi/luis/temp', 'sin sensor'],
    ['clase_eoi/luis/temp', '{"temp":22.5}'],
    ['clase_eoi/ana/temp', '{"temp":21.5}']
  ]
  const text = rows
    .map(([topic, payload], i) =>
      logLine({
        seq: i,
        t: new Date(start + i * 1000).toISOString(),
        dir: 'in',
        topic,
        qos: 0,
        retain: false,
        payload,
        enc: 'utf8',
        size: payload.length
      })
    )
    .join('')
  writeFileSync(path.join(dir, `${dayOf(start)}.5.jsonl`), text)
}

test('the numbers of a history search as a chart, one series per topic', async ({ app, host }) => {
  writeLog(host.dataDir)
  await app.getByRole('tab', { name: 'History' }).click()
  await app.getByTestId('history-topic').fill('clase_eoi/+/temp')
  await app.getByTestId('history-search').click()
  await expect(app.getByTestId('history-count')).toHaveText('6 messages')
  await app.getByText('Chart of the results').click()
  await app.getByTestId('history-chart-field').fill('temp')
  const chart = app.getByTestId('history-chart')
  await expect(chart).toHaveAttribute('data-series', '2')
  await expect(chart).toHaveAttribute('data-points', '5')
  await expect(chart.locator('.uplot canvas')).toHaveCount(1)
})
