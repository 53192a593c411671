// The real tray behind TrayService's seam: Electron's Tray, Menu and nativeImage, behaving as
// tray-platform.ts decides for the platform.
import { Menu, nativeImage, Tray } from 'electron'
import type { CreateTray, TrayLike } from './tray'
import { knownBounds, trayBehaviour } from './tray-platform'

/** Creates Electron's Tray; nativeImage picks the @2x file by itself on high-DPI screens. */
export const createElectronTray: CreateTray = (iconFile: string): TrayLike => {
  const behaviour = trayBehaviour(process.platform)
  const image = (file: string): Electron.NativeImage => {
    const img = nativeImage.createFromPath(file)
    if (behaviour.templateImage) img.setTemplateImage(true)
    return img
  }
  const tray = new Tray(image(iconFile))
  let menu: Electron.Menu | undefined
  if (behaviour.menu === 'right-click')
    tray.on('right-click', () => menu && tray.popUpContextMenu(menu))
  return {
    setImage: (file) => tray.setImage(image(file)),
    setToolTip: (text) => tray.setToolTip(text),
    setContextMenu: (items) => {
      menu = Menu.buildFromTemplate(items)
      if (behaviour.menu === 'context-menu') tray.setContextMenu(menu)
    },
    onClick: (listener) => tray.on('click', () => listener()),
    getBounds: () => knownBounds(tray.getBounds()),
    destroy: () => tray.destroy()
  }
}
