// `electron-builder --linux --dir` for real, where an Electron for Linux can be had without the
// internet: ELECTRON_OVERRIDE_DIST_PATH (an unpacked runtime) or a zip in the Electron cache.
// The unpacked app must carry the fuses, app.asar, and the virtual board and firmware beside it.
// Elsewhere it is skipped, and its title says why.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/tmp'

const ROOT = path.resolve(__dirname, '../../..')
const require = createRequire(import.meta.url)
const { version } = require('electron/package.json') as { version: string }

/** The folder electron-builder can take as `electronDist`, or why there is none. */
function electronDist(): { dir: string } | { why: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override)
    return existsSync(path.join(override, 'electron'))
      ? { dir: override }
      : { why: `ELECTRON_OVERRIDE_DIST_PATH has no Linux electron binary (${override})` }
  const zip = `electron-v${version}-linux-x64.zip`
  const cache = process.env.ELECTRON_CACHE ?? path.join(os.homedir(), '.cache', 'electron')
  // @electron/get keeps each download in a folder named by a hash of its URL
  const dirs = existsSync(cache)
    ? [cache, ...readdirSync(cache).map((d) => path.join(cache, d))]
    : []
  const found = dirs.find((d) => existsSync(path.join(d, zip)))
  return found
    ? { dir: found }
    : { why: `no ${zip} in ${cache} and no ELECTRON_OVERRIDE_DIST_PATH` }
}

const dist = process.platform === 'linux' ? electronDist() : { why: 'not on Linux' }
const reason = 'why' in dist ? ` (skipped: ${dist.why})` : ''
let out = ''
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true })
})

describe.skipIf('why' in dist)(`electron-builder --linux --dir${reason}`, () => {
  it('packs an app with the fuses flipped, its app.asar and its resources', async () => {
    if (!existsSync(path.join(ROOT, 'out/main/index.js')))
      return expect.fail('out/ is missing: run `npx electron-vite build` first')
    out = tempDir('puente-builder-')
    const run = spawnSync(
      path.join(ROOT, 'node_modules/.bin/electron-builder'),
      [
        '--linux',
        '--dir',
        `-c.electronDist=${(dist as { dir: string }).dir}`,
        `-c.electronVersion=${version}`,
        `-c.directories.output=${out}`,
        // serialport's prebuilt binding is used as installed: no compiler or download here
        '-c.npmRebuild=false'
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } }
    )
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
    const app = path.join(out, 'linux-unpacked')
    expect(existsSync(path.join(app, 'puente'))).toBe(true)
    expect(existsSync(path.join(app, 'resources/app.asar'))).toBe(true)
    for (const dir of ['virtual', 'firmware', 'tray'])
      expect(readdirSync(path.join(app, 'resources/resources', dir)).length, dir).toBeGreaterThan(0)

    const fusesPath = require.resolve('@electron/fuses', {
      paths: [path.dirname(require.resolve('app-builder-lib/package.json'))]
    })
    const fuses = require(fusesPath) as {
      getCurrentFuseWire(file: string): Promise<Record<number, number>>
      FuseV1Options: Record<string, number>
      FuseState: { ENABLE: number; DISABLE: number }
    }
    const wire = await fuses.getCurrentFuseWire(path.join(app, 'puente'))
    const { FuseV1Options: F, FuseState: S } = fuses
    expect(wire[F.RunAsNode]).toBe(S.DISABLE)
    expect(wire[F.EnableNodeOptionsEnvironmentVariable]).toBe(S.DISABLE)
    expect(wire[F.EnableNodeCliInspectArguments]).toBe(S.DISABLE)
    expect(wire[F.OnlyLoadAppFromAsar]).toBe(S.ENABLE)
  }, 300_000)
})
