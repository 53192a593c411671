// electron-builder.yml, checked offline: electron-builder's own schema accepts it, and it asks
// for what the issue says (AppImage + deb, nsis, a tray-only dmg). Building the packages needs
// downloads, so it is not done here.
import { existsSync, readFileSync } from 'node:fs'
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
  linux?: { target?: string[]; icon?: string }
  win?: { target?: string[]; icon?: string }
  mac?: { target?: string[]; icon?: string; extendInfo?: Record<string, unknown> }
  [key: string]: unknown
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
})
