// The keyboard map shared by the listboxes: which row each key asks for.
import { describe, expect, it } from 'vitest'
import { listKey } from '../../../renderer/src/lib/list-keys'

describe('listKey', () => {
  it('moves by one, by a page and to the ends', () => {
    expect(listKey('ArrowDown', 3, 50, 10)).toBe(4)
    expect(listKey('ArrowUp', 3, 50, 10)).toBe(2)
    expect(listKey('PageDown', 3, 50, 10)).toBe(13)
    expect(listKey('PageUp', 13, 50, 10)).toBe(3)
    expect(listKey('Home', 3, 50, 10)).toBe(0)
    expect(listKey('End', 3, 50, 10)).toBe(49)
  })

  it('stays inside the list', () => {
    expect(listKey('PageUp', 3, 50, 10)).toBe(0)
    expect(listKey('PageDown', 45, 50, 10)).toBe(49)
    expect(listKey('ArrowDown', 49, 50, 10)).toBe(49)
    expect(listKey('ArrowUp', 0, 50, 10)).toBe(0)
  })

  it('starts at the top with nothing selected, clears on Escape, ignores other keys', () => {
    expect(listKey('ArrowUp', -1, 50, 10)).toBe(0)
    expect(listKey('ArrowDown', -1, 50, 10)).toBe(0)
    expect(listKey('Escape', 3, 50, 10)).toBe('clear')
    expect(listKey('a', 3, 50, 10)).toBeUndefined()
    expect(listKey('toString', 3, 50, 10)).toBeUndefined()
  })

  it('has no row to move to in an empty list, but Escape still clears', () => {
    expect(listKey('ArrowDown', -1, 0, 10)).toBeUndefined()
    expect(listKey('End', -1, 0, 10)).toBeUndefined()
    expect(listKey('Escape', -1, 0, 10)).toBe('clear')
  })
})
