import { describe, expect, it } from 'vitest'
import type { Settings } from '../../../electron/contract'
import { linkChange } from '../../../electron/core/mqtt/link-change'
import { defaultSettings, mergeSettings } from '../../../electron/core/settings/store'

const base: Settings = mergeSettings(defaultSettings(), { mqtt: { clientId: 'puente-a' } })
const with_ = (patch: Record<string, unknown>): Settings => mergeSettings(base, patch)

describe('what a settings change asks of the MQTT side', () => {
  it('a new embedded broker when its ports change while it is in use', () => {
    expect(linkChange(base, with_({ broker: { port: 1999 } }), false)).toBe('broker')
    expect(linkChange(base, with_({ broker: { wsPort: 9999 } }), false)).toBe('broker')
  })

  it('only a new link when the broker ports change but another broker is in use', () => {
    const remote = with_({ mqtt: { url: 'mqtt://example.org:1883' } })
    const moved = mergeSettings(remote, { broker: { port: 1999 } })
    expect(linkChange(remote, moved, false)).toBe('filters')
  })

  it('a new link when the broker, the credentials or the session change', () => {
    expect(linkChange(base, with_({ mqtt: { url: 'mqtt://example.org:1883' } }), false)).toBe(
      'link'
    )
    expect(linkChange(base, with_({ mqtt: { username: 'profe' } }), false)).toBe('link')
    expect(linkChange(base, with_({ mqtt: { clientId: 'puente-b' } }), false)).toBe('link')
    expect(linkChange(base, with_({ mqtt: { keepalive: base.mqtt.keepalive + 15 } }), false)).toBe(
      'link'
    )
    expect(
      linkChange(base, with_({ mqtt: { cleanSession: !base.mqtt.cleanSession } }), false)
    ).toBe('link')
    expect(linkChange(base, base, true)).toBe('link')
  })

  it('only the subscriptions again for anything else', () => {
    expect(linkChange(base, with_({ mqtt: { watch: ['aula/#'] } }), false)).toBe('filters')
    expect(linkChange(base, with_({ topics: { led: 'aula/led' } }), false)).toBe('filters')
    expect(linkChange(base, with_({ language: 'en' }), false)).toBe('filters')
  })
})
