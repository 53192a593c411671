import { isUtf8 } from 'node:buffer'
import { SerialPort } from 'serialport'
import type {
  BoardButton,
  BoardLine,
  BoardRejected,
  BoardSnapshot,
  BoardStatus,
  Colour,
  FirmwareProgress,
  Problem,
  SerialPortInfo
} from '../../contract'
import type { ServiceContext } from '../context'
import { ErrorTopicLimiter } from '../error-topic'
import type { Service } from '../service'
import { errorText, problem, PuenteError } from '../util/problem'
import { listPorts, pickBoard, type PortLister } from './detect'
import { FIRMWARE_VERSION, firmwareFiles } from './firmware'
import { InstallError, RawReplInstaller } from './installer'
import { LineSplitter, MAX_LINE_BYTES } from './lines'
import type { BoardLink, LinkFactory } from './link-types'
import { serialLink } from './serial-link'
import { colourLine, parseBoardLine, parseColourPayload } from './protocol'

const KEEP_LINES = 200
const KEEP_REJECTED = 20
const WINDOW_BATCH_MS = 100
const MAX_BATCH_LINES = 500
const AUTO_SCAN_MS = 1500
const MAX_ERROR_PAYLOAD = 200
/** Asks the firmware to say hello again. */
export const HELLO_QUERY = '{"hello":"?"}\n'

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
 * The USB board bridge: keeps the serial link (found by USB ids or a given path, reconnecting
 * after a replug), turns button lines into messages on the button topic, colours on the LED topic
 * into lines for the board, and everything else the board prints into the serial topic.
 * The serial ↔ MQTT path has no timers or batching; only the window's line updates are batched.
 */
export class BoardService implements Service {
  readonly name = 'board'
  private link: BoardLink | undefined
  private readonly splitter = new LineSplitter({
    line: (bytes) => this.onLine(bytes),
    overflow: (n) => this.onOverflow(n)
  })
  private st: BoardStatus = { state: 'off', mode: 'off', since: new Date().toISOString() }
  private lines: BoardLine[] = []
  private pending: BoardLine[] = []
  private dropped = 0
  private batchTimer: NodeJS.Timeout | undefined
  private lastPress: BoardButton | undefined
  private rejected: BoardRejected[] = []
  /** The colour the board should show; re-sent after every (re)connection and hello. */
  private wanted: Colour | undefined
  private scanTimer: NodeJS.Timeout | undefined
  private ports: SerialPortInfo[] = []
  private applied = ''
  private applying: Promise<void> = Promise.resolve()
  private installer: RawReplInstaller | undefined
  private progress: FirmwareProgress | undefined
  private warnedText = false
  private offSettings: (() => void) | undefined
  private stopped = false
  /** puente/<id>/error: one message a second per source and reason, with the count. */
  private readonly errors = new ErrorTopicLimiter((body) => {
    this.ctx
      .publish(
        `puente/${this.ctx.settings.current.mqtt.clientId}/error`,
        Buffer.from(JSON.stringify(body)),
        0,
        false
      )
      .catch(() => {})
  })

  private readonly lister: PortLister
  private readonly links: Readonly<Record<string, LinkFactory>>

  constructor(
    private readonly ctx: BoardContext,
    opts: BoardServiceOptions = {}
  ) {
    this.lister = opts.lister ?? ((): ReturnType<PortLister> => SerialPort.list())
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
    this.stopScan()
    if (this.batchTimer) clearTimeout(this.batchTimer)
    this.errors.stop()
    await this.link?.stop()
    this.link = undefined
  }

  subscriptions(): Iterable<string> {
    return [this.ctx.settings.current.topics.led]
  }

  /** The LED topic → the board (validated; a bad colour is refused and the LED keeps its colour). */
  onMessage(topic: string, payload: Buffer): void {
    if (topic !== this.ctx.settings.current.topics.led) return
    const c = parseColourPayload(payload)
    if (!c.ok) return this.reject('colour', topic, c.reason, payload)
    this.setWanted(c.colour)
  }

  get status(): BoardStatus {
    return this.st
  }

  /** Everything the board card needs when a window opens. */
  snapshot(): BoardSnapshot {
    return {
      status: this.st,
      ports: this.ports,
      lines: [...this.lines],
      lastPress: this.lastPress,
      rejected: [...this.rejected],
      firmware: FIRMWARE_VERSION,
      progress: this.progress
    }
  }

  /** Lists serial ports (never throws: a missing udevadm only means an empty list and a note). */
  async listPorts(): Promise<SerialPortInfo[]> {
    const { ports, error } = await listPorts(this.lister)
    if (error && !this.ports.length)
      this.ctx.notify(
        'info',
        problem(
          'serial-list-failed',
          `Serial ports cannot be listed here (${error}); type the port's path instead.`,
          {
            reason: error
          }
        )
      )
    this.ports = ports
    return ports
  }

  /** Saves the serial choice ('auto', 'off' or a path) and switches to it. */
  async selectPort(serial: string): Promise<BoardStatus> {
    await this.ctx.settings.update({ board: { serial } })
    await this.apply()
    return this.st
  }

  /** Publishes a colour on the LED topic so every board follows (this one directly when offline). */
  async setColour(c: Colour): Promise<Colour> {
    const payload = Buffer.from(colourLine(c).trimEnd())
    if (this.ctx.mqttStatus().state !== 'connected') {
      this.setWanted(c)
      return c
    }
    await this.ctx.publish(this.ctx.settings.current.topics.led, payload, 0, false)
    return c
  }

  /** Writes the firmware over the raw REPL (the window has asked the teacher first). */
  async installFirmware(): Promise<{ files: string[]; bytes: number }> {
    const link = this.link
    if (!link?.isOpen)
      throw new PuenteError(
        problem(
          'board-not-connected',
          'No board is connected: plug it in or choose its port first.'
        )
      )
    if (this.installer)
      throw new PuenteError(problem('firmware-busy', 'The firmware is already being installed.'))
    const files = firmwareFiles(this.ctx.settings.current.board)
    const installer = new RawReplInstaller(
      {
        write: (d) => void link.write(d),
        progress: (p) => {
          this.progress = p
          this.ctx.events.emit('firmware:progress', p)
        }
      },
      link.path
    )
    this.installer = installer
    this.setStatus({ state: 'installing', problem: undefined })
    try {
      await installer.install(files)
      return {
        files: files.map((f) => f.name),
        bytes: files.reduce((n, f) => n + f.data.length, 0)
      }
    } catch (err) {
      const p =
        err instanceof InstallError
          ? err.problem
          : problem('firmware-write', `Installing failed: ${errorText(err)}`)
      this.progress = {
        phase: 'failed',
        done: this.progress?.done ?? 0,
        total: this.progress?.total ?? 0,
        problem: p
      }
      this.ctx.events.emit('firmware:progress', this.progress)
      throw new PuenteError(p)
    } finally {
      this.installer = undefined
      this.splitter.clear()
      if (this.st.state === 'installing')
        this.setStatus({ state: link.isOpen ? 'connected' : 'disconnected' })
    }
  }

  // --- the link ---------------------------------------------------------------------------

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
    this.stopScan()
    await this.link?.stop()
    this.link = undefined
    this.splitter.clear()
    if (serial === 'off')
      return this.setStatus({ state: 'off', mode: 'off', port: undefined, problem: undefined })
    if (serial === 'auto') {
      this.setStatus({ state: 'searching', mode: 'auto', port: undefined, problem: undefined })
      this.startScan()
      return
    }
    this.setStatus({ state: 'opening', mode: 'path', port: serial, problem: undefined })
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

  private newLink(path: string, baud: number): BoardLink {
    const factory = Object.hasOwn(this.links, path) ? this.links[path] : serialLink
    const link: BoardLink = factory(path, baud, {
      opened: () => this.onOpened(link),
      data: (chunk) => {
        if (this.installer) this.installer.feed(chunk)
        else this.splitter.push(chunk)
      },
      lost: (p, unplugged) => this.onLost(link, p, unplugged)
    })
    this.link = link
    return link
  }

  private onOpened(link: BoardLink): void {
    if (link !== this.link) return
    this.stopScan()
    this.splitter.clear()
    this.warnedText = false
    this.setStatus({ state: 'connected', port: link.path, problem: undefined })
    // ask for the hello: boards on native USB do not reset (and greet) when the port opens
    link.write(HELLO_QUERY)
    this.sendWanted()
  }

  private onLost(link: BoardLink, p: Problem, unplugged: boolean): void {
    if (link !== this.link) return
    this.installer?.abort(p)
    this.splitter.clear()
    const waiting = unplugged || p.code === 'serial-missing'
    this.setStatus({ state: waiting ? 'disconnected' : 'error', port: link.path, problem: p })
    if (!waiting) this.ctx.notify('warning', p)
    if (this.st.mode === 'auto') this.startScan()
  }

  private startScan(): void {
    if (this.scanTimer || this.stopped) return
    const scan = async (): Promise<void> => {
      const ports = await this.listPorts()
      if (!this.scanTimer || this.link?.isOpen) return
      const board = pickBoard(ports)
      if (board && board.path !== this.link?.path) {
        await this.link?.stop()
        this.setStatus({ state: 'opening', port: board.path })
        await this.newLink(board.path, this.ctx.settings.current.board.baud)
          .open()
          .catch(() => {})
      }
    }
    this.scanTimer = setInterval(() => void scan(), AUTO_SCAN_MS)
    void scan()
  }

  private stopScan(): void {
    if (this.scanTimer) clearInterval(this.scanTimer)
    this.scanTimer = undefined
  }

  // --- the bridge -------------------------------------------------------------------------

  private setWanted(c: Colour): void {
    this.wanted = c
    this.sendWanted()
  }

  private sendWanted(): void {
    const c = this.wanted
    if (!c || this.installer || !this.link?.write(colourLine(c))) return
    if (this.st.sent?.r !== c.r || this.st.sent.g !== c.g || this.st.sent.b !== c.b)
      this.setStatus({ sent: c })
  }

  private onLine(bytes: Buffer): void {
    const utf8 = isUtf8(bytes)
    const text = bytes.toString('utf8')
    const msg = utf8 ? parseBoardLine(text) : { kind: 'text' as const }
    switch (msg.kind) {
      case 'button': {
        const at = new Date().toISOString()
        const board = this.st.boardId ?? 'unknown'
        if (msg.pressed) {
          const payload = Buffer.from(
            `{"pressed":true,"board":${JSON.stringify(board)},"at":"${at}"}`
          )
          this.ctx
            .publish(this.ctx.settings.current.topics.button, payload, 1, false, true)
            .catch(() => {})
        }
        this.lastPress = { pressed: msg.pressed, board, at }
        this.ctx.events.emit('board:button', this.lastPress)
        return
      }
      case 'hello':
        this.setStatus({ boardId: msg.id, firmware: msg.fw })
        this.sendWanted()
        return
      case 'led':
        this.setStatus({ colour: msg.colour })
        return
      case 'text':
        this.ctx.publish(this.ctx.settings.current.topics.serial, bytes, 0, false).catch(() => {})
        if (!utf8 && !this.warnedText) {
          this.warnedText = true
          this.ctx.notify(
            'warning',
            problem(
              'serial-not-text',
              `The board on ${this.link?.path ?? '?'} sent bytes that are not text: is the baud rate right (${this.ctx.settings.current.board.baud})?`,
              { port: this.link?.path ?? '', baud: this.ctx.settings.current.board.baud }
            )
          )
        }
        this.showLine(
          utf8
            ? { at: new Date().toISOString(), text }
            : { at: new Date().toISOString(), text, binary: true }
        )
    }
  }

  private onOverflow(bytes: number): void {
    const port = this.link?.path ?? ''
    this.reject(
      'serial line',
      port,
      problem(
        'serial-line-too-long',
        `The board on ${port} sent a line longer than ${MAX_LINE_BYTES / 1024} KB without a newline; it was dropped.`,
        {
          port,
          bytes
        }
      ),
      Buffer.alloc(0)
    )
  }

  private showLine(line: BoardLine): void {
    this.lines.push(line)
    if (this.lines.length > KEEP_LINES) this.lines.splice(0, this.lines.length - KEEP_LINES)
    if (this.pending.length < MAX_BATCH_LINES) this.pending.push(line)
    else this.dropped++
    if (!this.batchTimer)
      this.batchTimer = setTimeout(() => {
        this.batchTimer = undefined
        const lines = this.pending
        const dropped = this.dropped
        this.pending = []
        this.dropped = 0
        this.ctx.events.emit('board:line', { lines, dropped })
      }, WINDOW_BATCH_MS)
  }

  /** Refuses input: the window shows why, and it goes on puente/<client id>/error. */
  private reject(what: string, topic: string, reason: Problem, payload: Buffer): void {
    const text = payload.subarray(0, MAX_ERROR_PAYLOAD).toString('utf8')
    const r: BoardRejected = { at: new Date().toISOString(), what, topic, reason, payload: text }
    this.rejected.push(r)
    if (this.rejected.length > KEEP_REJECTED) this.rejected.shift()
    this.ctx.events.emit('board:rejected', r)
    this.ctx.notify('warning', reason)
    this.errors.report(topic, reason.code, {
      what,
      topic,
      reason: reason.message,
      code: reason.code,
      payload: text,
      at: r.at
    })
  }

  private setStatus(patch: Partial<BoardStatus>): void {
    const changedState = patch.state !== undefined && patch.state !== this.st.state
    this.st = { ...this.st, ...patch, ...(changedState ? { since: new Date().toISOString() } : {}) }
    this.ctx.events.emit('board:status', this.st)
  }
}
