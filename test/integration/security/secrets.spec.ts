import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClassroomState, ProfilesState } from '../../../electron/contract'
import type { Puente as Hub } from '../../../electron/core/puente'
import { FileSecretStore } from '../../../electron/core/settings/secrets'
import { connected, startTestHub, tempDir } from '../../helpers/hub'

/** Every file under `dir`, recursively (the broker's LevelDB store included). */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]
  )
}

/** The files of `dir` holding `secret` as UTF-8, UTF-16, hex or base64. */
function filesWith(dir: string, secret: string): string[] {
  const forms = [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret).toString('hex')),
    Buffer.from(Buffer.from(secret).toString('base64').replace(/=+$/, ''))
  ]
  return allFiles(dir).filter((f) => {
    const bytes = readFileSync(f)
    return forms.some((form) => bytes.includes(form))
  })
}

describe('the web host secret store', () => {
  it('seals secrets with a key kept outside the data directory, readable by its owner alone', async () => {
    const data = tempDir()
    const keyFile = path.join(tempDir('puente-state-'), 'puente', 'secret.key')
    const store = new FileSecretStore(data, keyFile)
    await store.set('mqtt.password', 'contraseña-muy-secreta')
    expect(filesWith(data, 'contraseña-muy-secreta')).toEqual([])
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(statSync(path.join(data, 'secrets.enc')).mode & 0o777).toBe(0o600)
    expect(keyFile.startsWith(data)).toBe(false)
    // a new store (a restart) reads it back with the same key
    expect(await new FileSecretStore(data, keyFile).get('mqtt.password')).toBe(
      'contraseña-muy-secreta'
    )
    // without the key (a copied data directory) it cannot
    expect(await new FileSecretStore(data, keyFile + '.other').get('mqtt.password')).toBeUndefined()
  })

  it('refuses a tampered file (GCM) instead of returning altered secrets', async () => {
    const data = tempDir()
    const keyFile = path.join(tempDir('puente-state-'), 'k')
    await new FileSecretStore(data, keyFile).set('a', 'uno')
    const file = path.join(data, 'secrets.enc')
    const sealed = JSON.parse(readFileSync(file, 'utf8')) as { data: string }
    const bytes = Buffer.from(sealed.data, 'base64')
    bytes[0] ^= 1
    writeFileSync(file, JSON.stringify({ ...sealed, data: bytes.toString('base64') }))
    expect(await new FileSecretStore(data, keyFile).get('a')).toBeUndefined()
  })

  it('seals a plaintext secrets.json of an earlier version and removes it', async () => {
    const data = tempDir()
    mkdirSync(data, { recursive: true })
    writeFileSync(
      path.join(data, 'secrets.json'),
      JSON.stringify({ 'mqtt.password': 'vieja-clave' })
    )
    const store = new FileSecretStore(data, path.join(tempDir('puente-state-'), 'k'))
    expect(await store.get('mqtt.password')).toBe('vieja-clave')
    expect(readdirSync(data)).not.toContain('secrets.json')
    expect(filesWith(data, 'vieja-clave')).toEqual([])
  })
})

describe('no file of the data directory holds a secret in clear', () => {
  let hub: Hub | undefined
  afterEach(async () => {
    await hub?.stop()
    hub = undefined
  })

  it('after saving a broker password, profile passwords and the class password, and a restart', async () => {
    const dir = tempDir()
    hub = await startTestHub({}, dir)
    await connected(hub)
    const ok = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await hub!.dispatch(name, input)
      if (!r.ok) throw new Error(r.error.message)
      return r.value as T
    }
    await ok('settings:update', { password: 'clave-del-broker-1' })
    await ok<ProfilesState>('profiles:save', {
      name: 'Aula',
      url: 'mqtt://127.0.0.1:1',
      username: 'profe',
      password: 'clave-del-perfil-2'
    })
    const cls = await ok<ClassroomState>('classroom:open', { password: 'clave-de-clase-3' })
    expect(cls.open).toBe(true)
    await hub.stop()
    hub = await startTestHub({}, dir)
    expect(await hub.config.secrets.get('mqtt.password')).toBe('clave-del-broker-1')
    for (const secret of ['clave-del-broker-1', 'clave-del-perfil-2', 'clave-de-clase-3'])
      expect(filesWith(dir, secret), `${secret} found in clear`).toEqual([])
    const settings = readFileSync(path.join(dir, 'settings.json'), 'utf8')
    expect(settings).toContain('"hasPassword": true')
  })
})
