import { SerialPort } from 'serialport'
import type { ServiceContext } from '../../context'
import { problem } from '../../util/problem'
import { listPorts, pickBoard, type PortLister } from '../detect'

/** How often the USB ports are looked at while the virtual board is the bridged one. */
const SCAN_MS = 3000

/**
 * While the virtual board is the bridged board, a USB board plugged in is offered (a notice
 * naming its port), never switched to by itself: the class may be in the middle of a demo.
 */
export class UsbOffer {
  private timer: NodeJS.Timeout | undefined
  private offered = new Set<string>()
  private scanning = false

  constructor(
    private readonly hub: Pick<ServiceContext, 'notify'>,
    private readonly lister: PortLister = () => SerialPort.list()
  ) {}

  /** Watches the ports while `on` (the virtual board is bridged); stops otherwise. */
  follow(on: boolean): void {
    if (on && !this.timer) {
      this.timer = setInterval(() => void this.scan(), SCAN_MS)
      void this.scan()
    } else if (!on) this.stop()
  }

  private async scan(): Promise<void> {
    if (this.scanning) return
    this.scanning = true
    try {
      const { ports } = await listPorts(this.lister)
      const board = pickBoard(ports)
      const present = new Set(ports.filter((p) => p.known).map((p) => p.path))
      // a board unplugged and plugged again is offered again
      for (const p of this.offered) if (!present.has(p)) this.offered.delete(p)
      if (!this.timer || !board || this.offered.has(board.path)) return
      this.offered.add(board.path)
      this.hub.notify(
        'info',
        problem(
          'usb-board-offered',
          `A USB board is plugged in on ${board.path}. The virtual board stays in use: choose the USB board in the Board tab to switch.`,
          { port: board.path }
        )
      )
    } finally {
      this.scanning = false
    }
  }

  /** Stops watching. */
  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }
}
