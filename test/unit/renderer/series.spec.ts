// The live chart's numbers: plain numeric payloads, JSON fields (nested too), nothing from
// text, binary or booleans, and several topics aligned on one time axis.
import { describe, expect, it } from 'vitest'
import { buildSeries, numberIn, numericFields } from '../../../renderer/src/lib/series'

describe('numbers in payloads', () => {
  it('reads a plain number or a JSON field', () => {
    expect(numberIn('21.5', 'utf8', '')).toBe(21.5)
    expect(numberIn(' -3 ', 'utf8', '')).toBe(-3)
    expect(numberIn('{"temp":22.5}', 'utf8', 'temp')).toBe(22.5)
    expect(numberIn('{"temp":"22.5"}', 'utf8', 'temp')).toBe(22.5)
    expect(numberIn('{"s":{"t":4}}', 'utf8', 's.t')).toBe(4)
  })

  it('finds nothing in text, binary, missing fields or non-finite values', () => {
    expect(numberIn('hola', 'utf8', '')).toBeUndefined()
    expect(numberIn('', 'utf8', '')).toBeUndefined()
    expect(numberIn('MjE=', 'base64', '')).toBeUndefined()
    expect(numberIn('{"temp":22.5}', 'utf8', 'hum')).toBeUndefined()
    expect(numberIn('{"temp":null}', 'utf8', 'temp.x')).toBeUndefined()
    expect(numberIn('not json', 'utf8', 'temp')).toBeUndefined()
    expect(numberIn('{"temp":"Infinity"}', 'utf8', 'temp')).toBeUndefined()
  })

  it('lists the numeric fields of a JSON payload', () => {
    expect(numericFields('{"temp":22.5,"hum":"40","ok":true,"s":{"t":1},"n":"x"}', 'utf8')).toEqual(
      ['temp', 'hum', 's.t']
    )
    expect(numericFields('21', 'utf8')).toEqual([])
    expect(numericFields('{"a":1}', 'base64')).toEqual([])
  })
})

describe('series', () => {
  const at = (s: number): string => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString()
  const msg = (s: number, topic: string, payload: string) =>
    ({ t: at(s), topic, payload, enc: 'utf8' }) as const
  const messages = [
    msg(0, 'clase_eoi/ana/temp', '{"temp":21}'),
    msg(1, 'clase_eoi/luis/temp', '{"temp":23}'),
    msg(2, 'clase_eoi/ana/temp', '{"temp":22}'),
    msg(2, 'clase_eoi/ana/temp', 'roto'),
    msg(3, 'otro/temp', '{"temp":5}')
  ]

  it('one column per matching topic on a shared time axis', () => {
    const s = buildSeries(messages, 'clase_eoi/+/temp', 'temp')
    expect(s.topics).toEqual(['clase_eoi/ana/temp', 'clase_eoi/luis/temp'])
    const x0 = Date.parse(at(0)) / 1000
    expect(s.data[0]).toEqual([x0, x0 + 1, x0 + 2])
    expect(s.data[1]).toEqual([21, null, 22])
    expect(s.data[2]).toEqual([null, 23, null])
    expect(s.points).toBe(3)
  })

  it('keeps only messages since a time and at most maxTopics topics', () => {
    const s = buildSeries(messages, '#', 'temp', Date.parse(at(1)), 2)
    expect(s.topics).toEqual(['clase_eoi/ana/temp', 'clase_eoi/luis/temp'])
    expect(s.points).toBe(2)
    expect(buildSeries(messages, 'nada/#', 'temp')).toEqual({ topics: [], data: [[]], points: 0 })
  })
})
