// How Puente behaves on each desktop: the window's kind, whether it shows at start, which OS
// events stop the core, the Windows app id. Plain functions of the platform and Electron's
// answers, so linux, darwin and win32 are all tested in Node; index.ts applies them.
import { readShellState, updateShellState } from './shell-state'

/** electron-builder.yml's appId (test/unit/shell/builder.spec.ts keeps the two equal). */
export const APP_ID = 'org.puente.app'

/** What kind of window Puente opens on a platform. */
export interface WindowStyle {
  /** A frameless popover by the tray icon (macOS, Windows) or a normal window (Linux). */
  frame: boolean
  /** Hide when it loses focus: a popover does; a normal window does not. */
  hideOnBlur: boolean
  /** Place it by the tray icon; else the window manager places it (Wayland ignores setPosition). */
  placeByTray: boolean
  /** Out of the taskbar: only a popover, whose way back is the tray icon. */
  skipTaskbar: boolean
  /** Shown on the Space the user is on, over full-screen apps too (macOS menu-bar apps). */
  allWorkspaces: boolean
  /** The user may move and resize it (a normal window). */
  movable: boolean
}

/**
 * On Linux the tray may be missing (GNOME without AppIndicator) or hand focus back to its panel
 * (which would hide a popover at once), and Wayland ignores positions: a normal window there.
 */
export function windowStyle(platform: NodeJS.Platform): WindowStyle {
  if (platform === 'darwin' || platform === 'win32') {
    return {
      frame: false,
      hideOnBlur: true,
      placeByTray: true,
      skipTaskbar: true,
      allWorkspaces: platform === 'darwin',
      movable: false
    }
  }
  return {
    frame: true,
    hideOnBlur: false,
    placeByTray: false,
    skipTaskbar: false,
    allWorkspaces: false,
    movable: true
  }
}

/** What decides whether the window hides when it loses focus. */
export interface BlurInput {
  style: WindowStyle
  /** A test asked to keep it (PUENTE_KEEP_ON_BLUR). */
  keepOnBlur: boolean
  devToolsOpen: boolean
  /** Dialogs the window opened and that are still open (the export's save dialog). */
  dialogsOpen: number
}

/**
 * Whether losing focus hides the window: a popover does, except while its own dialog has the
 * focus (hiding would take the dialog's parent away mid-choice) or DevTools are open.
 */
export function hidesOnBlur({ style, keepOnBlur, devToolsOpen, dialogsOpen }: BlurInput): boolean {
  return style.hideOnBlur && !keepOnBlur && !devToolsOpen && dialogsOpen === 0
}

/** Counts the window's open dialogs, so that blurring to one of them does not hide the window. */
export class OwnDialogs {
  private count = 0

  /** Dialogs open now. */
  get open(): number {
    return this.count
  }

  /** Runs a dialog, counted as open until it settles (chosen, cancelled or failed). */
  async during<T>(dialog: () => Promise<T>): Promise<T> {
    this.count++
    try {
      return await dialog()
    } finally {
      this.count--
    }
  }
}

/**
 * Launching Puente again shows the window (the way back where no tray icon shows). The launch
 * is heard from the single-instance lock on, while the core may still be starting: a launch
 * before the window exists shows it as soon as it does.
 */
export class RelaunchShows {
  private show: (() => void) | undefined
  private pending = false

  /** Another launch of Puente (Electron's `second-instance`). */
  launched(): void {
    if (this.show) this.show()
    else this.pending = true
  }

  /** The window exists now: how to show it (at once, if a launch is waiting). */
  attach(show: () => void): void {
    this.show = show
    if (!this.pending) return
    this.pending = false
    show()
  }
}

export interface StartInput {
  platform: NodeJS.Platform
  /** No earlier start in this data directory showed the window. */
  firstStart: boolean
  /** The setting "Mostrar la ventana al arrancar". */
  showWindowAtStart: boolean
}

/**
 * Whether the window opens at start, and whether it says where the tray icon is: on Linux the
 * first start shows it once (there may be no tray at all), the setting shows it every time.
 */
export function startWindow({ platform, firstStart, showWindowAtStart }: StartInput): {
  show: boolean
  trayHint: boolean
} {
  const linuxFirst = platform === 'linux' && firstStart
  return { show: showWindowAtStart || linuxFirst, trayHint: linuxFirst }
}

/** The Problem code of the notice that says where the tray icon is (translated by the window). */
export const TRAY_HINT_CODE = 'shell-tray-hint'

/** Windows's two messages when a session ends: the first comes while it may still be refused. */
export type SessionEndPhase = 'query-session-end' | 'session-end'

/** What the shell does on one of them. */
export interface SessionEndPlan {
  /** Begin the tray's clean Quit: `offline` on the broker, the last will, the log flushed. */
  quit: boolean
  /** Write the log's queued lines with blocking calls now: the process may die on return. */
  flushSync: boolean
}

/**
 * Windows ends a session (log-off, shutdown, an installer closing apps) without `before-quit`,
 * so the quit begins at `query-session-end`, the earliest word of it; at `session-end`, after
 * which Windows may kill the process at any moment, what the log still holds is written at once.
 * The shutdown is not delayed: Windows would show "Puente is preventing shutdown" at every
 * log-off. Elsewhere these events do not exist (before-quit comes).
 */
export function sessionEnd(platform: NodeJS.Platform, phase: SessionEndPhase): SessionEndPlan {
  if (platform !== 'win32') return { quit: false, flushSync: false }
  return { quit: true, flushSync: phase === 'session-end' }
}

/** The AppUserModelID to set (Windows groups notifications and the taskbar by it), or none. */
export function appUserModelId(platform: NodeJS.Platform): string | undefined {
  return platform === 'win32' ? APP_ID : undefined
}

/**
 * True the first time it is asked in `dataDir` (then remembered on disk): the Linux first start.
 * A file that cannot be read counts as a first start; one that cannot be written just repeats.
 */
export async function takeFirstStart(dataDir: string): Promise<boolean> {
  if ((await readShellState(dataDir)).windowShown === true) return false
  try {
    await updateShellState(dataDir, { windowShown: true })
  } catch {
    // a read-only data dir: the hint shows again next time, which is harmless
  }
  return true
}
