// `npm start`: the tray app under Electron; where no Electron runtime can be found, say why and
// run the web host instead (the same app in a browser).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let electronPath
let why
try {
  electronPath = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? `${process.env.ELECTRON_OVERRIDE_DIST_PATH}/electron`
    : require('electron')
} catch (err) {
  why = err.message.split('\n')[0]
}

const args = process.argv.slice(2)
if (electronPath) {
  const child = spawn(electronPath, ['.', ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(`No Electron runtime here (${why}).`)
  console.log('Starting the web host instead: open the address below in a browser.')
  const child = spawn(process.execPath, ['out/main/serve.js', ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
}
