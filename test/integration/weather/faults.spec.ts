import { describe, expect, it } from 'vitest'
import type { Puente as Hub } from '../../../electron/core/puente'
import { connected, until } from '../../helpers/hub'
import type { Fault } from '../../helpers/open-meteo-server'
import { MADRID, subscriber, untilWeather, weatherState, weatherSuite } from './weather-helpers'

const RETRY_MIN_MS = 100
const TIMEOUT_S = 0.5

/** Each fault: the reason code the card shows and a piece of its sentence. */
const matrix: { fault: Fault; code: string; says: RegExp }[] = [
  { fault: 'hang', code: 'weather-timeout', says: /did not answer within 0\.5 s/ },
  { fault: '500', code: 'weather-http', says: /HTTP 500/ },
  { fault: '429', code: 'weather-rate-limited', says: /HTTP 429/ },
  { fault: 'html', code: 'weather-malformed', says: /not JSON/ },
  { fault: 'no-current', code: 'weather-malformed', says: /current is missing/ },
  {
    fault: 'nan-temperature',
    code: 'weather-malformed',
    says: /temperature_2m should be a number/
  },
  { fault: 'hot', code: 'weather-malformed', says: /75 °C is outside −90…60 °C/ },
  { fault: 'huge', code: 'weather-malformed', says: /larger than 64 KB/ }
]

describe('Open-Meteo failing: back off, keep the last reading marked stale, recover', () => {
  const { server, startHub } = weatherSuite()
  let hub: Hub | undefined

  for (const { fault, code, says } of matrix) {
    it(`${fault}: no crash, growing waits, stale value with the reason, recovery when healed`, async () => {
      hub = await startHub({ ...MADRID, timeoutSeconds: TIMEOUT_S })
      await connected(hub)
      await untilWeather(hub, (s) => s.reading !== null && !s.stale, 'the first good reading')
      const good = server.forecasts().length

      const retryAfterS = 1
      server.fail(fault, { retryAfter: retryAfterS })
      const refreshed = await hub.invoke('weather:refresh', {})
      expect(refreshed.ok).toBe(true)
      const want = fault === '429' ? 3 : 4
      await until(
        () => server.forecasts().length >= good + want,
        `${want} failing requests`,
        15_000
      )
      await untilWeather(hub, (s) => !s.fetching, 'the last failing request to end', 5000)
      server.heal()

      // the waits between failing requests grow: each at least the doubled backoff (or the
      // Retry-After), after the timeout for a hang; a little slack for when each request arrived
      const failing = server.forecasts().slice(good, good + want)
      const gaps = failing.slice(1).map((r, i) => r.at - failing[i].at)
      gaps.forEach((gap, i) => {
        const backoff = RETRY_MIN_MS * 2 ** i
        const wait = fault === '429' ? Math.max(backoff, retryAfterS * 1000) : backoff
        const least = wait + (fault === 'hang' ? TIMEOUT_S * 1000 : 0)
        expect(gap, `wait ${i + 1} of ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(least - 40)
      })

      // the card: the last good value, stale, with the reason in words
      const stale = await weatherState(hub)
      expect(stale.reading?.temperature).toBe(21.4)
      expect(stale.stale).toBe(true)
      expect(stale.reason?.code).toBe(code)
      expect(stale.reason?.message).toMatch(says)
      expect(Date.parse(stale.nextFetch!)).toBeGreaterThan(Date.parse(stale.lastFetch!))

      // MQTT: a board that subscribes now gets the last value, marked stale with the reason
      const sub = await subscriber(hub, 'temperatura_eoi')
      await until(() => sub.messages.length > 0, 'the retained stale reading')
      expect(sub.messages[0].payload).toMatchObject({
        temperature: 21.4,
        place: 'Madrid',
        stale: true
      })
      expect(sub.messages[0].payload.reason).toMatch(says)

      // the rest of Puente keeps working
      expect(hub.link!.status.state).toBe('connected')
      expect((await hub.invoke('app:get-snapshot', {})).ok).toBe(true)

      // healed: the next retry brings a fresh reading and the stale mark goes
      await untilWeather(
        hub,
        (s) => !s.stale && s.reason === undefined,
        'recovery after heal',
        15_000
      )
      await until(
        () => sub.messages.some((m) => m.payload.stale === undefined && m !== sub.messages[0]),
        'the fresh reading on MQTT'
      )
      await sub.end()
      const fresh = await weatherState(hub)
      expect(fresh.reading?.temperature).toBe(21.4)
      // back to the normal interval (600 s) after the recovery
      expect(Date.parse(fresh.nextFetch!) - Date.now()).toBeGreaterThan(500_000)
    })
  }
})
