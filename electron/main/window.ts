// The popover: one small frameless window, shown by the tray, hidden when it loses focus.
// Its contents are locked down (no new windows, no navigation) by index.ts for every window.
import { BrowserWindow, screen } from 'electron'
import { popoverPosition, type Rect } from './placement'
import { secureWebPreferences } from './security'

/** Sized for a tray popover: room for the tabs and a list, small enough to sit by the tray. */
export const POPOVER_SIZE = { width: 420, height: 600 }

export interface PopoverOptions {
  preload: string
  /** The renderer: a file:// URL of out/renderer/index.html, or the dev server's URL. */
  url: string
  /** The tray icon's bounds now (undefined on Linux). */
  trayBounds: () => Rect | undefined
  /**
   * Keep it open when it loses focus: index.ts sets it only under test. Otherwise it hides on blur
   * on every platform, Linux included (there the taskbar entry brings it back).
   */
  keepOnBlur?: boolean
}

/** Owns the popover window: created hidden at start, toggled and placed by the tray. */
export class Popover {
  readonly window: BrowserWindow
  private hiddenByBlurAt = 0
  private quitting = false

  constructor(private readonly opts: PopoverOptions) {
    this.window = new BrowserWindow({
      ...POPOVER_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      // Linux: AppIndicator cannot toggle it, so the taskbar is a way back to it
      skipTaskbar: process.platform !== 'linux',
      title: 'Puente',
      webPreferences: secureWebPreferences(opts.preload)
    })
    this.window.on('blur', () => {
      if (this.opts.keepOnBlur || this.window.webContents.isDevToolsOpened()) return
      this.hiddenByBlurAt = Date.now()
      this.window.hide()
    })
    // closing hides: the app lives in the tray until Quit
    this.window.on('close', (event) => {
      if (this.quitting) return
      event.preventDefault()
      this.window.hide()
    })
    void this.window.loadURL(opts.url)
  }

  /** Places the popover by the tray (or the panel's corner) and brings it up. */
  show(): void {
    const tray = this.opts.trayBounds()
    const display = tray
      ? screen.getDisplayMatching(tray)
      : screen.getDisplayNearestPoint(screen.getCursorScreenPoint())
    const { x, y } = popoverPosition({
      size: POPOVER_SIZE,
      tray,
      bounds: display.bounds,
      workArea: display.workArea
    })
    this.window.setPosition(x, y, false)
    this.window.show()
    this.window.focus()
  }

  /** The tray's left click: hide when shown, show when hidden. */
  toggle(): void {
    if (this.window.isVisible()) return this.window.hide()
    // a click on the tray first blurs (and hides) the popover; that same click must not reopen it
    if (Date.now() - this.hiddenByBlurAt < 300) return
    this.show()
  }

  /** Lets the window really close (on quit). */
  destroy(): void {
    this.quitting = true
    if (!this.window.isDestroyed()) this.window.destroy()
  }
}
