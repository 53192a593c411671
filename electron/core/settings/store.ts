import { promises as fs } from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import { SettingsSchema, type Problem, type Settings } from '../../contract'
import { writeFileAtomic } from '../util/atomic'
import { problem } from '../util/problem'

export interface LoadedSettings {
  settings: Settings
  /** Set when the file on disk could not be used and was put aside. */
  problem?: Problem
}

/** The defaults, as a fresh install has them. */
export function defaultSettings(): Settings {
  return v.parse(SettingsSchema, {})
}

/** Merges `patch` into `base` one level deep per section (settings are two levels at most). */
export function mergeSettings(base: Settings, patch: Record<string, unknown>): Settings {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    const old = merged[key]
    merged[key] =
      old &&
      typeof old === 'object' &&
      !Array.isArray(old) &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
        ? { ...old, ...value }
        : value
  }
  return v.parse(SettingsSchema, merged)
}

/** settings.json in the data directory: validated on load, written atomically, never lost. */
export class SettingsStore {
  readonly file: string

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, 'settings.json')
  }

  /** Reads the file; a corrupt one is kept as settings.json.bad-<time> and defaults are used. */
  async load(): Promise<LoadedSettings> {
    let text: string | undefined
    let reason: string
    try {
      text = await fs.readFile(this.file, 'utf8')
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return { settings: defaultSettings() }
      if (code !== 'EISDIR') throw err
    }
    if (text === undefined) reason = 'it is a directory, not a file'
    else
      try {
        const raw: unknown = JSON.parse(text)
        // valibot's object schema takes an array for an object: only a plain object is settings
        if (!raw || typeof raw !== 'object' || Array.isArray(raw))
          throw new Error(`it holds ${Array.isArray(raw) ? 'a list' : String(raw)}, not settings`)
        const parsed = v.safeParse(SettingsSchema, raw)
        if (parsed.success) return { settings: parsed.output }
        const issue = parsed.issues[0]
        reason = `${v.getDotPath(issue) ?? 'settings'}: ${issue.message}`
      } catch (err) {
        reason = (err as Error).message
      }
    const aside = `${this.file}.bad-${new Date().toISOString().replace(/[:.]/g, '-')}`
    await fs.rename(this.file, aside)
    return {
      settings: defaultSettings(),
      problem: problem(
        'settings-corrupt',
        `The settings file could not be read (${reason}). It was kept as ${path.basename(aside)} and the defaults are in use.`,
        { file: aside, reason }
      )
    }
  }

  /** Saves the settings atomically (temp file + rename). */
  async save(settings: Settings): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(settings, null, 2) + '\n')
  }
}
