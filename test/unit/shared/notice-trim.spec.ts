import { describe, expect, it } from 'vitest'
import { keepMost, trimIndex } from '../../../electron/shared/notice-trim'

type N = { id: number; level: 'info' | 'warning' | 'error' }
const n = (id: number, level: N['level']): N => ({ id, level })

describe('which notices a window keeps', () => {
  it('keeps an early error when warnings pour in after it', () => {
    let list: N[] = [n(1, 'error')]
    for (let id = 2; id < 40; id++) list = keepMost([...list, n(id, 'warning')], 10)
    expect(list).toHaveLength(10)
    expect(list[0]).toEqual(n(1, 'error'))
    expect(list.slice(1).map((x) => x.id)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39])
  })

  it('drops info first, then warnings, then the oldest error', () => {
    const list = [n(1, 'error'), n(2, 'warning'), n(3, 'info'), n(4, 'error')]
    expect(trimIndex(list)).toBe(2)
    expect(keepMost(list, 2).map((x) => x.id)).toEqual([1, 4])
    expect(keepMost([n(1, 'error'), n(2, 'error')], 1)).toEqual([n(2, 'error')])
    expect(trimIndex([])).toBe(-1)
  })
})
