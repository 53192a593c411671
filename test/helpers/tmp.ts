import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A fresh temporary directory (a data directory for one test). */
export function tempDir(prefix = 'puente-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}
