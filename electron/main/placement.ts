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

/** Which screen edge holds the panel/taskbar, judged by what it takes from the work area. */
export function panelSide(bounds: Rect, workArea: Rect): Side {
  const taken: [Side, number][] = [
    ['top', workArea.y - bounds.y],
    ['bottom', bounds.y + bounds.height - (workArea.y + workArea.height)],
    ['left', workArea.x - bounds.x],
    ['right', bounds.x + bounds.width - (workArea.x + workArea.width)]
  ]
  const [side, px] = taken.reduce((a, b) => (b[1] > a[1] ? b : a))
  // no panel reserved (hidden, or a dock that floats): GNOME and most desktops show the tray top right
  return px > 0 ? side : 'top'
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(v, Math.max(lo, hi)))

/** Top-left corner of the popover, in whole pixels, always inside the work area. */
export function popoverPosition({ size, tray, bounds, workArea }: PlacementInput): { x: number; y: number } {
  const side = panelSide(bounds, workArea)
  const minX = workArea.x + GAP
  const maxX = workArea.x + workArea.width - size.width - GAP
  const minY = workArea.y + GAP
  const maxY = workArea.y + workArea.height - size.height - GAP
  const hasTray = tray !== undefined && tray.width > 0 && tray.height > 0
  let x: number
  let y: number
  if (hasTray) {
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
    // Linux: the corner where the tray usually is on that panel
    x = side === 'left' ? minX : maxX
    y = side === 'bottom' ? maxY : minY
  }
  return { x: Math.round(clamp(x, minX, maxX)), y: Math.round(clamp(y, minY, maxY)) }
}
