import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Notice } from '../../../electron/contract'
import { KEEP_NOTICES, NoticeCenter } from '../../../electron/core/notices'
import { problem } from '../../../electron/core/util/problem'

afterEach(() => {
  vi.useRealTimers()
})

describe('a flood of the same notice', () => {
  it('collapses 20,001 identical notices into one with its count, shown to the windows once a second', () => {
    vi.useFakeTimers()
    const shown: Notice[] = []
    const center = new NoticeCenter((n) => shown.push(n))
    center.notify('warning', problem('mqtt-lost', 'the link dropped'))
    const bad = problem('bad-colour', 'clase_eoi/led: {"r":300} is not a colour')
    for (let i = 0; i < 20_001; i++) center.notify('warning', bad)
    // what matters is still there: the earlier, different notice was not pushed out
    expect(center.list().map((n) => [n.code, n.count])).toEqual([
      ['mqtt-lost', 1],
      ['bad-colour', 20_001]
    ])
    expect(shown).toHaveLength(2)
    vi.advanceTimersByTime(1000)
    expect(shown).toHaveLength(3)
    expect(shown.at(-1)).toMatchObject({ code: 'bad-colour', count: 20_001 })
    expect(shown.at(-1)!.id).toBe(shown[1].id)
    vi.advanceTimersByTime(5000)
    expect(shown).toHaveLength(3)
  })

  it('keeps different words or levels apart when the problem names no fault', () => {
    const center = new NoticeCenter(() => {})
    center.notify('warning', { code: 'x', message: 'one' })
    center.notify('warning', { code: 'x', message: 'two' })
    center.notify('error', { code: 'x', message: 'one' })
    expect(center.list().map((n) => n.count)).toEqual([1, 1, 1])
  })

  it('collapses by code and fault whatever the words, showing the latest words', () => {
    const center = new NoticeCenter(() => {})
    for (let i = 0; i < 500; i++)
      center.notify(
        'warning',
        problem('bad-colour', `unexpected field "f${i}"`, { fault: 'extra', key: `f${i}` })
      )
    center.notify('warning', problem('bad-colour', 'r is missing', { fault: 'missing' }))
    expect(center.list().map((n) => [n.params?.fault, n.count])).toEqual([
      ['extra', 500],
      ['missing', 1]
    ])
    expect(center.list()[0].message).toBe('unexpected field "f499"')
  })

  it('trims info, then warnings, before any error', () => {
    const center = new NoticeCenter(() => {})
    center.notify('error', problem('mqtt-lost', 'the link dropped'))
    center.notify('info', problem('log-disabled', 'off'))
    for (let i = 0; i < 2 * KEEP_NOTICES; i++)
      center.notify('warning', problem('serial-busy', `port ${i} busy`, { port: `p${i}` }))
    const kept = center.list()
    expect(kept).toHaveLength(KEEP_NOTICES)
    expect(kept[0].code).toBe('mqtt-lost')
    expect(kept.filter((n) => n.level === 'info')).toEqual([])
    expect(kept.at(-1)!.message).toBe(`port ${2 * KEEP_NOTICES - 1} busy`)
  })
})
