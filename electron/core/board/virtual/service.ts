import { createHash } from 'node:crypto'
import type { Problem, VirtualFile, VirtualSnapshot, VirtualState } from '../../../contract'
import type { ServiceContext } from '../../context'
import type { Service } from '../../service'
import { errorText, problem, PuenteError } from '../../util/problem'
import { firmwareDir } from '../firmware'
import type { LinkFactory } from '../link-types'
import { ConsoleBuffer, hintLine, systemLine } from './console'
import { BoardFolder, boardDirFor, firmwareListing } from './files'
import { virtualLinkFactory, VIRTUAL_PATH, type VirtualPort } from './link'
import { UsbOffer } from './offer'
import { starterBroker } from './starter'
import { openMeteoHosts, type BoardRuntime, type CreateRuntime } from './runtime'
import { VirtualTopics } from './topics'

/** What the virtual board uses of the hub. */
export interface VirtualContext extends ServiceContext {
  /** The data directory, home of the app's board folders. */
  readonly dataDir: string
  /** The broker Puente uses now (a new board's starter program connects to it). */
  brokerUrl(): string
}

/** LED-only state changes reach the windows at most this often. */
const STATE_MS = 50

export interface VirtualServiceOptions {
  /** --board-dir: this folder is the board's flash (it must exist). */
  boardDir?: string
  /** --serial virtual without --board-dir: Puente's firmware, whatever the settings say. */
  firmware?: boolean
  /** Run the program as soon as Puente starts (the command line asked for the virtual board). */
  autoRun?: boolean
  /** Makes the interpreter (the VirtualBoard in its worker). */
  createRuntime: CreateRuntime
}

/**
 * The virtual board: one interpreter running the board folder's programs (or Puente's firmware,
 * bridged like a USB board through the in-memory link), its console, its LED and button on MQTT,
 * and its files.
 */
export class VirtualService implements Service {
  readonly name = 'virtual'
  private folder: BoardFolder | undefined
  private runtime: BoardRuntime | undefined
  private runtimeKey = ''
  private board: VirtualState = {
    run: 'stopped',
    mode: 'firmware',
    dir: '',
    led: null,
    button: false,
    files: [],
    since: new Date().toISOString()
  }
  private topics!: VirtualTopics
  private readonly console = new ConsoleBuffer({
    batch: (lines, dropped) => this.ctx.events.emit('virtual:console', { lines, dropped }),
    line: (line) => this.topics.console(line)
  })
  private serialListener: { data(chunk: Buffer): void; lost(p: Problem): void } | undefined
  private offer: UsbOffer | undefined
  private offSettings: (() => void) | undefined
  private folderKey = ''
  private queue: Promise<unknown> = Promise.resolve()
  private stateTimer: NodeJS.Timeout | undefined
  private lastEmitted: VirtualState | undefined

  constructor(
    private readonly ctx: VirtualContext,
    private readonly opts: VirtualServiceOptions
  ) {}

  /** The link factory the board bridge uses for `serial: 'virtual'`. */
  readonly linkFactory: LinkFactory = virtualLinkFactory(this.port())

  async start(): Promise<void> {
    const ctx = this.ctx
    this.topics = new VirtualTopics(
      ctx,
      () => this.board.led,
      () => this.runtime !== undefined || ctx.settings.current.board.serial === VIRTUAL_PATH
    )
    await this.openFolder()
    this.offer = new UsbOffer(ctx)
    this.offSettings = ctx.settings.onChange(() => {
      void this.serialize(() => this.onSettings())
    })
    this.offer.follow(ctx.settings.current.board.serial === VIRTUAL_PATH)
    // a retained LED from an earlier run would lie: the board starts dark (when it is in use;
    // otherwise its topics stay quiet)
    const inUse = ctx.settings.current.board.serial === VIRTUAL_PATH || this.opts.autoRun
    if (inUse && ctx.mqttStatus().state === 'connected') this.topics.led(null)
    // the worker is loaded before `ready`; the program itself may still be connecting
    if (this.opts.autoRun && this.board.mode === 'folder') await this.run()
  }

  async stop(): Promise<void> {
    this.offSettings?.()
    this.offer?.stop()
    this.topics?.stop()
    if (this.stateTimer) clearTimeout(this.stateTimer)
    await this.disposeRuntime()
    this.console.close()
  }

  subscriptions(): Iterable<string> {
    return [this.topics.buttonTopic]
  }

  /** `puente/<client id>/virtual/button`: pressed, released or press (both, 100 ms apart). */
  onMessage(topic: string, payload: Buffer): void {
    this.topics.onButton(topic, payload, (pressed) => this.button(pressed))
  }

  get state(): VirtualState {
    return this.board
  }

  /** Everything the virtual board's window needs when it opens. */
  snapshot(): VirtualSnapshot {
    return { state: this.board, console: this.console.lines }
  }

  /** Runs boot.py then main.py (a running program is stopped first). */
  run(): Promise<VirtualState> {
    return this.serialize(async () => {
      const rt = this.ensureRuntime()
      this.console.add(systemLine('virtual-run', 'Running main.py.'))
      await rt.start()
      return this.board
    })
  }

  /** Ctrl-C (KeyboardInterrupt; the worker is ended when the program never calls out). */
  stopProgram(): Promise<VirtualState> {
    return this.serialize(async () => {
      await this.runtime?.stop()
      return this.board
    })
  }

  /** Ctrl-D: soft reset, boot.py and main.py again. */
  reset(): Promise<VirtualState> {
    return this.serialize(async () => {
      const rt = this.ensureRuntime()
      const live = this.board.run === 'running' || this.board.run === 'starting'
      await (live ? rt.reset() : rt.start())
      return this.board
    })
  }

  /** The BOOT button, held or let go. */
  button(pressed: boolean): VirtualState {
    this.runtime?.button(pressed)
    if (this.board.button !== pressed) this.setState({ button: pressed })
    return this.board
  }

  /** The board's folder, or a refusal: Puente's firmware is not the class's to edit. */
  files(): BoardFolder {
    if (!this.folder)
      throw new PuenteError(
        problem(
          'virtual-firmware-readonly',
          "The virtual board runs Puente's firmware: its files cannot be changed here. Choose a board folder first.",
          {}
        )
      )
    return this.folder
  }

  /** Keeps the file list in the state current after a change made through the window. */
  filesChanged(files: VirtualFile[]): VirtualFile[] {
    this.setState({ files })
    return files
  }

  // --- the interpreter ----------------------------------------------------------------------

  private ensureRuntime(): BoardRuntime {
    const s = this.ctx.settings.current
    const key = JSON.stringify([this.folder?.dir, s.board, s.virtual, s.weather, s.mqtt.clientId])
    if (this.runtime && key === this.runtimeKey) return this.runtime
    if (this.runtime) void this.disposeRuntime()
    const rt = this.opts.createRuntime({
      dir: this.folder?.dir,
      board: s.board,
      heapKb: s.virtual.heapKb,
      // machine.unique_id: one per Puente, so two teachers' virtual boards differ
      id: createHash('sha256').update(s.mqtt.clientId).digest('hex').slice(0, 12),
      net: { hosts: openMeteoHosts(s.weather.forecastUrl, s.weather.geocodingUrl) }
    })
    this.runtime = rt
    this.runtimeKey = key
    const mine = (): boolean => this.runtime === rt
    rt.on('output', ({ stream, text }) => mine() && this.console.line(stream, text))
    rt.on('serial', (bytes) => {
      if (mine()) this.serialListener?.data(Buffer.from(bytes))
    })
    rt.on('hint', (p) => mine() && this.console.add(hintLine(p)))
    rt.on('led', (shown) => {
      if (mine()) this.topics.shown(shown, (led) => mine() && this.setState({ led }))
    })
    rt.on('state', ({ run, exit }) => {
      if (!mine()) return
      this.setState({ run, exit })
    })
    return rt
  }

  private async disposeRuntime(): Promise<void> {
    const rt = this.runtime
    this.runtime = undefined
    this.runtimeKey = ''
    if (!rt) return
    this.topics.settled()
    await rt.dispose().catch((err) => console.error('virtual board:', err))
    if (this.runtime) return // a new board (other settings) has taken its place meanwhile
    if (this.board.led) this.topics.led(null)
    this.setState({ run: 'stopped', led: null, button: false })
  }

  /** The serial end the in-memory link uses: Puente's firmware (or the folder's program). */
  private port(): VirtualPort {
    return {
      attach: async (listener) => {
        this.serialListener = listener
        this.offer?.follow(true)
        await this.serialize(async () => {
          const rt = this.ensureRuntime()
          if (this.board.run !== 'running' && this.board.run !== 'starting') await rt.start()
        }).catch((err) => {
          this.serialListener = undefined
          throw err instanceof PuenteError
            ? err.problem
            : problem('virtual-start-failed', `The virtual board did not start: ${errorText(err)}`)
        })
      },
      write: (data) => this.runtime?.writeSerial(data),
      detach: async () => {
        this.serialListener = undefined
        this.offer?.follow(false)
        if (this.board.mode === 'firmware') await this.serialize(() => this.disposeRuntime())
      }
    }
  }

  // --- folder and settings ------------------------------------------------------------------

  private async openFolder(): Promise<void> {
    const s = this.ctx.settings.current
    const name = s.virtual.board
    this.folderKey = this.opts.boardDir ? `dir:${this.opts.boardDir}` : `name:${name}`
    if (this.opts.boardDir) this.folder = await BoardFolder.existing(this.opts.boardDir)
    else if (this.opts.firmware || !name) this.folder = undefined
    else
      this.folder = await BoardFolder.ensure(
        boardDirFor(this.ctx.dataDir, name),
        starterBroker(this.ctx.brokerUrl(), this.ctx.settings.current.broker.port)
      )
    const dir = this.folder?.dir ?? firmwareDir()
    const files = this.folder ? await this.folder.list() : firmwareListing(dir)
    this.setState({ mode: this.folder ? 'folder' : 'firmware', dir, files })
  }

  private async onSettings(): Promise<void> {
    this.offer?.follow(this.ctx.settings.current.board.serial === VIRTUAL_PATH)
    const name = this.ctx.settings.current.virtual.board
    if (this.opts.boardDir || this.opts.firmware || `name:${name}` === this.folderKey) return
    await this.disposeRuntime()
    await this.openFolder()
  }

  private serialize<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job)
    this.queue = next.catch(() => {})
    return next
  }

  private setState(patch: Partial<VirtualState>): void {
    const changed = patch.run !== undefined && patch.run !== this.board.run
    const since = changed ? { since: new Date().toISOString() } : {}
    this.board = { ...this.board, ...patch, ...since }
    if (!('exit' in patch) && changed && patch.run === 'running') this.board.exit = undefined
    // a program fading the LED changes it every few ms: the windows get ~20 pictures a second
    const onlyLed = Object.keys(patch).every((k) => k === 'led')
    if (onlyLed && this.stateTimer) return
    if (this.stateTimer) clearTimeout(this.stateTimer)
    this.stateTimer = undefined
    this.ctx.events.emit('virtual:state', this.board)
    if (onlyLed)
      this.stateTimer = setTimeout(() => {
        this.stateTimer = undefined
        if (this.board !== this.lastEmitted) this.ctx.events.emit('virtual:state', this.board)
      }, STATE_MS)
    this.lastEmitted = this.board
  }
}
