import { describe, expect, it } from 'vitest'
import type { Notice } from '../../../electron/contract'
import { KEEP_NOTICES, NoticeCenter } from '../../../electron/core/notices'
import { problem } from '../../../electron/core/util/problem'

describe('NoticeCenter', () => {
  it('shows each notice once, numbered in order, with its level and problem', () => {
    const shown: Notice[] = []
    const center = new NoticeCenter((n) => shown.push(n))
    const a = center.notify('warning', problem('serial-not-text', 'bytes that are not text'))
    const b = center.notify(
      'error',
      problem('broker-port-taken', 'port 1883 is taken', { port: 1883 })
    )
    expect(shown).toEqual([a, b])
    expect(b.id).toBe(a.id + 1)
    expect(b).toMatchObject({ level: 'error', code: 'broker-port-taken', params: { port: 1883 } })
    expect(Number.isNaN(Date.parse(b.at))).toBe(false)
  })

  it(`keeps the last ${KEEP_NOTICES} for windows opened later, oldest first`, () => {
    const center = new NoticeCenter(() => {})
    for (let i = 0; i < KEEP_NOTICES + 7; i++)
      center.notify('info', { code: `code-${i}`, message: `n ${i}` })
    const kept = center.list()
    expect(kept).toHaveLength(KEEP_NOTICES)
    expect(kept[0].code).toBe('code-7')
    expect(kept.at(-1)!.code).toBe(`code-${KEEP_NOTICES + 6}`)
  })

  it('hands out a copy: a window cannot change what is kept', () => {
    const center = new NoticeCenter(() => {})
    center.notify('info', { code: 'one', message: 'one' })
    center.list().pop()
    expect(center.list()).toHaveLength(1)
  })

  it('clears the notices of a condition that ended, and a dismissed one, in every window', () => {
    const cleared: number[][] = []
    const center = new NoticeCenter(
      () => {},
      (ids) => cleared.push(ids)
    )
    const serial = center.notify('warning', problem('serial-busy', 'busy', { port: 'p' }), 'serial')
    const intruder = center.notify('warning', problem('broker-full', 'full'), 'class-broker')
    const other = center.notify('info', problem('log-disabled', 'off'))
    center.clear('serial')
    expect(cleared).toEqual([[serial.id]])
    expect(center.list().map((n) => n.id)).toEqual([intruder.id, other.id])
    center.clear('serial')
    expect(cleared).toHaveLength(1)
    center.dismiss(other.id)
    expect(cleared.at(-1)).toEqual([other.id])
    expect(center.list().map((n) => n.id)).toEqual([intruder.id])
    // the same problem again after its condition ended is a new notice
    const again = center.notify('warning', problem('serial-busy', 'busy', { port: 'p' }), 'serial')
    expect(again.id).toBeGreaterThan(other.id)
    expect(again.key).toBe('serial')
  })
})
