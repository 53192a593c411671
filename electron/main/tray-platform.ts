// How the tray icon behaves per desktop, as plain functions of the platform and Electron's
// answers (tray-electron.ts applies them), so linux, darwin and win32 are all tested in Node.
import type { Rect } from './placement'

/** What differs between the desktops' tray icons. */
export interface TrayBehaviour {
  /**
   * 'right-click': macOS, where a set context menu swallows the left click that toggles the
   * popover, so the menu pops up on right click. 'context-menu': set on the icon (AppIndicator
   * shows nothing without it, and Windows opens it on right click by itself).
   */
  menu: 'context-menu' | 'right-click'
  /** Mark the image as a template, so the menu bar tints it (older macOS ignores the file name). */
  templateImage: boolean
}

/** The tray icon's behaviour on a platform. */
export function trayBehaviour(platform: NodeJS.Platform): TrayBehaviour {
  const mac = platform === 'darwin'
  return { menu: mac ? 'right-click' : 'context-menu', templateImage: mac }
}

/** Electron's Tray.getBounds(), or undefined where it is unknown (Linux answers all zeros). */
export function knownBounds(bounds: Rect): Rect | undefined {
  return bounds.width > 0 && bounds.height > 0 ? bounds : undefined
}
