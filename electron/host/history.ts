/**
 * `npm run history`: the traffic log read back without the app running, filtered by time,
 * topic and text, as JSONL or CSV. It streams, so memory stays flat whatever the log's size.
 */
import fs from 'node:fs'
import { finished } from 'node:stream/promises'
import { HistoryUsageError, parseHistoryArgs } from '../core/history/cli'
import { exportHistory } from '../core/history/export'

async function main(): Promise<void> {
  const config = parseHistoryArgs(process.argv.slice(2))
  if (!config.out) {
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      // a reader that stopped early (| head) is not a failure
      process.exit(err.code === 'EPIPE' ? 0 : 1)
    })
    await exportHistory(config.dataDir, config.filter, config, process.stdout)
    return
  }
  // an empty result leaves an empty file, never a stale one
  const file = fs.createWriteStream(config.out)
  await exportHistory(config.dataDir, config.filter, config, file)
  file.end()
  await finished(file)
}

main().catch((err: unknown) => {
  if (err instanceof HistoryUsageError) {
    console.error(err.message)
    process.exit(err.message.startsWith('usage:') ? 0 : 2)
  }
  console.error(`npm run history failed: ${(err as Error).message}`)
  process.exit(1)
})
