// The shell's own memory in the data directory (shell-state.json): one-time steps it took and
// where it last kept passwords. Small flags only; a file it cannot read counts as empty.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../core/util/atomic'

/** The file in the data directory that remembers the shell's own state. */
export const SHELL_STATE_FILE = 'shell-state.json'

/** What the shell remembers between starts. */
export interface ShellState {
  /** A start has shown the window already (the Linux first start). */
  windowShown?: boolean
  /** The tray app kept passwords in the sealed file (no keyring): move them when one appears. */
  sealedSecrets?: boolean
  [other: string]: unknown
}

/** The remembered state; empty when there is none or it cannot be read. */
export async function readShellState(dataDir: string): Promise<ShellState> {
  try {
    const parsed: unknown = JSON.parse(
      await fs.readFile(path.join(dataDir, SHELL_STATE_FILE), 'utf8')
    )
    return parsed && typeof parsed === 'object' ? (parsed as ShellState) : {}
  } catch {
    return {}
  }
}

/** Merges `patch` into the remembered state; throws when it cannot be written. */
export async function updateShellState(dataDir: string, patch: ShellState): Promise<void> {
  const next = { ...(await readShellState(dataDir)), ...patch }
  await writeFileAtomic(path.join(dataDir, SHELL_STATE_FILE), JSON.stringify(next))
}
