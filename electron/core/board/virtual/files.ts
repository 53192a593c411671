import { promises as fs, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { zipSync } from 'fflate'
import * as v from 'valibot'
import { BoardFilePathSchema, type VirtualFile } from '../../../contract'
import { writeFileAtomic } from '../../util/atomic'
import { problem, PuenteError } from '../../util/problem'
import { starterMain } from './starter'

/** More files than a class's board ever has: the listing (and the zip) stop there. */
const MAX_FILES = 2000
/** A zip larger than an ESP32's flash is not a board's folder any more. */
const MAX_EXPORT_BYTES = 16 * 1024 * 1024

/** `<data dir>/boards/<name>/`: the app's folder for the virtual board called `name`. */
export function boardDirFor(dataDir: string, name: string): string {
  return path.join(dataDir, 'boards', name || 'clase')
}

/**
 * The virtual board's flash: one folder, every path relative to it and checked twice (the
 * contract's schema, then the resolved path, symlinks included) so nothing outside is touched.
 */
export class BoardFolder {
  private constructor(readonly dir: string) {}

  /** A folder given on the command line: it must exist (the caller exits with the reason). */
  static async existing(dir: string): Promise<BoardFolder> {
    const abs = path.resolve(dir)
    const info = await fs.stat(abs).catch(() => undefined)
    if (!info?.isDirectory())
      throw new PuenteError(
        problem('board-dir-missing', `board folder missing: ${abs}`, { dir: abs })
      )
    return new BoardFolder(await fs.realpath(abs))
  }

  /** The app's own folder for a board: created with a starter main.py and lib/ the first time. */
  static async ensure(dir: string, broker: { host: string; port: number }): Promise<BoardFolder> {
    const abs = path.resolve(dir)
    // an empty folder is a new board; one with files is the class's, left as it is
    const fresh = !(await fs.readdir(abs).catch(() => [])).length
    await fs.mkdir(path.join(abs, 'lib'), { recursive: true })
    if (fresh)
      await writeFileAtomic(path.join(abs, 'main.py'), starterMain(broker.host, broker.port))
    return new BoardFolder(await fs.realpath(abs))
  }

  /** The absolute path of `rel`, or a refusal in words when it would leave the folder. */
  async resolve(rel: string): Promise<string> {
    const parsed = v.safeParse(BoardFilePathSchema, rel)
    if (!parsed.success) throw outside(rel, parsed.issues[0].message)
    const abs = path.resolve(this.dir, parsed.output)
    if (!inside(this.dir, abs)) throw outside(rel, 'it is outside the board folder')
    // the deepest part that exists must still be inside once symlinks are followed
    let probe = abs
    while (!(await fs.lstat(probe).catch(() => undefined))) probe = path.dirname(probe)
    const real = await fs.realpath(probe)
    if (!inside(this.dir, real) && real !== this.dir)
      throw outside(rel, 'it leads outside the board folder')
    return abs
  }

  /** Every file, recursively, as relative paths with size and time (symlinks are skipped). */
  async list(): Promise<VirtualFile[]> {
    const out: VirtualFile[] = []
    const walk = async (dir: string): Promise<void> => {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
      entries.sort((a, b) => a.name.localeCompare(b.name))
      for (const e of entries) {
        if (out.length >= MAX_FILES) return
        const abs = path.join(dir, e.name)
        if (e.isDirectory()) await walk(abs)
        else if (e.isFile() && !/\.tmp-\d+-\d+$/.test(e.name)) {
          const info = await fs.stat(abs).catch(() => undefined)
          if (!info) continue
          const rel = path.relative(this.dir, abs).split(path.sep).join('/')
          out.push({ path: rel, bytes: info.size, modified: info.mtime.toISOString() })
        }
      }
    }
    await walk(this.dir)
    return out
  }

  /** A file's text (what the editor opens). */
  async read(rel: string): Promise<string> {
    const abs = await this.resolve(rel)
    try {
      return await fs.readFile(abs, 'utf8')
    } catch (err) {
      throw missing(rel, err)
    }
  }

  /** Saves a file atomically (the old or the new text, never half), creating its folders. */
  async write(rel: string, text: string): Promise<VirtualFile[]> {
    const abs = await this.resolve(rel)
    const info = await fs.stat(abs).catch(() => undefined)
    if (info?.isDirectory()) throw isFolder(rel)
    await writeFileAtomic(abs, text)
    return this.list()
  }

  /** Renames (or moves into a subfolder) a file; the target must not exist yet. */
  async rename(from: string, to: string): Promise<VirtualFile[]> {
    const src = await this.resolve(from)
    const dst = await this.resolve(to)
    if (!(await fs.lstat(src).catch(() => undefined))) throw missing(from)
    if (await fs.lstat(dst).catch(() => undefined))
      throw new PuenteError(
        problem('board-file-exists', `A file called ${to} already exists on the board.`, {
          path: to
        })
      )
    await fs.mkdir(path.dirname(dst), { recursive: true })
    await fs.rename(src, dst)
    return this.list()
  }

  /** Deletes a file (or a folder with everything in it, such as lib/umqtt). */
  async delete(rel: string): Promise<VirtualFile[]> {
    const abs = await this.resolve(rel)
    if (!(await fs.lstat(abs).catch(() => undefined))) throw missing(rel)
    await fs.rm(abs, { recursive: true, force: true })
    return this.list()
  }

  /** The whole folder as a zip, base64, named after the folder. */
  async exportZip(): Promise<{ filename: string; base64: string }> {
    const files: Record<string, Uint8Array> = {}
    let total = 0
    for (const f of await this.list()) {
      total += f.bytes
      if (total > MAX_EXPORT_BYTES)
        throw new PuenteError(
          problem('board-export-too-large', 'The board folder is larger than 16 MB.', {
            bytes: total
          })
        )
      files[f.path] = await fs.readFile(path.join(this.dir, f.path))
    }
    const zip = zipSync(files, { level: 6 })
    return {
      filename: `${path.basename(this.dir)}.zip`,
      base64: Buffer.from(zip).toString('base64')
    }
  }
}

function inside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

function outside(rel: string, why: string): PuenteError {
  return new PuenteError(
    problem('board-file-outside', `The file "${rel}" cannot be used: ${why}.`, {
      path: rel,
      reason: why
    })
  )
}

function missing(rel: string, err?: unknown): PuenteError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EISDIR') return isFolder(rel)
  return new PuenteError(
    problem('board-file-missing', `There is no file called ${rel} on the board.`, { path: rel })
  )
}

function isFolder(rel: string): PuenteError {
  return new PuenteError(
    problem('board-file-folder', `${rel} is a folder, not a file.`, { path: rel })
  )
}

/** Puente's firmware files, shown read-only. */
export function firmwareListing(dir: string): VirtualFile[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .map((f) => {
        const info = statSync(path.join(dir, f))
        return { path: f, bytes: info.size, modified: info.mtime.toISOString() }
      })
  } catch {
    return []
  }
}
