import { describe, expect, it } from 'vitest'
import type { SecretStore } from '../../../electron/core/settings/secrets'
import { passwordAfter, type PasswordChange } from '../../../electron/core/settings/service'

/** A secret store in memory: the same interface the file and keychain stores implement. */
class MapSecrets implements SecretStore {
  readonly map = new Map<string, string>()
  async get(key: string): Promise<string | undefined> {
    return this.map.get(key)
  }
  async set(key: string, value: string): Promise<void> {
    this.map.set(key, value)
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key)
  }
}

const KEY = 'profile.p-1.password'

async function after(
  change: Omit<PasswordChange, 'key'>,
  saved?: string
): Promise<{ has: boolean; stored: string | undefined }> {
  const secrets = new MapSecrets()
  if (saved !== undefined) secrets.map.set(KEY, saved)
  const has = await passwordAfter(secrets, { key: KEY, ...change })
  return { has, stored: secrets.map.get(KEY) }
}

describe('a saved broker password', () => {
  it('never follows a new URL when none is typed with it', async () => {
    expect(await after({ had: true, newUrl: true, typed: undefined }, 'viejo')).toEqual({
      has: false,
      stored: undefined
    })
  })

  it('stays with its broker when the URL does not change', async () => {
    expect(await after({ had: true, newUrl: false, typed: undefined }, 'viejo')).toEqual({
      has: true,
      stored: 'viejo'
    })
  })

  it('is replaced by the one typed with a new URL', async () => {
    expect(await after({ had: true, newUrl: true, typed: 'nuevo' }, 'viejo')).toEqual({
      has: true,
      stored: 'nuevo'
    })
  })

  it('is cleared by an empty one', async () => {
    expect(await after({ had: true, newUrl: false, typed: '' }, 'viejo')).toEqual({
      has: false,
      stored: undefined
    })
  })

  it('is saved the first time one is typed', async () => {
    expect(await after({ had: false, newUrl: false, typed: 'primera' })).toEqual({
      has: true,
      stored: 'primera'
    })
  })

  it('stays absent when there was none and none is typed', async () => {
    expect(await after({ had: false, newUrl: true, typed: undefined })).toEqual({
      has: false,
      stored: undefined
    })
  })
})
