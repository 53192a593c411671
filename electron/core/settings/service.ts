import { randomBytes } from 'node:crypto'
import type { Problem, Settings, SettingsPatch } from '../../contract'
import type { SecretStore } from './secrets'
import { mergeSettings, SettingsStore } from './store'

/** Settings given on the command line: they win for this run, and are not saved. */
export type SettingsOverrides = {
  [K in keyof Settings]?: Settings[K] extends object ? Partial<Settings[K]> : Settings[K]
}

/** The secret-store key of the MQTT link's password. */
export const PASSWORD_KEY = 'mqtt.password'

/** A broker entry's password as a change leaves it (the MQTT link's, or a profile's). */
export interface PasswordChange {
  /** Its secret-store key. */
  key: string
  /** A password is saved for it now. */
  had: boolean
  /** The change gives the entry another broker address. */
  newUrl: boolean
  /** The password typed with the change ('' clears it), or undefined when none was typed. */
  typed: string | undefined
}

/**
 * Stores, clears or keeps one broker entry's password; returns whether one is saved after.
 * A password typed for one broker never follows a new URL: it must be typed again.
 */
export async function passwordAfter(secrets: SecretStore, c: PasswordChange): Promise<boolean> {
  if (c.typed !== undefined) {
    if (c.typed) await secrets.set(c.key, c.typed)
    else await secrets.delete(c.key)
    return c.typed !== ''
  }
  if (c.newUrl && c.had) {
    await secrets.delete(c.key)
    return false
  }
  return c.had
}

/**
 * The settings in force: the saved ones (settings.json), this run's command-line overrides on
 * top, and the secret store for the passwords that never go in the file.
 */
export class SettingsService {
  private saved!: Settings
  private effective: Settings | undefined
  private readonly store: SettingsStore

  constructor(
    dataDir: string,
    readonly secrets: SecretStore,
    private readonly overrides: SettingsOverrides,
    /** Told after every saved change, with the settings then in force. */
    private readonly changed: (settings: Settings) => void
  ) {
    this.store = new SettingsStore(dataDir)
  }

  /** Reads settings.json (a corrupt one is put aside: its problem is returned) and names the client. */
  async load(): Promise<Problem | undefined> {
    const loaded = await this.store.load()
    this.setSaved(loaded.settings)
    if (!this.saved.mqtt.clientId) {
      const clientId = `puente-${randomBytes(3).toString('hex')}`
      this.setSaved(mergeSettings(this.saved, { mqtt: { clientId } }))
      await this.store.save(this.saved)
    }
    return loaded.problem
  }

  /** The saved settings with this run's command-line overrides on top. */
  get current(): Settings {
    // computed once per change: services read it for every message
    return (this.effective ??= mergeSettings(this.saved, this.overrides))
  }

  /** The MQTT link's saved password, when it has one. */
  async mqttPassword(): Promise<string | undefined> {
    return this.current.mqtt.hasPassword ? await this.secrets.get(PASSWORD_KEY) : undefined
  }

  /** Applies and saves a window's change (its password to the secret store); returns the settings before. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const { password, ...rest } = patch
    const before = this.current
    const mqttPatch: Record<string, unknown> = { ...rest.mqtt }
    const had = before.mqtt.hasPassword
    const hasPassword = await passwordAfter(this.secrets, {
      key: PASSWORD_KEY,
      had,
      newUrl: rest.mqtt?.url !== undefined && rest.mqtt.url !== before.mqtt.url,
      typed: password
    })
    if (hasPassword !== had || password !== undefined) mqttPatch.hasPassword = hasPassword
    const applied = { ...rest, mqtt: mqttPatch }
    const next = mergeSettings(this.saved, applied)
    this.dropOverrides(applied)
    this.setSaved(next)
    await this.store.save(next)
    this.changed(this.current)
    return before
  }

  /** Remembers a topic the user published on, for the publish form's suggestions. */
  async rememberTopic(topic: string): Promise<void> {
    const old = this.saved.mqtt.recentTopics
    const recent = [topic, ...old.filter((t) => t !== topic)].slice(0, 10)
    if (recent.join('\n') === old.join('\n')) return
    this.setSaved(mergeSettings(this.saved, { mqtt: { recentTopics: recent } }))
    await this.store.save(this.saved)
    this.changed(this.current)
  }

  /** What the window set now wins over this run's command-line flags. */
  private dropOverrides(applied: Record<string, unknown>): void {
    const overrides = this.overrides as Record<string, unknown>
    for (const [section, value] of Object.entries(applied)) {
      const o = overrides[section]
      if (o && typeof o === 'object' && value && typeof value === 'object') {
        for (const k of Object.keys(value)) delete (o as Record<string, unknown>)[k]
      } else if (value !== undefined) delete overrides[section]
    }
  }

  private setSaved(next: Settings): void {
    this.saved = next
    this.effective = undefined
  }
}
