// `npm start`: the tray app under Electron; where no Electron runtime can be found, say why and
// run the web host instead (the same app in a browser). Runs after `npm run build` (prestart).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

/** The Electron binary, or the reason there is none. */
function findElectron() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const bin =
      {
        darwin: 'Electron.app/Contents/MacOS/Electron',
        win32: 'electron.exe'
      }[process.platform] ?? 'electron'
    const file = path.join(override, bin)
    return existsSync(file)
      ? { path: file }
      : { why: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${file} does not exist` }
  }
  try {
    // the electron package's main export is the path of the runtime it downloaded at install
    const file = require('electron')
    return existsSync(file) ? { path: file } : { why: `the Electron runtime is missing at ${file}` }
  } catch (err) {
    return { why: String(err?.message ?? err).split('\n')[0] }
  }
}

const args = process.argv.slice(2)
const electron = findElectron()
let child
if (electron.path) {
  child = spawn(electron.path, ['.', ...args], { stdio: 'inherit' })
} else {
  console.log('Puente: the tray app cannot start here, because no Electron runtime was found:')
  console.log(`  ${electron.why}`)
  console.log(
    '  (`npm install` with internet access downloads it; or set ELECTRON_OVERRIDE_DIST_PATH'
  )
  console.log('  to a folder holding an Electron build.)')
  console.log(
    'Starting the web host instead: open the address on the "ready" line below in a browser.'
  )
  child = spawn(process.execPath, ['out/main/serve.js', ...args], { stdio: 'inherit' })
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
