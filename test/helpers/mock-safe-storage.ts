import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SafeStorageLike } from '../../electron/main/secrets'

/**
 * A mock of Electron's safeStorage (no Electron runtime here): real AES-256-GCM under a key that
 * lives only in this process, like a keychain's, so "nothing in clear on disk" is tested for
 * real; and the backend Linux would report (null: not Linux, where Electron throws).
 */
export class MockElectronSafeStorage implements SafeStorageLike {
  private readonly key = randomBytes(32)
  constructor(
    private readonly backend: string | null = 'gnome_libsecret',
    private readonly available = true
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available
  }
  getSelectedStorageBackend(): string {
    if (this.backend === null) throw new Error('Linux only')
    return this.backend
  }
  encryptString(plainText: string): Buffer {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([c.update(plainText, 'utf8'), c.final()])
    return Buffer.concat([iv, c.getAuthTag(), body])
  }
  decryptString(encrypted: Buffer): string {
    const d = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12))
    d.setAuthTag(encrypted.subarray(12, 28))
    return Buffer.concat([d.update(encrypted.subarray(28)), d.final()]).toString('utf8')
  }
}

/** The password the secrets specs keep: accents and a symbol, as a teacher's would have. */
export const PASSWORD = 'contraseña-de-clase-Ñ7!'
