import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * Finds one of Puente's resource folders (`resources/<name>` in the source tree and the built
 * app, `<name>` beside a packaged app's resources) by a file it must hold.
 */
export function resourceDir(name: string, marker: string): string {
  const roots = [
    __dirname,
    process.cwd(),
    (process as { resourcesPath?: string }).resourcesPath ?? ''
  ]
  for (const root of roots) {
    let dir = root
    for (let i = 0; dir && i < 7; i++) {
      for (const candidate of [path.join(dir, 'resources', name), path.join(dir, name)])
        if (existsSync(path.join(candidate, marker))) return candidate
      dir = path.dirname(dir)
    }
  }
  throw new Error(`resources/${name} is missing from this installation`)
}
