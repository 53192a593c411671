// The log's retention rules as the contract checks them: the same field schemas serve the
// Settings form, settings.json and every command that carries a rule.
import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import {
  commands,
  fieldError,
  parseCommand,
  SettingsPatchSchema,
  SettingsSchema,
  trafficFields
} from '../../../electron/contract'
import { formatBytes } from '../../../electron/shared/bytes'

describe('the retention fields', () => {
  it('keep days: a whole number from 0 (every day) to 36500', () => {
    for (const ok of [0, 1, 30, 36_500])
      expect(fieldError(trafficFields.keepDays, ok), `${ok}`).toBeUndefined()
    expect(fieldError(trafficFields.keepDays, -1)).toMatch(/0 \(every day\) or more/)
    expect(fieldError(trafficFields.keepDays, 2.5)).toMatch(/whole number/)
    expect(fieldError(trafficFields.keepDays, 36_501)).toMatch(/36500/)
    expect(fieldError(trafficFields.keepDays, NaN)).toBeDefined()
    expect(fieldError(trafficFields.keepDays, '7')).toBeDefined()
  })

  it('size cap: 0 for none, else at least 1 MB and at most 10 TB, in whole bytes', () => {
    for (const ok of [0, 1_000_000, 250_000_000, 10_000_000_000_000])
      expect(fieldError(trafficFields.maxTotalBytes, ok), `${ok}`).toBeUndefined()
    expect(fieldError(trafficFields.maxTotalBytes, 999_999)).toMatch(
      /0 \(no cap\) or at least 1 MB/
    )
    expect(fieldError(trafficFields.maxTotalBytes, -1)).toBeDefined()
    expect(fieldError(trafficFields.maxTotalBytes, 1_500_000.5)).toMatch(/whole number/)
    expect(fieldError(trafficFields.maxTotalBytes, 10_000_000_000_001)).toMatch(/10 TB/)
  })

  it('settings.json keeps its defaults (30 days, no cap) and is checked by the same rules', () => {
    expect(v.parse(SettingsSchema, {}).traffic).toMatchObject({ keepDays: 30, maxTotalBytes: 0 })
    expect(v.safeParse(SettingsSchema, { traffic: { keepDays: -3 } }).success).toBe(false)
  })
})

describe('what a window may send', () => {
  it('a settings patch may change the retention, alone or with other settings', () => {
    const r = v.safeParse(SettingsPatchSchema, { traffic: { keepDays: 7 } })
    expect(r.success && r.output.traffic).toEqual({ keepDays: 7 })
    expect(
      v.safeParse(SettingsPatchSchema, { traffic: { maxTotalBytes: 2_000_000 } }).success
    ).toBe(true)
    const bad = parseCommand('settings:update', { traffic: { maxTotalBytes: 10 } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.params?.field).toBe('traffic.maxTotalBytes')
  })

  it('but not the other traffic settings (the ring, the rotation, turning the log off)', () => {
    const r = v.safeParse(SettingsPatchSchema, { traffic: { keepDays: 7, logEnabled: false } })
    expect(r.success && r.output.traffic).toEqual({ keepDays: 7 })
  })

  it('history:log-info takes no rule or a whole valid one', () => {
    expect(parseCommand('history:log-info', {}).ok).toBe(true)
    expect(parseCommand('history:log-info', undefined).ok).toBe(true)
    expect(parseCommand('history:log-info', { rule: { keepDays: 3, maxTotalBytes: 0 } }).ok).toBe(
      true
    )
    expect(parseCommand('history:log-info', { rule: { keepDays: 3 } }).ok).toBe(false)
    expect(parseCommand('history:log-info', { rule: { keepDays: 3, maxTotalBytes: 5 } }).ok).toBe(
      false
    )
  })

  it('the save dialog command carries a filter and a format, never a path', () => {
    expect(parseCommand('shell:save-export', { filter: {}, format: 'csv' }).ok).toBe(true)
    expect(
      parseCommand('shell:save-export', { filter: { topic: ['a/#'] }, format: 'jsonl' }).ok
    ).toBe(true)
    expect(parseCommand('shell:save-export', { filter: {}, format: 'xls' }).ok).toBe(false)
    const withPath = parseCommand('shell:save-export', {
      filter: {},
      format: 'csv',
      path: '/etc/x'
    })
    expect(withPath.ok).toBe(false)
    expect(parseCommand('shell:open-log-folder', { path: '/' }).ok).toBe(false)
    expect(Object.keys(commands)).toEqual(expect.arrayContaining(['history:export-cancel']))
  })
})

describe("the log's size in the window's language", () => {
  it('decimal units, one decimal at most', () => {
    expect(formatBytes(12_345_678, 'es')).toBe('12,3 MB')
    expect(formatBytes(12_345_678, 'en')).toBe('12.3 MB')
    expect(formatBytes(999, 'en')).toBe('1 kB')
    expect(formatBytes(0, 'es')).toBe('0 kB')
    expect(formatBytes(2_500_000_000, 'es')).toBe('2,5 GB')
  })
})
