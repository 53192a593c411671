// The split the design fixes: the core never loads Electron, the renderer never reaches past the
// contract, and the shell's testable modules take Electron only as types.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(__dirname, '../../..')

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full, ext) : ext.test(name) ? [full] : []
  })
}

/** Every module specifier a file imports or requires, with whether it is type-only. */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const src = readFileSync(file, 'utf8')
  const out: { spec: string; typeOnly: boolean }[] = []
  const re =
    /\bimport\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)|\bexport\s+(type\s+)?[^'"]*?\s+from\s+['"]([^'"]+)['"]/g
  for (const m of src.matchAll(re)) {
    const spec = m[2] ?? m[3] ?? m[5]
    out.push({ spec, typeOnly: Boolean(m[1] ?? m[4]) })
  }
  return out
}

const rel = (f: string): string => path.relative(ROOT, f)

describe('module boundaries', () => {
  it('finds imports the way the check below relies on', () => {
    // guards the regex: if it stopped matching, the checks below would pass vacuously
    const main = imports(path.join(ROOT, 'electron/main/index.ts')).map((i) => i.spec)
    expect(main).toContain('electron')
    expect(main).toContain('../core/puente')
    const tray = imports(path.join(ROOT, 'electron/main/tray.ts'))
    expect(tray).toContainEqual({ spec: '../contract', typeOnly: true })
  })

  it("electron/core never imports 'electron'", () => {
    const core = files(path.join(ROOT, 'electron/core'), /\.ts$/)
    expect(core.length).toBeGreaterThan(10)
    const offenders = core.filter((f) =>
      imports(f).some((i) => i.spec === 'electron' || i.spec.startsWith('electron/'))
    )
    expect(offenders.map(rel)).toEqual([])
  })

  it('the contract imports nothing from Electron, Node or the DOM', () => {
    const contract = files(path.join(ROOT, 'electron/contract'), /\.ts$/)
    expect(contract.length).toBeGreaterThan(1)
    const specs = contract.flatMap((f) => imports(f).map((i) => i.spec))
    expect(specs.filter((s) => s !== 'valibot' && !s.startsWith('./'))).toEqual([])
  })

  it('the renderer never imports electron/core, electron/main or electron/host', () => {
    const renderer = files(path.join(ROOT, 'renderer/src'), /\.(ts|svelte)$/)
    expect(renderer.length).toBeGreaterThan(0)
    const offenders = renderer.flatMap((f) =>
      imports(f)
        .filter(
          (i) => i.spec === 'electron' || /electron\/(core|main|host|preload)(\/|$)/.test(i.spec)
        )
        .map((i) => `${rel(f)} imports ${i.spec}`)
    )
    expect(offenders).toEqual([])
  })

  it("the window's dictionary, which the tray reads too, is plain data", () => {
    const dir = path.join(ROOT, 'renderer/src/lib/i18n')
    const data = files(dir, /\.ts$/).filter((f) => !f.endsWith('.svelte.ts'))
    expect(data.map(rel)).toContain('renderer/src/lib/i18n/dictionaries.ts')
    const offenders = data.flatMap((f) =>
      imports(f)
        .filter((i) => !i.typeOnly && !i.spec.startsWith('./'))
        .map((i) => `${rel(f)} imports ${i.spec}`)
    )
    expect(offenders).toEqual([])
  })

  it('the preload imports only electron and its bridge, which imports only the contract', () => {
    const file = path.join(ROOT, 'electron/preload/index.ts')
    const runtime = imports(file)
      .filter((i) => !i.typeOnly)
      .map((i) => i.spec)
    expect(runtime.sort()).toEqual(['./bridge', 'electron'])
    // the bridge takes ipcRenderer as a parameter and reaches past the contract to nothing
    const bridge = imports(path.join(ROOT, 'electron/preload/bridge.ts')).map((i) => i.spec)
    expect(bridge).toEqual(['../contract'])
    const src =
      readFileSync(file, 'utf8') +
      readFileSync(path.join(ROOT, 'electron/preload/bridge.ts'), 'utf8')
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*,\s*ipcRenderer\s*\)/)
    expect(src).not.toMatch(/:\s*ipcRenderer\s*[,}]/)
  })

  it('the built preload is one sandbox-loadable CommonJS file that requires only electron', () => {
    const out = path.join(ROOT, 'out/preload')
    if (!existsSync(out))
      return expect.fail('out/preload is missing: run `npx electron-vite build` first')
    expect(readdirSync(out).filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))).toEqual([
      'index.js'
    ])
    const js = readFileSync(path.join(out, 'index.js'), 'utf8')
    const required = [...js.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
    expect([...new Set(required)]).toEqual(['electron'])
    // no ES module syntax: a sandboxed preload is loaded as CommonJS
    expect(js).not.toMatch(/^\s*(import|export)\s[^(]/m)
    // the contract's validation came along (valibot is bundled, not required)
    expect(js).toContain('invalid-input')
  })

  it("the shell's logic modules take Electron as types only, so they run in Node", () => {
    for (const name of [
      'tray.ts',
      'ipc.ts',
      'security.ts',
      'secrets.ts',
      'placement.ts',
      'test-hooks.ts',
      'desktop.ts',
      'menu.ts',
      'autostart.ts',
      'tray-platform.ts',
      'shell-state.ts'
    ]) {
      const runtime = imports(path.join(ROOT, 'electron/main', name)).filter(
        (i) => !i.typeOnly && i.spec === 'electron'
      )
      expect(runtime, name).toEqual([])
    }
  })
})
