// The window: a frameless popover by the tray that hides on blur (macOS, Windows), a normal
// small window placed by the window manager (Linux); desktop.ts decides which. Its contents are
// locked down (no new windows, no navigation) by index.ts for every window.
import { BrowserWindow, screen } from 'electron'
import { hidesOnBlur, OwnDialogs, type WindowStyle } from './desktop'
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
  /** The platform's kind of window (desktop.ts). */
  style: WindowStyle
  /** Keep it open when it loses focus even where the style hides it (a test's switch). */
  keepOnBlur?: boolean
  /** DevTools in development only. */
  devTools: boolean
}

/** Owns the popover window: created hidden at start, toggled and placed by the tray. */
export class Popover {
  readonly window: BrowserWindow
  /** Its own dialogs: losing focus to one of them does not hide it. */
  readonly dialogs = new OwnDialogs()
  private hiddenByBlurAt = 0
  private quitting = false

  constructor(private readonly opts: PopoverOptions) {
    const { style } = opts
    this.window = new BrowserWindow({
      ...POPOVER_SIZE,
      show: false,
      frame: style.frame,
      resizable: style.movable,
      movable: style.movable,
      minimizable: style.movable,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: style.skipTaskbar,
      title: 'Puente',
      webPreferences: secureWebPreferences(opts.preload, { devTools: opts.devTools })
    })
    // a menu-bar app shows on the Space the user is on, over full-screen apps too
    if (style.allWorkspaces)
      this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true })
    this.window.on('blur', () => {
      const hide = hidesOnBlur({
        style,
        keepOnBlur: Boolean(this.opts.keepOnBlur),
        devToolsOpen: this.window.webContents.isDevToolsOpened(),
        dialogsOpen: this.dialogs.open
      })
      if (!hide) return
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

  /** Brings the window up: by the tray icon for a popover, where the window manager says else. */
  show(): void {
    if (this.opts.style.placeByTray) this.place()
    if (this.window.isMinimized()) this.window.restore()
    this.window.show()
    this.window.focus()
  }

  private place(): void {
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
