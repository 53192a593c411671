// Passwords in the tray app: encrypted by the OS keychain through Electron's safeStorage, and
// only the ciphertext written to disk. safeStorage comes in as a parameter, so the store is
// tested in Node.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { SecretStore } from '../core/settings/secrets'
import { writeFileAtomic } from '../core/util/atomic'
import { problem, PuenteError } from '../core/util/problem'

/** The part of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

/** The file, in the data directory, holding base64 ciphertexts by key. */
export const SAFE_SECRETS_FILE = 'secrets.safe.json'

/** SecretStore backed by safeStorage: `secrets.safe.json` holds ciphertext only, owner-only. */
export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string
  private cache: Record<string, string> | undefined

  constructor(
    dataDir: string,
    private readonly safe: SafeStorageLike
  ) {
    this.file = path.join(dataDir, SAFE_SECRETS_FILE)
  }

  private async read(): Promise<Record<string, string>> {
    if (this.cache) return this.cache
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'))
      this.cache =
        parsed && typeof parsed === 'object' ? { ...(parsed as Record<string, string>) } : {}
    } catch {
      this.cache = {}
    }
    return this.cache
  }

  private async write(all: Record<string, string>): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(all), 0o600)
    await fs.chmod(this.file, 0o600)
    this.cache = all
  }

  /** The password, or undefined when none is saved or this computer's keychain cannot open it. */
  async get(key: string): Promise<string | undefined> {
    const cipher = (await this.read())[key]
    if (cipher === undefined || !this.safe.isEncryptionAvailable()) return undefined
    try {
      return this.safe.decryptString(Buffer.from(cipher, 'base64'))
    } catch {
      // saved under another OS user or keychain: as if none were saved, the user types it again
      return undefined
    }
  }

  async set(key: string, value: string): Promise<void> {
    if (!this.safe.isEncryptionAvailable()) {
      throw new PuenteError(
        problem(
          'secrets-unavailable',
          'The password was not saved: this computer offers no encrypted storage for it (on Linux, a keyring such as GNOME Keyring or KWallet). Start a keyring, or use the web host, which keeps it in a file only you can read.'
        )
      )
    }
    const cipher = this.safe.encryptString(value).toString('base64')
    await this.write({ ...(await this.read()), [key]: cipher })
  }

  async delete(key: string): Promise<void> {
    const all = { ...(await this.read()) }
    if (!(key in all)) return
    delete all[key]
    await this.write(all)
  }
}
