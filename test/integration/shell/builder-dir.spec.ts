// `electron-builder --linux --dir` for real, where an Electron for Linux can be had without the
// internet: ELECTRON_OVERRIDE_DIST_PATH (an unpacked runtime) or a zip in the Electron cache.
// The unpacked app must carry the fuses, app.asar, and the virtual board and firmware beside it.
// With fpm at hand too (CUSTOM_FPM_PATH, or fpm on the PATH), the deb is built and its control
// fields read back. Elsewhere each is skipped, and its title says why.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/tmp'
import { hasTool } from '../../helpers/tools'

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

/**
 * The environment that makes electron-builder use a local fpm, or why there is none: without one
 * it downloads fpm (a Ruby bundle) from GitHub, which a test must not need.
 */
function localFpm(): { env: Record<string, string> } | { why: string } {
  const custom = process.env.CUSTOM_FPM_PATH
  if (custom)
    return existsSync(custom)
      ? { env: { CUSTOM_FPM_PATH: custom } }
      : { why: `CUSTOM_FPM_PATH does not exist (${custom})` }
  if (hasTool('fpm')) return { env: { USE_SYSTEM_FPM: 'true' } }
  return {
    why: 'no fpm here (gem install fpm, or CUSTOM_FPM_PATH); electron-builder would download it'
  }
}

const dist = process.platform === 'linux' ? electronDist() : { why: 'not on Linux' }
const reason = 'why' in dist ? ` (skipped: ${dist.why})` : ''
const fpm = 'why' in dist ? dist : localFpm()
const debReason = 'why' in fpm ? ` (skipped: ${fpm.why})` : ''
const outs: string[] = []
afterAll(() => outs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** Runs electron-builder for Linux with the local Electron into a fresh folder. */
function build(args: string[], env: Record<string, string> = {}): string {
  const out = tempDir('puente-builder-')
  outs.push(out)
  const run = spawnSync(
    path.join(ROOT, 'node_modules/.bin/electron-builder'),
    [
      '--linux',
      ...args,
      `-c.electronDist=${(dist as { dir: string }).dir}`,
      `-c.electronVersion=${version}`,
      `-c.directories.output=${out}`,
      // serialport's prebuilt binding is used as installed: no compiler or download here
      '-c.npmRebuild=false'
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', ...env }
    }
  )
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
  return out
}

describe.skipIf('why' in dist)(`electron-builder --linux --dir${reason}`, () => {
  it('packs an app with the fuses flipped, its app.asar and its resources', async () => {
    if (!existsSync(path.join(ROOT, 'out/main/index.js')))
      return expect.fail('out/ is missing: run `npx electron-vite build` first')
    const out = build(['--dir'])
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

describe.skipIf('why' in fpm)(`electron-builder --linux deb${debReason}`, () => {
  it('builds a deb whose control file has the maintainer and the homepage', () => {
    if (!existsSync(path.join(ROOT, 'out/main/index.js')))
      return expect.fail('out/ is missing: run `npx electron-vite build` first')
    const out = build(['deb'], (fpm as { env: Record<string, string> }).env)
    const deb = readdirSync(out).find((f) => f.endsWith('.deb'))
    expect(deb, readdirSync(out).join(', ')).toBeDefined()
    const control = spawnSync('dpkg-deb', ['--field', path.join(out, deb!)], { encoding: 'utf8' })
    expect(control.status, control.stderr).toBe(0)
    expect(control.stdout).toMatch(/^Package: puente$/m)
    expect(control.stdout).toMatch(/^Maintainer: Puente <[^>]+@[^>]+>$/m)
    expect(control.stdout).toMatch(/^Homepage: https:\/\//m)
  }, 600_000)
})
