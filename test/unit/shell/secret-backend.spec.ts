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
import { readShellState } from '../../../electron/main/shell-state'
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

describe('no password lost when the keyring comes and goes', () => {
  /** secrets.safe.json as the keys it holds. */
  const safeKeys = (data: string): string[] =>
    Object.keys(JSON.parse(readFileSync(path.join(data, SAFE_SECRETS_FILE), 'utf8')) as object)

  it('keeps in secrets.safe.json what it cannot open, and brings it all back with the keyring', async () => {
    const data = dir()
    const keyFile = path.join(dir(), 'secret.key')
    // 'profile.a' was saved while GNOME Keyring ran, 'mqtt' by an earlier basic_text start
    const keyring = new MockElectronSafeStorage('gnome_libsecret')
    const basic = new MockElectronSafeStorage('basic_text')
    await new SafeStorageSecretStore(data, keyring).set('profile.a', 'clave-a')
    await new SafeStorageSecretStore(data, basic).set('mqtt', PASSWORD)

    // a session without the keyring: 'mqtt' moves to the sealed file, 'profile.a' is kept
    const without = await openSecretStore(data, 'linux', basic, keyFile)
    expect(await without.store.get('mqtt')).toBe(PASSWORD)
    expect(safeKeys(data)).toEqual(['profile.a'])
    await without.store.set('class', 'clave-clase') // typed while the keyring was away
    expect((await readShellState(data)).sealedSecrets).toBe(true)
    // another start without it: still kept, still unreadable here, nothing lost
    await openSecretStore(data, 'linux', basic, keyFile)
    expect(safeKeys(data)).toEqual(['profile.a'])

    // the keyring runs again: every password is there, and the sealed file holds none now
    const back = await openSecretStore(data, 'linux', keyring, keyFile)
    expect(back.store).toBeInstanceOf(SafeStorageSecretStore)
    expect(await back.store.get('profile.a')).toBe('clave-a')
    expect(await back.store.get('mqtt')).toBe(PASSWORD)
    expect(await back.store.get('class')).toBe('clave-clase')
    expect(safeKeys(data).sort()).toEqual(['class', 'mqtt', 'profile.a'])
    expect(await new FileSecretStore(data, keyFile).entries()).toEqual({})
    expect((await readShellState(data)).sealedSecrets).toBe(false)
    expect(readFileSync(path.join(data, SAFE_SECRETS_FILE), 'utf8')).not.toContain(PASSWORD)
  })

  it('a password changed while the keyring was away wins over the old one kept for it', async () => {
    const data = dir()
    const keyFile = path.join(dir(), 'secret.key')
    const keyring = new MockElectronSafeStorage('gnome_libsecret')
    const basic = new MockElectronSafeStorage('basic_text')
    await new SafeStorageSecretStore(data, keyring).set('mqtt', 'vieja')
    const without = await openSecretStore(data, 'linux', basic, keyFile)
    await without.store.set('mqtt', 'nueva')
    await openSecretStore(data, 'linux', basic, keyFile)
    const back = await openSecretStore(data, 'linux', keyring, keyFile)
    expect(await back.store.get('mqtt')).toBe('nueva')
  })

  it("never takes the web host's sealed passwords when the tray app did not use that file", async () => {
    const data = dir()
    const keyFile = path.join(dir(), 'secret.key')
    await new FileSecretStore(data, keyFile).set('mqtt', 'del-servidor-web')
    const { store } = await openSecretStore(
      data,
      'linux',
      new MockElectronSafeStorage('gnome_libsecret'),
      keyFile
    )
    expect(await store.get('mqtt')).toBeUndefined()
    expect(await new FileSecretStore(data, keyFile).get('mqtt')).toBe('del-servidor-web')
  })
})
