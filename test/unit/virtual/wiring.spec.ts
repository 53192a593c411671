import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { configPy } from '../../../electron/core/board/firmware'
import { DEFAULT_WIRING, pwmColour, wiringFrom } from '../../../electron/core/board/virtual/wiring'

describe('virtual board wiring', () => {
  it("reads Puente's config.py, as shipped and as written from settings", () => {
    const shipped = readFileSync(
      path.resolve(__dirname, '../../../resources/firmware/config.py'),
      'utf8'
    )
    expect(wiringFrom(shipped)).toEqual(DEFAULT_WIRING)
    const written = configPy({
      serial: 'auto',
      baud: 115200,
      led: 'pwm',
      pins: [12, 13, 14],
      commonAnode: true,
      neopixelPin: 8,
      buttonPin: 9
    })
    expect(wiringFrom(written)).toEqual({
      rgb: [12, 13, 14],
      commonAnode: true,
      neopixel: 8,
      button: 9
    })
  })

  it('keeps the defaults for what a config.py does not say', () => {
    expect(wiringFrom(undefined)).toEqual(DEFAULT_WIRING)
    expect(wiringFrom('ANODO_COMUN = True\n')).toEqual({ ...DEFAULT_WIRING, commonAnode: true })
    expect(wiringFrom('PINES_RGB = [2, 4, 5]\n').rgb).toEqual([2, 4, 5])
  })

  it('turns duties into the colour the LED shows, inverted for a common anode', () => {
    expect(pwmColour([65535, 32896, 0], false)).toEqual({ r: 255, g: 128, b: 0 })
    expect(pwmColour([0, 32639, 65535], true)).toEqual({ r: 255, g: 128, b: 0 })
    expect(pwmColour([70000, -5, 0], false)).toEqual({ r: 255, g: 0, b: 0 })
  })
})
