import fs from 'node:fs'
import path from 'node:path'
import { problem, PuenteError } from './util/problem'

/**
 * Checks at start that Puente may write in its data directory: a read-only one would otherwise
 * pass for "in use by another Puente" (the broker store's lock) or fail at the first message.
 * A full disk is not refused here: the log stops and resumes by itself.
 */
export function checkDataDir(dir: string, flag = '--data-dir'): void {
  const probe = path.join(dir, `.puente-write-test-${process.pid}`)
  try {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(probe, '')
    fs.rmSync(probe, { force: true })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EROFS')
      throw new PuenteError(
        problem(
          'data-dir-read-only',
          `${flag} ${dir} is read-only: Puente keeps its settings and traffic log there. Choose a writable directory with ${flag}.`,
          { dir }
        )
      )
    if (code === 'EACCES' || code === 'EPERM')
      throw new PuenteError(
        problem(
          'data-dir-not-writable',
          `${flag} ${dir} is not writable by this user: Puente keeps its settings and traffic log there. Choose another with ${flag}.`,
          { dir }
        )
      )
  }
}
