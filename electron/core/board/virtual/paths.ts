import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { BoardSettings } from '../../../contract'
import { resourceDir } from '../../resources'
import { configPy, firmwareDir } from '../firmware'

/** Finds resources/virtual/lib from the source tree, the built app (out/main) or a packaged one. */
export function virtualLibDir(): string {
  return resourceDir('virtual/lib', 'machine.py')
}

/**
 * The worker's entry: the built JS beside the bundle that imports this (out/main), else the
 * TypeScript source run through tsx (tests run the sources).
 */
export function workerEntry(): { file: string; execArgv?: string[] } {
  const built = path.join(__dirname, 'virtual-worker.js')
  if (existsSync(built)) return { file: built }
  const source = path.join(__dirname, 'worker.ts')
  if (existsSync(source)) return { file: source, execArgv: ['--require', 'tsx/cjs'] }
  throw new Error('the virtual board worker is missing from this installation')
}

/** Largest board folder copied into the interpreter (a real ESP32 has ~1.5 MB for files). */
const MAX_FLASH_BYTES = 4 * 1024 * 1024

/** The files of a board folder (relative POSIX paths), as the board's flash holds them. */
export function readFlash(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {}
  let total = 0
  const walk = (at: string, rel: string): void => {
    for (const name of readdirSync(at).sort()) {
      if (name.startsWith('.') || name === '__pycache__') continue
      const full = path.join(at, name)
      const info = statSync(full)
      if (info.isDirectory()) walk(full, `${rel}${name}/`)
      else if (info.isFile() && (total += info.size) <= MAX_FLASH_BYTES)
        files[`${rel}${name}`] = readFileSync(full)
    }
  }
  walk(dir, '')
  return files
}

/** The board's flash: the folder's files, or Puente's firmware with a config.py from settings. */
export function flashFiles(
  dir: string | undefined,
  board: BoardSettings
): Record<string, Uint8Array> {
  if (dir) return readFlash(dir)
  const fw = firmwareDir()
  const files: Record<string, Uint8Array> = {}
  for (const name of ['main.py', 'puente.py']) files[name] = readFileSync(path.join(fw, name))
  files['config.py'] = Buffer.from(configPy(board), 'utf8')
  return files
}

let compiled: Promise<unknown> | undefined

/** MicroPython's wasm compiled once per process: each new worker only instantiates it. */
export function compiledInterpreter(): Promise<unknown> {
  compiled ??= (async () => {
    const file = require.resolve('@micropython/micropython-webassembly-pyscript/micropython.wasm')
    const wasm = (
      globalThis as unknown as { WebAssembly: { compile(b: Buffer): Promise<unknown> } }
    ).WebAssembly
    return wasm.compile(readFileSync(file))
  })().catch(() => undefined)
  return compiled
}
