import type { Notice, Problem, SerialPortInfo } from '../../contract'
import { problem } from '../util/problem'
import { listPorts, pickBoard, type PortLister } from './detect'

/** How often `serial auto` looks for a board while none is connected. */
export const AUTO_SCAN_MS = 1500

/**
 * The serial ports of this computer: lists them on request (never throwing), and while `auto`
 * is searching, lists them every AUTO_SCAN_MS and hands over the first known ESP32 board.
 */
export class PortScanner {
  private timer: NodeJS.Timeout | undefined
  private known: SerialPortInfo[] = []

  constructor(
    private readonly lister: PortLister,
    private readonly notify: (level: Notice['level'], p: Problem) => void
  ) {}

  /** The ports found by the last listing. */
  get ports(): SerialPortInfo[] {
    return this.known
  }

  /** Lists serial ports (a missing udevadm only means an empty list and a note, once). */
  async list(): Promise<SerialPortInfo[]> {
    const { ports, error } = await listPorts(this.lister)
    if (error && !this.known.length)
      this.notify(
        'info',
        problem(
          'serial-list-failed',
          `Serial ports cannot be listed here (${error}); type the port's path instead.`,
          { reason: error }
        )
      )
    this.known = ports
    return ports
  }

  /** Scans now and every AUTO_SCAN_MS until stopped; `found` gets each board seen. */
  start(found: (board: SerialPortInfo) => Promise<void>): void {
    if (this.timer) return
    const scan = async (): Promise<void> => {
      const ports = await this.list()
      if (!this.timer) return
      const board = pickBoard(ports)
      if (board) await found(board)
    }
    this.timer = setInterval(() => void scan(), AUTO_SCAN_MS)
    void scan()
  }

  /** Stops scanning (a board was found, or the serial setting changed). */
  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }
}
