// Passwords in the tray app: encrypted by the OS keychain through Electron's safeStorage, and
// only the ciphertext written to disk; where Linux offers no keyring (safeStorage's `basic_text`
// backend, which protects nothing), the web host's sealed file instead. safeStorage comes in as a
// parameter, so the stores and the choice are tested in Node.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { FileSecretStore, withoutKey, type SecretStore } from '../core/settings/secrets'
import { writeFileAtomic } from '../core/util/atomic'
import { problem, PuenteError } from '../core/util/problem'
import { readShellState, updateShellState } from './shell-state'

/** The part of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: which keyring safeStorage uses ('basic_text' is a fixed key, no protection). */
  getSelectedStorageBackend?(): string
}

/** The Problem code of the notice that says passwords live in the sealed file. */
export const SEALED_SECRETS_CODE = 'shell-secrets-basic-text'

/**
 * Where the tray app keeps passwords: safeStorage when it really encrypts, else the sealed file
 * with a 0600 key (Linux without GNOME Keyring or KWallet); `notice` when the window should say so.
 */
export function chooseSecretBackend(
  platform: NodeJS.Platform,
  safe: SafeStorageLike
): { backend: 'safe-storage' | 'sealed-file'; notice: boolean } {
  const weak =
    !safe.isEncryptionAvailable() ||
    (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text')
  return weak
    ? { backend: 'sealed-file', notice: true }
    : { backend: 'safe-storage', notice: false }
}

/**
 * The secret store for this computer, with no password lost when the backend changes: passwords
 * left in secrets.safe.json are moved into the sealed file when the keyring is gone (those it
 * cannot open stay there for when it is back), and the sealed file's move back into the keyring
 * once there is one.
 */
export async function openSecretStore(
  dataDir: string,
  platform: NodeJS.Platform,
  safe: SafeStorageLike,
  keyFile?: string
): Promise<{ store: SecretStore; notice: boolean }> {
  const { backend, notice } = chooseSecretBackend(platform, safe)
  if (backend === 'safe-storage') {
    const store = new SafeStorageSecretStore(dataDir, safe)
    await intoSafeStorage(dataDir, store, keyFile)
    return { store, notice }
  }
  const store = new FileSecretStore(dataDir, keyFile)
  // remembered first: from now on the sealed file holds the tray app's passwords (a data dir
  // that cannot be written stops the core's start with its own words)
  await updateShellState(dataDir, { sealedSecrets: true }).catch(() => undefined)
  await intoSealedFile(dataDir, store, safe)
  return { store, notice }
}

/**
 * Moves what secrets.safe.json holds into the sealed file. A password the sealed file has
 * already was set there since (the newer one); one safeStorage cannot open now (saved under a
 * keyring that is not running) stays in secrets.safe.json, never deleted.
 */
async function intoSealedFile(
  dataDir: string,
  sealed: FileSecretStore,
  safe: SafeStorageLike
): Promise<void> {
  const file = path.join(dataDir, SAFE_SECRETS_FILE)
  let saved: Record<string, string>
  try {
    saved = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, string>
  } catch {
    return
  }
  const newer = await sealed.entries()
  const kept: Record<string, string> = {}
  for (const [key, cipher] of Object.entries(saved)) {
    if (key in newer) continue
    try {
      await sealed.set(key, safe.decryptString(Buffer.from(cipher, 'base64')))
    } catch {
      kept[key] = cipher
    }
  }
  if (Object.keys(kept).length) await writeFileAtomic(file, JSON.stringify(kept), 0o600)
  else await fs.rm(file, { force: true })
}

/**
 * Moves the passwords the tray app kept in the sealed file (while it had no keyring) into
 * safeStorage; they are newer than any in secrets.safe.json. Only after such a time: the web
 * host's own sealed passwords are never taken. One that cannot be moved stays sealed, and is
 * tried again at the next start.
 */
async function intoSafeStorage(
  dataDir: string,
  store: SafeStorageSecretStore,
  keyFile?: string
): Promise<void> {
  if (!(await readShellState(dataDir)).sealedSecrets) return
  const sealed = new FileSecretStore(dataDir, keyFile)
  let left = 0
  for (const [key, value] of Object.entries(await sealed.entries())) {
    try {
      await store.set(key, value)
      await sealed.delete(key)
    } catch {
      left++
    }
  }
  if (!left) await updateShellState(dataDir, { sealedSecrets: false })
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
    const rest = withoutKey(await this.read(), key)
    if (rest) await this.write(rest)
  }
}
