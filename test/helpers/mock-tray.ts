// A mock of Electron's Tray (the Electron runtime does not exist here): TrayService gets it
// through its createTray seam and it records what a user would see — icon, tooltip, menu.
import path from 'node:path'
import {
  TrayService,
  type TrayActions,
  type TrayLike,
  type TrayMenuItem
} from '../../electron/main/tray'

export const ICONS = path.resolve(__dirname, '../../resources/tray')

export class MockElectronTray implements TrayLike {
  images: string[] = []
  tooltip = ''
  menus: TrayMenuItem[][] = []
  private click: (() => void) | undefined
  destroyed = false

  constructor(readonly firstIcon: string) {
    this.images.push(firstIcon)
  }
  setImage(iconFile: string): void {
    this.images.push(iconFile)
  }
  setToolTip(text: string): void {
    this.tooltip = text
  }
  setContextMenu(items: TrayMenuItem[]): void {
    this.menus.push(items)
  }
  onClick(listener: () => void): void {
    this.click = listener
  }
  getBounds(): undefined {
    return undefined
  }
  destroy(): void {
    this.destroyed = true
  }
  get icon(): string {
    return path.basename(this.images.at(-1)!)
  }
  get menu(): TrayMenuItem[] {
    return this.menus.at(-1)!
  }
  labels(): string[] {
    return this.menu.filter((i) => i.type !== 'separator').map((i) => i.label!)
  }
  item(id: string): TrayMenuItem | undefined {
    return this.menu.find((i) => i.id === id)
  }
  leftClick(): void {
    this.click?.()
  }
}

/** A started TrayService on the mock; actions default to recording their names in `calls`. */
export function mockTray(
  opts: { platform?: NodeJS.Platform; language?: 'es' | 'en'; actions?: Partial<TrayActions> } = {}
): { service: TrayService; tray: MockElectronTray; calls: string[] } {
  const calls: string[] = []
  const record = (name: string) => () => void calls.push(name)
  let mock: MockElectronTray | undefined
  const service = new TrayService({
    createTray: (icon) => (mock = new MockElectronTray(icon)),
    iconDir: ICONS,
    platform: opts.platform ?? 'linux',
    language: opts.language ?? 'es',
    actions: {
      open: record('open'),
      toggle: record('toggle'),
      connect: record('connect'),
      disconnect: record('disconnect'),
      classBroker: record('classBroker'),
      quit: record('quit'),
      ...opts.actions
    }
  })
  service.start()
  return { service, tray: mock!, calls }
}
