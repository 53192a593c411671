// Passwords in the tray app: only ciphertext on disk, owner-only, never in
// settings.json, never sent to a window (Electron's safeStorage mocked: no runtime here).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Puente as Hub } from '../../../electron/core/puente'
import { PuenteError } from '../../../electron/core/util/problem'
import { SAFE_SECRETS_FILE, SafeStorageSecretStore } from '../../../electron/main/secrets'
import { startPuente } from '../../../electron/core/puente'
import { tempDir } from '../../helpers/hub'
import { freePort } from '../../helpers/ports'
import { MockElectronSafeStorage, PASSWORD } from '../../helpers/mock-safe-storage'

/** Every file under `dir`, with its bytes. */
function allFiles(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory()
      ? allFiles(full)
      : [{ file: full, bytes: readFileSync(full) }]
  })
}

describe('SafeStorageSecretStore', () => {
  it('keeps the password as ciphertext in an owner-only file and gives it back', async () => {
    const dir = tempDir()
    const safe = new MockElectronSafeStorage()
    const store = new SafeStorageSecretStore(dir, safe)
    await store.set('mqtt.password', PASSWORD)
    const file = path.join(dir, SAFE_SECRETS_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD)
    expect(await store.get('mqtt.password')).toBe(PASSWORD)
    // a fresh store (the next start of the app) reads it back through the keychain
    expect(await new SafeStorageSecretStore(dir, safe).get('mqtt.password')).toBe(PASSWORD)
    await store.delete('mqtt.password')
    expect(await new SafeStorageSecretStore(dir, safe).get('mqtt.password')).toBeUndefined()
  })

  it('without a keychain a password is refused in words, and nothing is written', async () => {
    const dir = tempDir()
    const store = new SafeStorageSecretStore(
      dir,
      new MockElectronSafeStorage('gnome_libsecret', false)
    )
    const err = await store.set('mqtt.password', PASSWORD).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PuenteError)
    expect((err as PuenteError).problem.code).toBe('secrets-unavailable')
    expect((err as PuenteError).message).toMatch(/keyring/)
    expect(allFiles(dir)).toEqual([])
    expect(await store.get('mqtt.password')).toBeUndefined()
  })

  it('a ciphertext from another keychain reads as no password, not as a crash', async () => {
    const dir = tempDir()
    await new SafeStorageSecretStore(dir, new MockElectronSafeStorage()).set(
      'mqtt.password',
      PASSWORD
    )
    expect(
      await new SafeStorageSecretStore(dir, new MockElectronSafeStorage()).get('mqtt.password')
    ).toBeUndefined()
  })
})

describe('passwords through the core with safeStorage', () => {
  let hub: Hub | undefined
  afterEach(async () => {
    await hub?.stop()
    hub = undefined
  })

  it('no file of the data directory holds the password in clear, and no window receives it', async () => {
    const dir = tempDir()
    // the core as the tray app starts it, with its secrets in safeStorage
    hub = await startPuente({
      dataDir: dir,
      host: 'electron',
      version: 'test',
      secrets: new SafeStorageSecretStore(dir, new MockElectronSafeStorage()),
      overrides: { broker: { port: await freePort(), wsPort: await freePort() } }
    })
    const r = await hub.invoke('settings:update', {
      mqtt: { username: 'profe' },
      password: PASSWORD
    })
    expect(r.ok).toBe(true)
    expect(JSON.stringify(r)).not.toContain(PASSWORD)
    const snap = await hub.invoke('app:get-snapshot', {})
    expect(snap.ok && JSON.stringify(snap.value)).not.toContain(PASSWORD)
    expect(hub.settings.mqtt.hasPassword).toBe(true)
    await hub.stop()
    hub = undefined
    const files = allFiles(dir)
    expect(files.map((f) => path.basename(f.file))).toContain(SAFE_SECRETS_FILE)
    for (const { file, bytes } of files) {
      expect(
        bytes.includes(Buffer.from(PASSWORD)),
        `${path.relative(dir, file)} holds the password in clear`
      ).toBe(false)
    }
  })
})
