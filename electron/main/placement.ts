// Where the popover goes: next to the tray icon where the OS tells us its bounds (macOS,
// Windows), in the screen corner by the panel where it does not (Linux). Pure math.

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface PlacementInput {
  size: { width: number; height: number }
  /** The tray icon's bounds; absent or all zero on Linux. */
  tray?: Rect
  /** The display's whole area and the part left by panels and taskbars. */
  bounds: Rect
  workArea: Rect
}

/** Space kept between the popover and the panel or the screen edge. */
export const GAP = 8

type Side = 'top' | 'bottom' | 'left' | 'right'

/** The screen edge the tray icon sits on: the one nearest to it. */
export function traySide(tray: Rect, bounds: Rect): Side {
  const distances: [Side, number][] = [
    ['top', tray.y - bounds.y],
    ['bottom', bounds.y + bounds.height - (tray.y + tray.height)],
    ['left', tray.x - bounds.x],
    ['right', bounds.x + bounds.width - (tray.x + tray.width)]
  ]
  return distances.reduce((a, b) => (b[1] < a[1] ? b : a))[0]
}

/**
 * Where the tray area probably is when the OS does not say (Linux): on a top or bottom panel
 * (GNOME's and Ubuntu's top bar, KDE's bottom panel) at its right end; a left-only panel puts
 * it top left. With no panel reserved at all, GNOME's top right.
 */
export function linuxCorner(
  bounds: Rect,
  workArea: Rect
): { side: 'top' | 'bottom'; end: 'left' | 'right' } {
  const top = workArea.y - bounds.y
  const bottom = bounds.y + bounds.height - (workArea.y + workArea.height)
  const left = workArea.x - bounds.x
  const right = bounds.x + bounds.width - (workArea.x + workArea.width)
  if (top > 0) return { side: 'top', end: 'right' }
  if (bottom > 0) return { side: 'bottom', end: 'right' }
  if (left > 0 && right <= 0) return { side: 'top', end: 'left' }
  return { side: 'top', end: 'right' }
}

const clamp = (v: number, lo: number, hi: number): number =>
  Math.max(lo, Math.min(v, Math.max(lo, hi)))

/** Top-left corner of the popover, in whole pixels, always inside the work area. */
export function popoverPosition({ size, tray, bounds, workArea }: PlacementInput): {
  x: number
  y: number
} {
  const minX = workArea.x + GAP
  const maxX = workArea.x + workArea.width - size.width - GAP
  const minY = workArea.y + GAP
  const maxY = workArea.y + workArea.height - size.height - GAP
  const hasTray = tray !== undefined && tray.width > 0 && tray.height > 0
  let x: number
  let y: number
  if (hasTray) {
    const side = traySide(tray, bounds)
    const cx = tray.x + tray.width / 2
    const cy = tray.y + tray.height / 2
    if (side === 'left' || side === 'right') {
      x = side === 'left' ? tray.x + tray.width + GAP : tray.x - size.width - GAP
      y = cy - size.height / 2
    } else {
      x = cx - size.width / 2
      y = side === 'top' ? tray.y + tray.height + GAP : tray.y - size.height - GAP
    }
  } else {
    const corner = linuxCorner(bounds, workArea)
    x = corner.end === 'left' ? minX : maxX
    y = corner.side === 'bottom' ? maxY : minY
  }
  return { x: Math.round(clamp(x, minX, maxX)), y: Math.round(clamp(y, minY, maxY)) }
}
