// Where the Electron runtime is, for everything that starts it: `npm start` (scripts/start.mjs),
// the Electron tests (test/electron/) and the CLI test that expects the web host fallback.
// CommonJS, so plain Node (start.mjs) and the test runners' TypeScript loaders all take it.
const { existsSync } = require('node:fs')
const path = require('node:path')

/**
 * The Electron binary ({ path }), or the reason there is none ({ why }): the folder named by
 * ELECTRON_OVERRIDE_DIST_PATH when set, else the runtime the electron package downloaded.
 */
function electronRuntime() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const bin =
      { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ??
      'electron'
    const file = path.join(override, bin)
    return existsSync(file)
      ? { path: file }
      : { why: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${file} does not exist` }
  }
  try {
    // the electron package's main export is the path of the runtime it downloaded at install;
    // a fresh lookup each time, since `npm start` may have just fetched it
    delete require.cache[require.resolve('electron')]
    const file = require('electron')
    return existsSync(file) ? { path: file } : { why: `the Electron runtime is missing at ${file}` }
  } catch (err) {
    return { why: String(err?.message ?? err).split('\n')[0] }
  }
}

module.exports = { electronRuntime }
