import { describe, expect, it } from 'vitest'
import { withoutKey } from '../../../electron/core/settings/secrets'

describe('withoutKey (a secret store forgetting one password)', () => {
  it('gives the other records, leaving the store read untouched', () => {
    const all = { a: '1', b: '2' }
    expect(withoutKey(all, 'a')).toEqual({ b: '2' })
    expect(all).toEqual({ a: '1', b: '2' })
  })

  it('says there is nothing to write when the key is not there', () => {
    expect(withoutKey({ a: '1' }, 'b')).toBeUndefined()
    expect(withoutKey({}, 'a')).toBeUndefined()
  })
})
