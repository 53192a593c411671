import { describe, expect, it } from 'vitest'
import { fromHex, toHex } from '../../../electron/shared/colour'

describe('hex colours', () => {
  it('reads "#rrggbb" in either case, spaces around ignored', () => {
    expect(fromHex('#ff8000')).toEqual({ r: 255, g: 128, b: 0 })
    expect(fromHex(' #00FFaa ')).toEqual({ r: 0, g: 255, b: 170 })
  })

  it('needs the "#" unless told it is optional (the picker, where a person types)', () => {
    expect(fromHex('ff8000')).toBeUndefined()
    expect(fromHex('ff8000', 'optional')).toEqual({ r: 255, g: 128, b: 0 })
    expect(fromHex('#ff8000', 'optional')).toEqual({ r: 255, g: 128, b: 0 })
  })

  it('refuses anything else', () => {
    for (const bad of ['', '#', '#fff', '#ff80000', '#gg0000', 'red', '##ff8000'])
      expect(fromHex(bad, 'optional'), bad).toBeUndefined()
  })

  it('writes what it reads', () => {
    for (const c of [
      { r: 0, g: 0, b: 0 },
      { r: 255, g: 255, b: 255 },
      { r: 1, g: 16, b: 171 }
    ])
      expect(fromHex(toHex(c))).toEqual(c)
    expect(toHex({ r: 1, g: 16, b: 171 })).toBe('#0110ab')
  })
})
