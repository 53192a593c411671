// electron-builder.yml, checked offline: electron-builder's own schema accepts it, and it asks
// for what the issue says (AppImage + deb, nsis, a tray-only dmg, the fuses, the icons each
// target needs). Building the packages needs downloads: test/integration/shell/builder-dir.spec.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import zlib from 'node:zlib'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(__dirname, '../../..')
const require = createRequire(import.meta.url)

interface BuilderConfig {
  appId?: string
  productName?: string
  files?: (string | object)[]
  extraResources?: { from: string; to: string }[]
  linux?: { target?: string[]; icon?: string; maintainer?: string }
  deb?: Record<string, unknown>
  win?: { target?: string[]; icon?: string }
  mac?: { target?: string[]; icon?: string; extendInfo?: Record<string, unknown> }
  electronFuses?: Record<string, boolean>
  [key: string]: unknown
}

/** A PNG's size and RGBA pixels (the unfiltered kind scripts/make-icons.mjs writes). */
function readPng(file: string): { width: number; height: number; rgba: Buffer } {
  const buf = readFileSync(file)
  expect(buf.subarray(1, 4).toString('ascii'), file).toBe('PNG')
  const width = buf.readUInt32BE(16)
  const height = buf.readUInt32BE(20)
  expect([buf[24], buf[25]], `${file}: 8-bit RGBA`).toEqual([8, 6])
  const idat: Buffer[] = []
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at)
    if (buf.toString('ascii', at + 4, at + 8) === 'IDAT')
      idat.push(buf.subarray(at + 8, at + 8 + len))
    at += 12 + len
  }
  const rows = zlib.inflateSync(Buffer.concat(idat))
  const stride = width * 4 + 1
  const rgba = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    expect(rows[y * stride], `${file}: row ${y} unfiltered (make-icons.mjs writes them so)`).toBe(0)
    rows.copy(rgba, y * width * 4, y * stride + 1, (y + 1) * stride)
  }
  return { width, height, rgba }
}

/** The square sizes of the images in an ICO (0 in the directory means 256). */
function icoSizes(file: string): number[] {
  const buf = readFileSync(file)
  expect(buf.readUInt16LE(2), `${file} is an icon file`).toBe(1)
  return Array.from({ length: buf.readUInt16LE(4) }, (_, i) => buf[6 + 16 * i] || 256)
}
interface ConfigModule {
  getConfig(
    projectDir: string,
    configPath: string | null,
    fromOptions: null
  ): Promise<BuilderConfig>
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>
}

// electron-builder's own loader and validator (app-builder-lib is the package that does the work)
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config') as ConfigModule
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown
}

/** The deb's Maintainer, Homepage and Vendor as fpm would get them, or app-builder-lib's error. */
interface FpmMeta {
  name: string
  maintainer: string
  url: string
  vendor: string
}
interface FpmTargetModule {
  default: { prototype: { computeFpmMetaInfoOptions(this: unknown): Promise<FpmMeta> } }
}
interface AppInfoModule {
  AppInfo: { prototype: { computePackageUrl(this: unknown): Promise<string | null> } }
}
const FpmTarget = (require('app-builder-lib/out/targets/FpmTarget') as FpmTargetModule).default
const { AppInfo } = require('app-builder-lib/out/appInfo') as AppInfoModule

/**
 * Runs FpmTarget's own check (the one that throws before fpm runs) for the deb target, on
 * package.json and electron-builder.yml; only the packager it reads them from is a stand-in.
 */
async function debMeta(pkg: Record<string, unknown>, config: BuilderConfig): Promise<FpmMeta> {
  const info = { metadata: pkg, repositoryInfo: Promise.resolve(null) }
  const appInfo = {
    linuxPackageName: 'puente',
    computePackageUrl: () =>
      AppInfo.prototype.computePackageUrl.call({ info, notNullDevMetadata: pkg })
  }
  const target = {
    packager: { appInfo, info },
    // as FpmTarget merges them: linux's options, then the deb section's
    options: { ...config.linux, ...config.deb }
  }
  return FpmTarget.prototype.computeFpmMetaInfoOptions.call(target)
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema, and a wrong key would not", async () => {
    const config = await getConfig(ROOT, null, null)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(
      validateConfiguration(
        { ...config, linux: { target: 'nope' as unknown as string[] }, bogus: 1 },
        new DebugLogger(false)
      )
    ).rejects.toThrow(/bogus/)
  })

  it('builds Puente for Linux (AppImage, deb), Windows (nsis) and macOS (tray-only dmg)', async () => {
    const c = await getConfig(ROOT, null, null)
    expect(c.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)
    expect(c.productName).toBe('Puente')
    expect(c.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(c.win?.target).toEqual(['nsis'])
    expect(c.mac?.target).toEqual(['dmg'])
    expect(c.mac?.extendInfo?.LSUIElement).toBe(true)
  })

  it('ships the build and the resources the shell loads at run time', async () => {
    const c = await getConfig(ROOT, null, null)
    const patterns = (c.files ?? []).flatMap((f) =>
      typeof f === 'string' ? [f] : ((f as { filter?: string[] }).filter ?? [])
    )
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'package.json']))
    expect(c.extraResources).toEqual([
      expect.objectContaining({ from: 'resources', to: 'resources' })
    ])
    // main loads tray icons from <resources>/resources/tray when packaged
    const main = readFileSync(path.join(ROOT, 'electron/main/index.ts'), 'utf8')
    expect(main).toContain("path.join(process.resourcesPath, 'resources')")
    for (const icon of [c.linux?.icon, c.win?.icon, c.mac?.icon]) {
      expect(icon && existsSync(path.join(ROOT, icon)), String(icon)).toBe(true)
      const png = readFileSync(path.join(ROOT, icon!))
      // electron-builder makes .ico/.icns from a PNG of at least 512 px
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512)
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string
    }
    expect(pkg.main).toBe('out/main/index.js')
  })

  it('turns the Electron fuses that would let a packaged Puente run foreign code off', async () => {
    const c = await getConfig(ROOT, null, null)
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true
    })
  })

  it("gives the deb what app-builder-lib's FpmTarget demands: a homepage and a maintainer", async () => {
    const c = await getConfig(ROOT, null, null)
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >
    const meta = await debMeta(pkg, c)
    expect(meta.url).toMatch(/^https:\/\//)
    expect(meta.maintainer).toMatch(/^Puente <[^@\s]+@[^@\s>]+>$/)
    expect(meta.vendor).toBe(meta.maintainer)
    // the same check fails as electron-builder would without them
    await expect(debMeta({ ...pkg, homepage: undefined }, c)).rejects.toThrow(/homepage/)
    await expect(
      debMeta({ ...pkg, author: 'Puente' }, { ...c, linux: { ...c.linux, maintainer: undefined } })
    ).rejects.toThrow(/author 'email'/)
  })

  it('names the app Puente in package.json too, so dev and packaged share ~/.config/Puente', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      productName?: string
    }
    expect(pkg.productName).toBe('Puente')
  })

  it('ships the virtual board and the firmware beside the app (extraResources)', async () => {
    const c = await getConfig(ROOT, null, null)
    const entry = c.extraResources?.find((e) => e.from === 'resources')
    expect(entry).toMatchObject({ to: 'resources', filter: ['**/*'] })
    for (const dir of ['virtual', 'firmware', 'tray'])
      expect(readdirSync(path.join(ROOT, 'resources', dir)).length, dir).toBeGreaterThan(0)
  })

  it('has the app icon each target needs: 1024 px for the macOS icns, ≥ 256 for Windows, ≥ 512 for Linux', async () => {
    const c = await getConfig(ROOT, null, null)
    const need: [string | undefined, number][] = [
      [c.mac?.icon, 1024],
      [c.win?.icon, 256],
      [c.linux?.icon, 512]
    ]
    for (const [icon, min] of need) {
      const { width, height } = readPng(path.join(ROOT, icon!))
      expect(width, String(icon)).toBeGreaterThanOrEqual(min)
      expect(height).toBe(width)
    }
  })

  it('has every tray icon per desktop: PNG + @2x (Linux), ICO 16-32 (Windows), black-and-alpha templates (macOS)', () => {
    const dir = path.join(ROOT, 'resources/tray')
    for (const light of ['connected', 'disconnected', 'error'])
      for (const name of [light, `${light}-board`]) {
        expect(readPng(path.join(dir, `${name}.png`)).width).toBe(16)
        expect(readPng(path.join(dir, `${name}@2x.png`)).width).toBe(32)
        expect(icoSizes(path.join(dir, `${name}.ico`))).toEqual(expect.arrayContaining([16, 32]))
        for (const [file, size] of [
          [`${name}Template.png`, 16],
          [`${name}Template@2x.png`, 32]
        ] as const) {
          const { width, rgba } = readPng(path.join(dir, file))
          expect(width, file).toBe(size)
          // the menu bar tints a template by its alpha alone: every pixel black, some opaque
          let opaque = 0
          for (let i = 0; i < rgba.length; i += 4) {
            expect([rgba[i], rgba[i + 1], rgba[i + 2]], `${file} pixel ${i / 4}`).toEqual([0, 0, 0])
            if (rgba[i + 3] > 128) opaque++
          }
          expect(opaque, file).toBeGreaterThan(size)
        }
      }
  })
})
