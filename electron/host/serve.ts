import path from 'node:path'
import { version } from '../../package.json'
import { lanAddresses } from '../core/classroom/snippet'
import { checkDataDir } from '../core/data-dir'
import { startPuente } from '../core/puente'
import { stopWithin } from '../core/util/deadline'
import { PuenteError } from '../core/util/problem'
import { parseServeArgs, UsageError } from './args'
import { WebHost } from './server'

/** `npm run serve`: the core headless plus the web host; prints `ready <url>` or one reason. */
async function main(): Promise<void> {
  const started = performance.now()
  const config = parseServeArgs(process.argv.slice(2))
  checkDataDir(config.dataDir)
  const hub = await startPuente({
    dataDir: config.dataDir,
    host: 'web',
    version,
    overrides: config.overrides,
    boardDir: config.boardDir,
    lanPassword: config.lanPassword
  })
  const web = new WebHost(hub, {
    host: config.host,
    port: config.httpPort,
    rendererDir: path.join(__dirname, '../renderer')
  })
  let url: string
  try {
    url = await web.start()
  } catch (err) {
    await hub.stop()
    throw err
  }
  // the access token and the class credentials, each on its own line before `ready`
  if (web.token) {
    console.log(`token ${web.token}`)
    // on every interface: the addresses another machine (the projector) can open
    const wildcard = /^(0\.0\.0\.0|::)$/.test(config.host)
    const port = new URL(url).port
    const bases = wildcard
      ? ['127.0.0.1', ...lanAddresses()].map((h) => `http://${h}:${port}`)
      : [url]
    for (const base of bases) console.log(`open ${web.tokenUrl(base)}`)
  }
  if (config.overrides.classroom?.openAtStart) {
    const cls = await hub.invoke('classroom:get-state', {})
    if (cls.ok) {
      const c = cls.value
      if (c.open) {
        console.log(
          `lan ${c.addresses.join(' ') || '(no network address yet)'} port ${c.port} ws ${c.wsPort}`
        )
        console.log(`lan-user ${c.username}`)
        console.log(`lan-password ${c.password}`)
      }
    } else console.log(`lan not opened: ${cls.error.message}`)
  }
  // where the students' boards and programs connect (npm start repeats it in words)
  const snap = await hub.invoke('app:get-snapshot', {})
  if (snap.ok) {
    const b = snap.value.broker
    if (b.running) console.log(`broker mqtt://${b.host}:${b.port} ws://${b.host}:${b.wsPort}`)
    else
      console.log(`broker not running: ${b.problem?.message ?? 'the profile uses another broker'}`)
  }
  console.log(`ready ${url}`)
  if (process.env.PUENTE_TIMING)
    console.log(`startup ${Math.round(performance.now() - started)} ms`)
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    void Promise.all([stopWithin('the web host', () => web.stop()), hub.stop()]).finally(() =>
      process.exit(0)
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  const reason =
    err instanceof PuenteError || err instanceof UsageError
      ? err.message
      : `Puente could not start: ${(err as Error).message}`
  console.error(reason)
  process.exit(err instanceof UsageError && reason.startsWith('usage:') ? 0 : 1)
})
