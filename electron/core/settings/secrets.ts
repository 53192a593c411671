import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeFileAtomic } from '../util/atomic'

/** Where passwords live: never settings.json. The tray app backs this with safeStorage. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

/**
 * Where the web host keeps its encryption key: the user's state directory, OUTSIDE the data
 * directory, so a copied, synced or shared data directory never carries a usable secret.
 */
export function defaultKeyFile(): string {
  if (process.env.PUENTE_KEY_FILE) return process.env.PUENTE_KEY_FILE
  const home = os.homedir()
  if (process.platform === 'win32')
    return path.join(
      process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'),
      'Puente',
      'state',
      'secret.key'
    )
  return path.join(
    process.env.XDG_STATE_HOME ?? path.join(home, '.local', 'state'),
    'puente',
    'secret.key'
  )
}

interface Sealed {
  v: 1
  iv: string
  tag: string
  data: string
}

/**
 * The web host's secret store (the tray app uses Electron's safeStorage instead). Secrets are
 * sealed with AES-256-GCM in `secrets.enc` in the data directory; the 32-byte key lives in a
 * separate file readable by its owner alone (mode 0600, folder 0700) in the user's state
 * directory. Without an OS keyring this cannot stop a program running as the same user, but no
 * file of the data directory ever holds a password in clear, and GCM detects tampering.
 * A `secrets.json` from an earlier version (plaintext) is sealed and removed on first read.
 */
export class FileSecretStore implements SecretStore {
  private readonly file: string
  private readonly legacyFile: string
  private cache: Record<string, string> | undefined
  private key: Buffer | undefined

  constructor(
    dataDir: string,
    private readonly keyFile = defaultKeyFile()
  ) {
    this.file = path.join(dataDir, 'secrets.enc')
    this.legacyFile = path.join(dataDir, 'secrets.json')
  }

  private async loadKey(): Promise<Buffer> {
    if (this.key) return this.key
    try {
      const hex = (await fs.readFile(this.keyFile, 'utf8')).trim()
      if (/^[0-9a-f]{64}$/.test(hex)) return (this.key = Buffer.from(hex, 'hex'))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    // first run (or an unusable key file): a fresh key; secrets sealed with another key are lost
    await fs.mkdir(path.dirname(this.keyFile), { recursive: true, mode: 0o700 })
    const key = randomBytes(32)
    await writeFileAtomic(this.keyFile, key.toString('hex') + '\n', 0o600)
    await fs.chmod(this.keyFile, 0o600)
    return (this.key = key)
  }

  private async read(): Promise<Record<string, string>> {
    if (this.cache) return this.cache
    let all: Record<string, string> = {}
    try {
      const sealed = JSON.parse(await fs.readFile(this.file, 'utf8')) as Sealed
      const decipher = createDecipheriv(
        'aes-256-gcm',
        await this.loadKey(),
        Buffer.from(sealed.iv, 'base64')
      )
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
      const plain = Buffer.concat([
        decipher.update(Buffer.from(sealed.data, 'base64')),
        decipher.final()
      ])
      const parsed: unknown = JSON.parse(plain.toString('utf8'))
      if (parsed && typeof parsed === 'object') all = parsed as Record<string, string>
    } catch {
      // missing, corrupt or sealed with a lost key: start empty (the user types the passwords again)
    }
    try {
      const legacy: unknown = JSON.parse(await fs.readFile(this.legacyFile, 'utf8'))
      if (legacy && typeof legacy === 'object') {
        all = { ...(legacy as Record<string, string>), ...all }
        await this.write(all)
      }
      await fs.rm(this.legacyFile, { force: true })
    } catch {
      // no plaintext file from an earlier version
    }
    this.cache = all
    return all
  }

  private async write(all: Record<string, string>): Promise<void> {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), iv)
    const data = Buffer.concat([cipher.update(JSON.stringify(all), 'utf8'), cipher.final()])
    const sealed: Sealed = {
      v: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64')
    }
    await writeFileAtomic(this.file, JSON.stringify(sealed), 0o600)
    await fs.chmod(this.file, 0o600)
    this.cache = all
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.read())[key]
  }

  /** Every secret by key: the tray app moves them into the OS keyring once one is there. */
  async entries(): Promise<Record<string, string>> {
    return { ...(await this.read()) }
  }

  async set(key: string, value: string): Promise<void> {
    await this.write({ ...(await this.read()), [key]: value })
  }

  async delete(key: string): Promise<void> {
    const rest = withoutKey(await this.read(), key)
    if (rest) await this.write(rest)
  }
}

/**
 * A store's records without `key`, or undefined when it was not there (nothing to write): the
 * read-modify-write of every SecretStore's delete.
 */
export function withoutKey(
  all: Readonly<Record<string, string>>,
  key: string
): Record<string, string> | undefined {
  if (!(key in all)) return undefined
  const rest = { ...all }
  delete rest[key]
  return rest
}
