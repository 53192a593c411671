import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { tempDir } from './tmp'

/** A small real filesystem of its own (tmpfs), to fill up or make read-only. */
export interface SmallDisk {
  dir: string
  /** Makes it read-only (true) or writable again (false). */
  readOnly(ro: boolean): void
  unmount(): void
}

/** Mounts a tmpfs of `kb` KiB on a fresh temporary directory (needs root, as in our sandbox). */
export function mountTmpfs(kb: number): SmallDisk {
  const dir = tempDir('puente-disk-')
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir])
  return {
    dir,
    readOnly: (ro) => execFileSync('mount', ['-o', `remount,${ro ? 'ro' : 'rw'}`, dir]),
    unmount: () => execFileSync('umount', ['-l', dir])
  }
}

/**
 * Why a test of a full or read-only disk cannot run here (mounting needs root), or undefined.
 * Under PUENTE_STRICT=1 (CI) that is a failure, never a skip.
 */
export function cannotMount(): string | undefined {
  try {
    mountTmpfs(64).unmount()
    return undefined
  } catch (err) {
    const reason = `mounting a tmpfs needs root: ${(err as Error).message.split('\n')[0]}`
    if (process.env.PUENTE_STRICT === '1') throw new Error(`PUENTE_STRICT=1: ${reason}`)
    return reason
  }
}

/** Fills the disk but `leave` bytes with a file of its own; returns its path. */
export function fill(dir: string, leave: number): string {
  const filler = path.join(dir, 'relleno')
  const info = fs.statfsSync(dir)
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, info.bavail * info.bsize - leave)))
  return filler
}
