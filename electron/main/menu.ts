// The application menu: none on Linux and Windows, so Ctrl+R (reload) and Ctrl+Shift+I / F12
// (DevTools) do nothing; on macOS only the Edit menu, whose shortcuts (copy, paste, undo) text
// fields need there, with no reload or DevTools item.
import type { MenuItemConstructorOptions } from 'electron'

/** The template for Menu.buildFromTemplate, or null for Menu.setApplicationMenu(null). */
export function applicationMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  return platform === 'darwin' ? [{ role: 'editMenu' }] : null
}

/** Every role a template reaches, submenus included (tests check none reloads or opens DevTools). */
export function menuRoles(template: MenuItemConstructorOptions[] | null): string[] {
  return (template ?? []).flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? menuRoles(item.submenu) : [])
  ])
}
