import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { EmbeddedBroker } from '../../../electron/core/broker/embedded'
import {
  generateClassPassword,
  lanAddresses,
  micropythonSnippet
} from '../../../electron/core/classroom/snippet'
import { PuenteError } from '../../../electron/core/util/problem'
import { tempDir } from '../../helpers/hub'

describe('class password and snippet', () => {
  it('makes passwords easy to dictate with at least 50 bits: three groups of four, no 0/O/1/l/i, all of the alphabet used', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 300; i++) {
      const p = generateClassPassword(randomBytes)
      expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/)
      for (const c of p.replace(/-/g, '')) seen.add(c)
    }
    expect(seen.size).toBe(31)
    expect(12 * Math.log2(seen.size)).toBeGreaterThanOrEqual(50)
  })

  it('writes a MicroPython line ready to paste, escaping quotes and naming the port only when not 1883', () => {
    expect(micropythonSnippet('192.168.1.20', 1883, 'clase', 'abc')).toBe(
      'from umqtt.simple import MQTTClient\nc = MQTTClient("alumno_01", "192.168.1.20", user="clase", password="abc")\nc.connect()'
    )
    expect(micropythonSnippet('10.0.0.5', 18830, 'clase', 'a"b\\c')).toContain(
      'MQTTClient("alumno_01", "10.0.0.5", port=18830, user="clase", password="a\\"b\\\\c")'
    )
  })

  it('lists only IPv4 addresses other than loopback', () => {
    for (const a of lanAddresses()) {
      expect(a).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
      expect(a.startsWith('127.')).toBe(false)
    }
  })
})

describe('the broker store', () => {
  it('says in words when another Puente uses the same data directory', async () => {
    const dir = tempDir()
    const first = new EmbeddedBroker({ host: '127.0.0.1', port: 0, wsPort: -1, dataDir: dir })
    await first.start()
    try {
      const second = new EmbeddedBroker({ host: '127.0.0.1', port: 0, wsPort: -1, dataDir: dir })
      const err = await second.start().then(
        () => undefined,
        (e: unknown) => e
      )
      expect(err).toBeInstanceOf(PuenteError)
      expect((err as PuenteError).problem.code).toBe('broker-store-locked')
      expect((err as PuenteError).problem.message).toContain('is in use by another Puente')
    } finally {
      await first.stop()
    }
    // once the first has stopped the store opens again
    const third = new EmbeddedBroker({ host: '127.0.0.1', port: 0, wsPort: -1, dataDir: dir })
    await third.start()
    await third.stop()
  })
})
