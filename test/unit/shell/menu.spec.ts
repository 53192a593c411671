// No reload and no DevTools shortcuts in Puente's window: no menu on Linux and Windows, the Edit
// menu alone on macOS (its copy and paste shortcuts are part of the menu there).
import { describe, expect, it } from 'vitest'
import { applicationMenu, menuRoles } from '../../../electron/main/menu'

const DANGEROUS = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu', 'windowMenu', 'appMenu']

describe('the application menu', () => {
  it('Linux and Windows: none at all', () => {
    expect(applicationMenu('linux')).toBeNull()
    expect(applicationMenu('win32')).toBeNull()
  })

  it('macOS: only the Edit menu, with nothing that reloads or opens DevTools', () => {
    const menu = applicationMenu('darwin')
    expect(menuRoles(menu)).toEqual(['editMenu'])
    expect(menuRoles([{ role: 'viewMenu', submenu: [{ role: 'reload' }] }])).toEqual([
      'viewMenu',
      'reload'
    ])
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      for (const role of menuRoles(applicationMenu(platform)))
        expect(DANGEROUS, `${platform}: ${role}`).not.toContain(role)
  })
})
