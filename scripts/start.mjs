// `npm start`: the tray app under Electron; where no Electron runtime can be found, say why and
// run the web host instead (the same app in a browser). Runs after `npm run build` (prestart).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
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
  console.log('Puente: the tray app cannot start here, because no Electron runtime was found:')
  console.log(`  ${electron.why}`)
  console.log(
    '  (its download host could not be reached; or set ELECTRON_OVERRIDE_DIST_PATH to a folder'
  )
  console.log('  holding an Electron build.)')
  console.log(
    'Starting the web host instead: open the address on the "ready" line below in a browser.'
  )
  child = spawn(process.execPath, ['out/main/serve.js', ...args], { stdio: 'inherit' })
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
