// The place chosen in the window keeps its country and region, on the card and in the retained
// message: "Sevilla" alone could be in Spain or in Colombia.
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../electron/core/settings/store'
import { placeInForce, readingMessage } from '../../../electron/core/weather/rules'

describe('the weather place', () => {
  it('carries country and admin1 from the settings to the published message', () => {
    const w = {
      ...defaultSettings().weather,
      place: 'Sevilla',
      country: 'España',
      admin1: 'Andalucía',
      latitude: 37.38283,
      longitude: -5.97317
    }
    const place = placeInForce(w)!
    expect(place).toMatchObject({ name: 'Sevilla', country: 'España', admin1: 'Andalucía' })
    const reading = {
      ...place,
      temperature: 27.8,
      unit: '°C' as const,
      time: '2026-06-01T12:00+02:00',
      fetchedAt: '2026-06-01T10:00:00Z'
    }
    expect(JSON.parse(readingMessage(reading, false))).toMatchObject({
      temperature: 27.8,
      place: 'Sevilla',
      country: 'España',
      admin1: 'Andalucía'
    })
  })

  it('says an empty country and region when only coordinates were given', () => {
    const w = { ...defaultSettings().weather, latitude: 40.4, longitude: -3.7 }
    const place = placeInForce(w)!
    expect(place.country).toBeUndefined()
    const message = JSON.parse(
      readingMessage({ ...place, temperature: 1, unit: '°C', time: 't', fetchedAt: 'f' }, false)
    )
    expect(message).toMatchObject({ country: '', admin1: '' })
  })
})
