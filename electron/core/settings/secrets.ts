import { promises as fs } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../util/atomic'

/** Where passwords live: never settings.json. The tray app backs this with safeStorage. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

/** The web host's secret store: a JSON file in the data directory readable by its owner alone. */
export class FileSecretStore implements SecretStore {
  private readonly file: string
  private cache: Record<string, string> | undefined

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.json')
  }

  private async read(): Promise<Record<string, string>> {
    if (this.cache) return this.cache
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'))
      this.cache = parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
    } catch {
      this.cache = {}
    }
    return this.cache
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.read())[key]
  }

  async set(key: string, value: string): Promise<void> {
    const all = { ...(await this.read()), [key]: value }
    await writeFileAtomic(this.file, JSON.stringify(all), 0o600)
    await fs.chmod(this.file, 0o600)
    this.cache = all
  }

  async delete(key: string): Promise<void> {
    const all = { ...(await this.read()) }
    delete all[key]
    await writeFileAtomic(this.file, JSON.stringify(all), 0o600)
    this.cache = all
  }
}
