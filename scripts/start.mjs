// `npm start`: the tray app under Electron; where no Electron runtime can be found, say why and
// run the web host instead (the same app in a browser). Runs after `npm run build` (prestart).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { electronRuntime } from './electron-runtime.cjs'

/**
 * Fetches the runtime with the electron package's own installer: an install made with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 (where the download host was out of reach) gets it on the
 * first start that can reach it. Fails fast when offline.
 */
function fetchElectron() {
  const installer = path.join('node_modules', 'electron', 'install.js')
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH || !existsSync(installer)) return false
  console.log('Puente: fetching the Electron runtime (once)…')
  const env = { ...process.env }
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
  const r = spawnSync(process.execPath, [installer], { env, stdio: 'ignore', timeout: 300_000 })
  return r.status === 0
}

const args = process.argv.slice(2)
let electron = electronRuntime()
if (!electron.path && fetchElectron()) electron = electronRuntime()
let child
if (electron.path) {
  child = spawn(electron.path, ['.', ...args], { stdio: 'inherit' })
} else {
  console.log(`Puente: there is no Electron runtime on this computer (${why(electron.why)}),`)
  console.log('so the tray app cannot start. Starting the web host instead: the same window in a')
  console.log('browser. (To get the tray app, run npm start where its download host is reachable,')
  console.log('or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron build.)')
  child = spawn(process.execPath, ['out/main/serve.js', ...args], {
    stdio: ['inherit', 'pipe', 'inherit']
  })
  let broker = ''
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line)
    if (line.startsWith('broker ')) broker = line.slice(7)
    if (!line.startsWith('ready ')) return
    const [mqtt, ws] = broker.split(' ')
    console.log(`Puente is running in the web host: open ${line.slice(6)} in a browser.`)
    if (ws?.startsWith('ws://'))
      console.log(`Its MQTT broker: ${mqtt} (MQTT over WebSocket: ${ws}). Ctrl-C stops both.`)
    else if (broker) console.log(`Its own MQTT broker is ${broker}. Ctrl-C stops Puente.`)
  })
}

/** Electron's own reason ("delete node_modules/electron…") said as what it means here. */
function why(reason) {
  return /failed to install correctly/i.test(reason ?? '')
    ? 'the electron package was installed without downloading its runtime'
    : reason
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
