// The filters of the messages list (and the core's ring query, which uses the same modules):
// MQTT topic filters as a broker matches them, and text in the topic or the payload.
import { describe, expect, it } from 'vitest'
import { fieldError, isValidFilter, TopicFilterSchema } from '../../../electron/contract/fields'
import { messageFilter } from '../../../electron/shared/message-filter'
import { matchesFilter, topicMatcher } from '../../../electron/shared/topic'

describe('topic filters', () => {
  const cases: [string, string, boolean][] = [
    ['clase_eoi/led', 'clase_eoi/led', true],
    ['clase_eoi/led', 'clase_eoi/led/x', false],
    ['clase_eoi/+', 'clase_eoi/led', true],
    ['clase_eoi/+', 'clase_eoi', false],
    ['clase_eoi/+', 'clase_eoi/', true],
    ['clase_eoi/+', 'clase_eoi/led/x', false],
    ['+/led', 'clase_eoi/led', true],
    ['+/+', '/led', true],
    ['clase_eoi/#', 'clase_eoi', true],
    ['clase_eoi/#', 'clase_eoi/boton/1', true],
    ['clase_eoi/#', 'clase_eoix/boton', false],
    ['#', 'a/b/c', true],
    ['#', '$SYS/broker/uptime', false],
    ['+/broker/#', '$SYS/broker/uptime', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
    ['$SYS/+/uptime', '$SYS/broker/uptime', true],
    ['a/+/c', 'a/b/c', true],
    ['a/+/c', 'a/b/d', false],
    ['A/b', 'a/b', false]
  ]

  it('match as a broker matches them, $ topics included', () => {
    for (const [filter, topic, want] of cases) {
      expect(topicMatcher(filter)(topic), `${filter} ~ ${topic}`).toBe(want)
      expect(matchesFilter(filter, topic), `${filter} ~ ${topic}`).toBe(want)
    }
  })

  it('are valid only with + and # each filling a whole level, # last', () => {
    for (const f of ['a', 'a/+', '+', '#', 'a/#', '+/+/#', '$SYS/#', '/'])
      expect(isValidFilter(f), f).toBe(true)
    for (const f of ['a+', 'a/b#', '#/a', 'a/#/b', '++', 'a\u0000b'])
      expect(isValidFilter(f), f).toBe(false)
    expect(fieldError(TopicFilterSchema, '')).toBe('the topic filter is empty')
    expect(fieldError(TopicFilterSchema, 'a/#/b')).toMatch(/wildcard/)
  })
})

describe('the messages filter', () => {
  const messages = [
    { topic: 'clase_eoi/boton', payload: '{"pressed":true}' },
    { topic: 'clase_eoi/serial', payload: 'Temperatura 21' },
    { topic: 'temperatura_eoi', payload: '{"temperature":21.4}' }
  ]
  const shown = (topic: string, text: string): string[] => {
    const match = messageFilter(topic, text)
    return (match ? messages.filter(match) : messages).map((m) => m.topic)
  }

  it('narrows nothing with neither a topic nor a text', () => {
    expect(messageFilter('', '')).toBeUndefined()
    expect(messageFilter(undefined, undefined)).toBeUndefined()
  })

  it('keeps what matches the topic filter and holds the text in its topic or payload', () => {
    expect(shown('clase_eoi/#', '')).toEqual(['clase_eoi/boton', 'clase_eoi/serial'])
    expect(shown('', 'TEMPERATURA')).toEqual(['clase_eoi/serial', 'temperatura_eoi'])
    expect(shown('clase_eoi/+', 'temperatura')).toEqual(['clase_eoi/serial'])
    expect(shown('+', '')).toEqual(['temperatura_eoi'])
    expect(shown('nada/#', '')).toEqual([])
  })
})
