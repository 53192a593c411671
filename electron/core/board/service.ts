import { SerialPort } from 'serialport'
import type { BoardSnapshot, BoardStatus, Colour, Problem, SerialPortInfo } from '../../contract'
import type { ServiceContext } from '../context'
import type { Service } from '../service'
import { problem, PuenteError } from '../util/problem'
import { BoardBridge } from './bridge'
import type { PortLister } from './detect'
import { FIRMWARE_VERSION } from './firmware'
import { FirmwareInstall } from './firmware-install'
import type { BoardLink, LinkFactory } from './link-types'
import { PortScanner } from './scanner'
import { serialLink } from './serial-link'

/** What the board bridge uses of the hub. */
export interface BoardContext extends ServiceContext {
  /** The serial path given on the command line: it must open at start, or `serve` exits. */
  readonly requiredSerial?: string
}

export interface BoardServiceOptions {
  lister?: PortLister
  /** Links for special paths (the virtual board's 'virtual'); every other path is a serial port. */
  links?: Readonly<Record<string, LinkFactory>>
}

/**
 * The board part: follows the serial setting ('off', 'auto' or a path) with one board link
 * (found by USB ids or given by path, reconnecting after a replug), and puts the bridge rules,
 * the port scanner and the firmware installer together behind the board's commands.
 */
export class BoardService implements Service {
  readonly name = 'board'
  private link: BoardLink | undefined
  private readonly bridge: BoardBridge
  private readonly scanner: PortScanner
  private readonly firmware: FirmwareInstall
  private readonly links: Readonly<Record<string, LinkFactory>>
  private applied = ''
  private applying: Promise<void> = Promise.resolve()
  private offSettings: (() => void) | undefined
  private stopped = false

  constructor(
    private readonly ctx: BoardContext,
    opts: BoardServiceOptions = {}
  ) {
    this.bridge = new BoardBridge(ctx, () => this.link)
    this.scanner = new PortScanner(
      opts.lister ?? ((): ReturnType<PortLister> => SerialPort.list()),
      ctx.notify
    )
    this.firmware = new FirmwareInstall(ctx, this.bridge)
    this.links = opts.links ?? {}
  }

  async start(): Promise<void> {
    this.offSettings = this.ctx.settings.onChange(() => {
      void this.apply()
    })
    await this.apply(true)
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.offSettings?.()
    this.scanner.stop()
    this.bridge.stop()
    await this.link?.stop()
    this.link = undefined
  }

  subscriptions(): Iterable<string> {
    return this.bridge.subscriptions()
  }

  onMessage(topic: string, payload: Buffer): void {
    this.bridge.onMessage(topic, payload)
  }

  get status(): BoardStatus {
    return this.bridge.status
  }

  /** Everything the board card needs when a window opens. */
  snapshot(): BoardSnapshot {
    return {
      status: this.bridge.status,
      ports: this.scanner.ports,
      ...this.bridge.history(),
      firmware: FIRMWARE_VERSION,
      progress: this.firmware.progress
    }
  }

  /** Lists serial ports (never throws: a missing udevadm only means an empty list and a note). */
  listPorts(): Promise<SerialPortInfo[]> {
    return this.scanner.list()
  }

  /** Saves the serial choice ('auto', 'off' or a path) and switches to it. */
  async selectPort(serial: string): Promise<BoardStatus> {
    await this.ctx.settings.update({ board: { serial } })
    await this.apply()
    return this.bridge.status
  }

  /** Publishes a colour on the LED topic so every board follows (this one directly when offline). */
  setColour(c: Colour): Promise<Colour> {
    return this.bridge.setColour(c, this.ctx.mqttStatus().state === 'connected')
  }

  /** Writes the firmware over the raw REPL (the window has asked the teacher first). */
  installFirmware(): Promise<{ files: string[]; bytes: number }> {
    return this.firmware.install(this.link)
  }

  private apply(initial = false): Promise<void> {
    const next = this.applying.then(() => this.applyNow(initial))
    this.applying = next.catch(() => {})
    return next
  }

  private async applyNow(initial: boolean): Promise<void> {
    if (this.stopped) return
    const { serial, baud } = this.ctx.settings.current.board
    const key = `${serial}\n${baud}`
    if (key === this.applied) return
    this.applied = key
    this.scanner.stop()
    await this.link?.stop()
    this.link = undefined
    this.bridge.clear()
    const setStatus = (patch: Partial<BoardStatus>): void => this.bridge.setStatus(patch)
    if (serial === 'off')
      return setStatus({ state: 'off', mode: 'off', port: undefined, problem: undefined })
    if (serial === 'auto') {
      setStatus({ state: 'searching', mode: 'auto', port: undefined, problem: undefined })
      this.startScan()
      return
    }
    setStatus({ state: 'opening', mode: 'path', port: serial, problem: undefined })
    const link = this.newLink(serial, baud)
    try {
      await link.open()
    } catch (err) {
      // a path asked for on the command line must exist: `serve` then exits with the reason
      const p = err as Problem
      if (initial && this.ctx.requiredSerial === serial) {
        await link.stop()
        this.link = undefined
        throw new PuenteError(
          p.code === 'serial-missing'
            ? problem('serial-missing', `serial path missing: ${serial}`, { port: serial })
            : p
        )
      }
    }
  }

  /** The link for `path`: a special one (the virtual board) or a serial port. */
  private newLink(path: string, baud: number): BoardLink {
    const factory = Object.hasOwn(this.links, path) ? this.links[path] : serialLink
    const link: BoardLink = factory(path, baud, {
      opened: () => {
        if (link !== this.link) return
        this.scanner.stop()
        this.bridge.opened(link)
      },
      data: (chunk) => this.bridge.data(chunk),
      lost: (p, unplugged) => {
        if (link !== this.link) return
        this.firmware.abort(p)
        this.bridge.lost(link, p, unplugged)
        if (this.bridge.status.mode === 'auto') this.startScan()
      }
    })
    this.link = link
    return link
  }

  private startScan(): void {
    if (this.stopped) return
    this.scanner.start(async (board) => {
      if (this.link?.isOpen || board.path === this.link?.path) return
      await this.link?.stop()
      this.bridge.setStatus({ state: 'opening', port: board.path })
      await this.newLink(board.path, this.ctx.settings.current.board.baud)
        .open()
        .catch(() => {})
    })
  }
}
