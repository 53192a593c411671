// The tray app's main process: it only wires the core, the tray, the popover and IPC together.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron'
import { version } from '../../package.json'
import { TRAFFIC_TAKEN_CHANNEL, type EventName, type Events, type WindowTab } from '../contract'
import { startPuente, type Puente } from '../core/puente'
import { errorText, problem } from '../core/util/problem'
import {
  appUserModelId,
  RelaunchShows,
  sessionEnd,
  startWindow,
  type SessionEndPhase,
  takeFirstStart,
  TRAY_HINT_CODE,
  windowStyle
} from './desktop'
import { forwardEvents, ownSender, registerCommands } from './ipc'
import { shellHandlers } from './shell-commands'
import { applicationMenu } from './menu'
import { PacedWindow } from './paced-window'
import {
  applyAutostart,
  AUTOSTART_FAILED_CODE,
  loginItemAtStart,
  reapplyAtStart
} from './autostart'
import { openSecretStore, SEALED_SECRETS_CODE } from './secrets'
import { lockDownContents, withCsp } from './security'
import { testKeepsOnBlur, testOverrides, testUserDataDir, underTest } from './test-hooks'
import { TrayService } from './tray'
import { followHub, toggleClassBroker } from './tray-follow'
import { createElectronTray } from './tray-electron'
import { trayLanguage } from './tray-texts'
import { Popover } from './window'

const testDir = testUserDataDir()
if (testDir) app.setPath('userData', testDir)

/** resources/ beside the app in development, in the package's resources when installed. */
function resourcesDir(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'resources')
    : path.join(app.getAppPath(), 'resources')
}

/** The renderer's page: electron-vite's dev server in `electron-vite dev`, the built file else. */
function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL
  if (!app.isPackaged && dev) return dev
  return pathToFileURL(path.join(__dirname, '../renderer/index.html')).href
}

/** Session-wide defaults: the CSP header, no permission prompts except copying to the clipboard. */
function secureSession(): void {
  const s = session.defaultSession
  s.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.responseHeaders) })
  )
  s.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write')
  )
  // every window, including any a bug might open, gets the same locks
  app.on('web-contents-created', (_event, contents) =>
    // electronegativity OPEN_EXTERNAL_JS_CHECK: lockDownContents passes only http/https URLs on
    lockDownContents(contents, { openExternal: (u) => shell.openExternal(u) })
  )
}

async function main(relaunch: RelaunchShows): Promise<void> {
  await app.whenReady()
  const platform = process.platform
  if (platform === 'darwin') app.dock?.hide()
  const modelId = appUserModelId(platform)
  if (modelId) app.setAppUserModelId(modelId)
  // no reload, no DevTools shortcuts (macOS keeps its Edit menu for copy and paste)
  const menu = applicationMenu(platform)
  Menu.setApplicationMenu(menu && Menu.buildFromTemplate(menu))
  secureSession()

  const dataDir = app.getPath('userData')
  let hub: Puente
  let sealedSecrets = false
  try {
    const secrets = await openSecretStore(dataDir, platform, safeStorage)
    sealedSecrets = secrets.notice
    hub = await startPuente({
      dataDir,
      host: 'electron',
      version,
      keepGoing: true,
      secrets: secrets.store,
      overrides: testOverrides()
    })
  } catch (err) {
    const reason = errorText(err)
    console.error(`Puente could not start: ${reason}`)
    if (!underTest()) dialog.showErrorBox('Puente', reason)
    app.exit(1)
    return
  }

  if (sealedSecrets)
    hub.notices.notify(
      'warning',
      problem(
        SEALED_SECRETS_CODE,
        'No system keyring is running, so passwords are kept in a sealed file only your user can read.'
      )
    )

  const url = rendererUrl()
  let popover: Popover | undefined
  /** Sends a contract event to our window alone. */
  const sendToWindow = <K extends EventName>(name: K, payload: Events[K]): void => {
    const contents = popover?.window.webContents
    if (contents && !contents.isDestroyed()) contents.send(name, payload)
  }
  /** Shows the window on a section; a page still loading gets the request once it has loaded. */
  const openTab = (tab: WindowTab): void => {
    popover?.show()
    const contents = popover?.window.webContents
    if (contents?.isLoading())
      contents.once('did-finish-load', () => sendToWindow('app:show-tab', { tab }))
    else sendToWindow('app:show-tab', { tab })
  }
  const tray: TrayService = new TrayService({
    createTray: createElectronTray,
    iconDir: path.join(resourcesDir(), 'tray'),
    platform: process.platform,
    language: trayLanguage(hub.settings.language, app.getLocale()),
    actions: {
      open: () => popover?.show(),
      toggle: () => popover?.toggle(),
      connect: () => void hub.invoke('mqtt:connect', {}),
      disconnect: () => void hub.invoke('mqtt:disconnect', {}),
      classBroker: () => void toggleClassBroker(hub, tray, openTab),
      quit: () => app.quit()
    }
  })
  tray.start()
  followHub(tray, hub, app.getLocale())

  popover = new Popover({
    preload: path.join(__dirname, '../preload/index.js'),
    url,
    trayBounds: () => tray.bounds(),
    style: windowStyle(platform),
    keepOnBlur: testKeepsOnBlur(),
    devTools: !app.isPackaged
  })
  const win = popover.window
  const dialogs = popover.dialogs
  const shellCommands = shellHandlers({
    openPath: (dir) => shell.openPath(dir),
    // the window stays while its own save dialog has the focus
    showSaveDialog: (opts) => dialogs.during(() => dialog.showSaveDialog(win, opts)),
    logDir: path.join(dataDir, 'traffic'),
    saveDir: app.getPath('documents'),
    language: () => trayLanguage(hub.settings.language, app.getLocale()),
    exportToFile: (filter, format, file) =>
      hub.services.history.exports.toFile(filter, format, file)
  })
  const isOwnSender = ownSender({
    windowOf: (c) => BrowserWindow.fromWebContents(c),
    window: () => win,
    appUrl: url
  })
  registerCommands(ipcMain, hub, isOwnSender, shellCommands)
  // traffic goes as fast as the page takes it; a page (re)loaded starts from a snapshot
  const paced = new PacedWindow(sendToWindow)
  ipcMain.on(TRAFFIC_TAKEN_CHANNEL, (e) => isOwnSender(e) && paced.taken())
  win.webContents.on('did-start-loading', () => paced.reset())
  win.webContents.on('render-process-gone', () => paced.reset())
  forwardEvents(hub, paced.event)

  const login = {
    setLoginItemSettings: (s: Electron.Settings): void => app.setLoginItemSettings(s),
    getLoginItemSettings: () => app.getLoginItemSettings()
  }
  /** "Arrancar con el ordenador": a failure says why in the window, the app goes on. */
  const autostart = (enabled: boolean): void => {
    const launch = {
      execPath: process.execPath,
      packaged: app.isPackaged,
      appPath: app.getAppPath(),
      appImage: process.env.APPIMAGE
    }
    const deps = { platform, env: process.env, home: app.getPath('home'), launch, ...login }
    applyAutostart(enabled, deps).then(
      (said) => {
        if (said) hub.notices.notify('warning', said)
      },
      (err: unknown) => {
        const reason = errorText(err)
        const text = `Puente could not change whether it starts with the computer: ${reason}`
        hub.notices.notify('warning', problem(AUTOSTART_FAILED_CODE, text, { reason }))
      }
    )
  }
  let openAtLogin = hub.settings.app.openAtLogin
  // refreshed at each start where the program's path may change (a moved AppImage); macOS is
  // asked whether the user has allowed it yet
  if (openAtLogin && reapplyAtStart(platform)) autostart(true)
  const notAllowed = openAtLogin
    ? loginItemAtStart(platform, login.getLoginItemSettings)
    : undefined
  if (notAllowed) hub.notices.notify('warning', notAllowed)
  hub.events.on('settings:changed', (s) => {
    if (s.app.openAtLogin === openAtLogin) return
    openAtLogin = s.app.openAtLogin
    autostart(openAtLogin)
  })

  relaunch.attach(() => popover?.show())
  const start = startWindow({
    platform,
    firstStart: await takeFirstStart(dataDir),
    showWindowAtStart: hub.settings.app.showWindowAtStart
  })
  if (start.trayHint)
    hub.notices.notify(
      'info',
      problem(
        TRAY_HINT_CODE,
        "Puente keeps running in the panel's tray area; if your desktop shows no tray, start Puente again to bring this window back."
      )
    )
  if (start.show) popover.show()
  // a tray app stays alive with no window open
  app.on('window-all-closed', () => undefined)
  let stopped = false
  let stopping: Promise<void> | undefined
  // the core says `offline` on the broker, sends its last will and flushes the log
  const stopCore = (): Promise<void> =>
    (stopping ??= hub.stop().catch((err: unknown) => console.error('stopping Puente:', err)))
  // Windows ends a session (log-off, shutdown) without before-quit: quit as the tray's Quit does
  const onSessionEnd = (phase: SessionEndPhase): void => {
    const plan = sessionEnd(platform, phase)
    if (plan.flushSync) hub.traffic.log?.flushSync()
    if (plan.quit) app.quit()
  }
  win.on('query-session-end', () => onSessionEnd('query-session-end'))
  win.on('session-end', () => onSessionEnd('session-end'))
  app.on('before-quit', (event) => {
    if (stopped) return popover?.destroy()
    event.preventDefault()
    // hidden, not destroyed, while the core stops: Windows' session-end still reaches it
    if (!win.isDestroyed()) win.hide()
    void stopCore().finally(() => {
      stopped = true
      tray.destroy()
      app.quit()
    })
  })
  if (underTest()) Object.assign(globalThis, { __puente: { hub, tray, popover } })
}

if (!app.requestSingleInstanceLock()) {
  // another Puente runs: it shows its window (second-instance) and this one leaves
  app.quit()
} else {
  // launching Puente again is the way back to it where no tray icon shows (stock GNOME): heard
  // from now on, even while the core starts
  const relaunch = new RelaunchShows()
  app.on('second-instance', () => relaunch.launched())
  main(relaunch).catch((err: unknown) => {
    console.error('Puente failed:', err)
    app.exit(1)
  })
}
