// The real tray behind TrayService's seam: Electron's Tray, Menu and nativeImage.
import { Menu, nativeImage, Tray } from 'electron'
import type { CreateTray, TrayLike } from './tray'

/** Creates Electron's Tray; nativeImage picks the @2x file by itself on high-DPI screens. */
export const createElectronTray: CreateTray = (iconFile: string): TrayLike => {
  const image = (file: string): Electron.NativeImage => {
    const img = nativeImage.createFromPath(file)
    // names ending in "Template" are template images already; say so for older macOS too
    if (process.platform === 'darwin') img.setTemplateImage(true)
    return img
  }
  const tray = new Tray(image(iconFile))
  // On macOS a set context menu swallows the left click that toggles the popover, so the menu
  // pops up on right click there; elsewhere it is set (AppIndicator shows nothing without it).
  let menu: Electron.Menu | undefined
  if (process.platform === 'darwin')
    tray.on('right-click', () => menu && tray.popUpContextMenu(menu))
  return {
    setImage: (file) => tray.setImage(image(file)),
    setToolTip: (text) => tray.setToolTip(text),
    setContextMenu: (items) => {
      menu = Menu.buildFromTemplate(items)
      if (process.platform !== 'darwin') tray.setContextMenu(menu)
    },
    onClick: (listener) => tray.on('click', () => listener()),
    getBounds: () => {
      const b = tray.getBounds()
      return b.width > 0 && b.height > 0 ? b : undefined
    },
    destroy: () => tray.destroy()
  }
}
