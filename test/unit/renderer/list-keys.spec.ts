// The keyboard map shared by the message lists: which row each key asks for.
import { describe, expect, it } from 'vitest'
import { listKey } from '../../../renderer/src/lib/list-keys'

describe('listKey', () => {
  it('moves by one, by a page and to the ends', () => {
    expect(listKey('ArrowDown', 3, 50, 10)).toBe(4)
    expect(listKey('ArrowUp', 3, 50, 10)).toBe(2)
    expect(listKey('PageDown', 3, 50, 10)).toBe(13)
    expect(listKey('PageUp', 3, 50, 10)).toBe(-7)
    expect(listKey('Home', 3, 50, 10)).toBe(0)
    expect(listKey('End', 3, 50, 10)).toBe(49)
  })

  it('starts at the top with nothing selected, clears on Escape, ignores other keys', () => {
    expect(listKey('ArrowUp', -1, 50, 10)).toBe(0)
    expect(listKey('ArrowDown', -1, 50, 10)).toBe(0)
    expect(listKey('Escape', 3, 50, 10)).toBe('clear')
    expect(listKey('a', 3, 50, 10)).toBeUndefined()
    expect(listKey('toString', 3, 50, 10)).toBeUndefined()
  })
})
