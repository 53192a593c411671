import { afterEach, describe, expect, it } from 'vitest'
import type { Puente } from '../../../electron/core/puente'
import { connected, startTestHub, until } from '../../helpers/hub'
import { MqttWatch } from '../../helpers/mqtt-watch'

describe('the embedded broker passes a retained message on at once', () => {
  let hub: Puente | undefined
  let watch: MqttWatch | undefined
  afterEach(async () => {
    await watch?.stop()
    await hub?.stop()
  })

  it('a retained message followed at once by a plain one: both reach a subscriber, and it is kept', async () => {
    hub = await startTestHub()
    await connected(hub)
    watch = await MqttWatch.start(hub.brokerUrl, ['x/#'])
    for (let i = 0; i < 50; i++) {
      void hub.publish('x/led', Buffer.from(`r${i}`), 0, true)
      void hub.publish('x/console', Buffer.from(`c${i}`), 0, false)
    }
    await hub.publish('x/end', Buffer.from('end'), 0, false)
    const w = watch
    await until(() => w.on('x/end').length === 1, 'the end marker')
    expect(w.on('x/console')).toHaveLength(50)
    expect(w.on('x/led')).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`))
    const late = await MqttWatch.start(hub.brokerUrl, ['x/led'])
    try {
      expect(await late.waitFor('x/led', () => true)).toBe('r49')
    } finally {
      await late.stop()
    }
  })
})
