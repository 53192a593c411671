// Where the tray app keeps passwords per desktop: safeStorage where it encrypts for real, the
// web host's sealed file (0600 key) where Linux offers only `basic_text`, and nothing lost when
// an earlier start had used `basic_text`.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileSecretStore } from '../../../electron/core/settings/secrets'
import {
  chooseSecretBackend,
  openSecretStore,
  SAFE_SECRETS_FILE,
  SafeStorageSecretStore
} from '../../../electron/main/secrets'
import { MockElectronSafeStorage, PASSWORD } from '../../helpers/mock-safe-storage'
import { tempDir } from '../../helpers/tmp'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const dir = (): string => {
  const d = tempDir()
  dirs.push(d)
  return d
}

describe('choosing where passwords live', () => {
  it('Linux with a keyring (libsecret, KWallet): safeStorage, no notice', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6'])
      expect(chooseSecretBackend('linux', new MockElectronSafeStorage(backend))).toEqual({
        backend: 'safe-storage',
        notice: false
      })
  })

  it('Linux on basic_text: the sealed file, and the window says so', () => {
    expect(chooseSecretBackend('linux', new MockElectronSafeStorage('basic_text'))).toEqual({
      backend: 'sealed-file',
      notice: true
    })
  })

  it('macOS and Windows: safeStorage (the backend question is Linux-only and not asked)', () => {
    for (const platform of ['darwin', 'win32'] as const)
      expect(chooseSecretBackend(platform, new MockElectronSafeStorage(null))).toEqual({
        backend: 'safe-storage',
        notice: false
      })
  })

  it('no encryption at all, anywhere: the sealed file rather than refusing to save', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      expect(
        chooseSecretBackend(platform, new MockElectronSafeStorage('gnome_libsecret', false))
      ).toEqual({ backend: 'sealed-file', notice: true })
  })
})

describe('opening the store', () => {
  it('on basic_text, the password goes into the sealed file with an owner-only key', async () => {
    const data = dir()
    const keyFile = path.join(dir(), 'state', 'secret.key')
    const { store, notice } = await openSecretStore(
      data,
      'linux',
      new MockElectronSafeStorage('basic_text'),
      keyFile
    )
    expect(notice).toBe(true)
    expect(store).toBeInstanceOf(FileSecretStore)
    await store.set('mqtt', PASSWORD)
    expect(await store.get('mqtt')).toBe(PASSWORD)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    for (const f of readdirSync(data))
      expect(readFileSync(path.join(data, f), 'utf8'), f).not.toContain(PASSWORD)
  })

  it('moves passwords an earlier basic_text start left in secrets.safe.json', async () => {
    const data = dir()
    const keyFile = path.join(dir(), 'secret.key')
    const safe = new MockElectronSafeStorage('basic_text')
    // an earlier version saved through safeStorage whatever its backend
    await new SafeStorageSecretStore(data, safe).set('mqtt', PASSWORD)
    expect(existsSync(path.join(data, SAFE_SECRETS_FILE))).toBe(true)
    const { store } = await openSecretStore(data, 'linux', safe, keyFile)
    expect(await store.get('mqtt')).toBe(PASSWORD)
    expect(existsSync(path.join(data, SAFE_SECRETS_FILE))).toBe(false)
    // and a second start finds it in the sealed file
    const again = await openSecretStore(data, 'linux', safe, keyFile)
    expect(await again.store.get('mqtt')).toBe(PASSWORD)
  })

  it('with a keyring, safeStorage keeps only ciphertext on disk', async () => {
    const data = dir()
    const { store, notice } = await openSecretStore(
      data,
      'linux',
      new MockElectronSafeStorage('gnome_libsecret')
    )
    expect(notice).toBe(false)
    expect(store).toBeInstanceOf(SafeStorageSecretStore)
    await store.set('mqtt', PASSWORD)
    expect(readFileSync(path.join(data, SAFE_SECRETS_FILE), 'utf8')).not.toContain(PASSWORD)
  })
})
