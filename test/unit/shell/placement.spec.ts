// Where the popover appears: by the tray icon on macOS and Windows, in the panel's corner on Linux,
// always wholly on screen.
import { describe, expect, it } from 'vitest'
import { GAP, popoverPosition, type Rect } from '../../../electron/main/placement'

const size = { width: 420, height: 600 }
const screen: Rect = { x: 0, y: 0, width: 1920, height: 1080 }
const inside = (p: { x: number; y: number }, wa: Rect): boolean =>
  p.x >= wa.x &&
  p.y >= wa.y &&
  p.x + size.width <= wa.x + wa.width &&
  p.y + size.height <= wa.y + wa.height

describe('popover placement', () => {
  it('macOS menu bar: just below the icon, centred on it', () => {
    const workArea = { x: 0, y: 25, width: 1920, height: 1055 }
    const tray = { x: 1400, y: 0, width: 24, height: 24 }
    const p = popoverPosition({ size, tray, bounds: screen, workArea })
    expect(p.x + size.width / 2).toBe(1412)
    expect(p.y).toBe(25 + GAP)
    expect(inside(p, workArea)).toBe(true)
  })

  it('an icon at the far right edge: pulled back onto the screen', () => {
    const workArea = { x: 0, y: 25, width: 1920, height: 1055 }
    const p = popoverPosition({
      size,
      tray: { x: 1890, y: 0, width: 24, height: 24 },
      bounds: screen,
      workArea
    })
    expect(p.x).toBe(1920 - size.width - GAP)
    expect(inside(p, workArea)).toBe(true)
  })

  it('Windows taskbar at the bottom: just above the icon', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 }
    const tray = { x: 1700, y: 1045, width: 24, height: 30 }
    const p = popoverPosition({ size, tray, bounds: screen, workArea })
    expect(p.y + size.height).toBeLessThanOrEqual(1040)
    expect(p.y + size.height).toBeGreaterThan(1040 - 2 * GAP)
    expect(inside(p, workArea)).toBe(true)
  })

  it('Windows taskbar on the left: beside the icon', () => {
    const workArea = { x: 60, y: 0, width: 1860, height: 1080 }
    const tray = { x: 18, y: 900, width: 24, height: 24 }
    const p = popoverPosition({ size, tray, bounds: screen, workArea })
    expect(p.x).toBe(60 + GAP) // right of the taskbar, not over it
    expect(p.y).toBe(1080 - size.height - GAP) // as near the low icon as fits on screen
    expect(inside(p, workArea)).toBe(true)
  })

  it('Linux, GNOME/Ubuntu top bar (and a dock on the left): the top right corner', () => {
    const workArea = { x: 64, y: 27, width: 1856, height: 1053 }
    const p = popoverPosition({
      size,
      tray: { x: 0, y: 0, width: 0, height: 0 },
      bounds: screen,
      workArea
    })
    expect(p).toEqual({ x: 1920 - size.width - GAP, y: 27 + GAP })
  })

  it('Linux, KDE/Cinnamon bottom panel: the bottom right corner', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1036 }
    const p = popoverPosition({ size, bounds: screen, workArea })
    expect(p).toEqual({ x: 1920 - size.width - GAP, y: 1036 - size.height - GAP })
  })

  it('Linux, no panel reserved: top right; a second screen keeps its own offset', () => {
    const second = { x: 1920, y: 0, width: 1280, height: 1024 }
    expect(popoverPosition({ size, bounds: second, workArea: second })).toEqual({
      x: 1920 + 1280 - 420 - GAP,
      y: GAP
    })
  })

  it('a screen smaller than the popover: the top left stays visible', () => {
    const tiny = { x: 0, y: 0, width: 400, height: 500 }
    expect(popoverPosition({ size, bounds: tiny, workArea: tiny })).toEqual({ x: GAP, y: GAP })
  })
})
