import { isUtf8 } from 'node:buffer'
import type {
  BoardButton,
  BoardLine,
  BoardRejected,
  BoardSnapshot,
  BoardStatus,
  Colour,
  Problem
} from '../../contract'
import type { ServiceContext } from '../context'
import { ErrorTopicLimiter } from '../error-topic'
import { SERIAL_NOTICES } from '../notices'
import { isoNow } from '../util/clock'
import { LatestOnly } from '../util/latest-only'
import { problem } from '../util/problem'
import { LatestWriter } from './latest-writer'
import { LineSplitter, MAX_LINE_BYTES } from './lines'
import type { BoardLink } from './link-types'
import { colourLine, parseBoardLine, parseColourPayload } from './protocol'

const KEEP_LINES = 200
const KEEP_REJECTED = 20
const WINDOW_BATCH_MS = 100
const MAX_BATCH_LINES = 500
const MAX_ERROR_PAYLOAD = 200
/** Asks the firmware to say hello again. */
export const HELLO_QUERY = '{"hello":"?"}\n'

/** What the bridge rules use of the hub. */
export type BridgeContext = Pick<
  ServiceContext,
  'settings' | 'events' | 'publish' | 'notify' | 'clearNotices'
>

/**
 * The bridge rules between one board link and MQTT: button lines become messages on the button
 * topic, colours on the LED topic become lines for the board, everything else the board prints
 * goes to the serial topic, and refused input goes to `puente/<client id>/error`. Any BoardLink
 * will do (a USB port, a pty, the virtual board). The serial ↔ MQTT path has no timers or
 * batching; only the window's line updates are batched.
 */
export class BoardBridge {
  private readonly splitter = new LineSplitter({
    line: (bytes) => this.onLine(bytes),
    overflow: (n) => this.onOverflow(n)
  })
  private current: BoardStatus = { state: 'off', mode: 'off', since: new Date().toISOString() }
  private lines: BoardLine[] = []
  private pending: BoardLine[] = []
  private dropped = 0
  private batchTimer: NodeJS.Timeout | undefined
  private lastPress: BoardButton | undefined
  private presses = 0
  private rejected: BoardRejected[] = []
  /** Refusals reach the windows ~10 times a second at most (the card keeps the last ones). */
  private readonly rejectedPush = new LatestOnly<BoardRejected>(100, (r) =>
    this.ctx.events.emit('board:rejected', r)
  )
  /** puente/<id>/error: one message a second per source and reason, with the count. */
  private readonly errors = new ErrorTopicLimiter((body) => {
    const errorTopic = `puente/${this.ctx.settings.current.mqtt.clientId}/error`
    this.ctx.publish(errorTopic, Buffer.from(JSON.stringify(body)), 0, false).catch(() => {})
  })
  /** The colour the board should show; re-sent after every (re)connection and hello. */
  private wanted: Colour | undefined
  /** Colours faster than the port takes them: only the newest waits. */
  private readonly colours = new LatestWriter<Colour>(colourLine, (c) => this.markSent(c))
  private warnedText = false
  /** Where the board's bytes go instead of the rules (the firmware installer, while it runs). */
  private diverted: ((chunk: Buffer) => void) | undefined

  /** `link` answers the link in use now (the board service replaces it on replug or a new port). */
  constructor(
    private readonly ctx: BridgeContext,
    private readonly link: () => BoardLink | undefined
  ) {}

  get status(): BoardStatus {
    return this.current
  }

  /** What the board card shows of the traffic: recent lines, the last press, refused input. */
  history(): Pick<BoardSnapshot, 'lines' | 'lastPress' | 'rejected'> {
    return {
      lines: this.lines.slice(-KEEP_LINES),
      lastPress: this.lastPress,
      rejected: [...this.rejected]
    }
  }

  /** Filters the rules need: the LED topic. */
  subscriptions(): string[] {
    return [this.ctx.settings.current.topics.led]
  }

  /** The LED topic → the board (validated; a bad colour is refused and the LED keeps its colour). */
  onMessage(topic: string, payload: Buffer): void {
    if (topic !== this.ctx.settings.current.topics.led) return
    const c = parseColourPayload(payload)
    if (!c.ok) return this.reject('colour', topic, c.reason, payload)
    this.setWanted(c.colour)
  }

  /** Publishes a colour on the LED topic so every board follows (this one directly when offline). */
  async setColour(c: Colour, online: boolean): Promise<Colour> {
    if (!online) {
      this.setWanted(c)
      return c
    }
    const payload = Buffer.from(colourLine(c).trimEnd())
    await this.ctx.publish(this.ctx.settings.current.topics.led, payload, 0, false)
    return c
  }

  /** Bytes from the board. */
  data(chunk: Buffer): void {
    if (this.diverted) this.diverted(chunk)
    else this.splitter.push(chunk)
  }

  /** Sends the board's bytes to `to` instead of the rules (undefined: back to the rules). */
  divert(to: ((chunk: Buffer) => void) | undefined): void {
    this.diverted = to
    if (!to) this.splitter.clear()
  }

  /** A link opened: greet the board and give it its colour. */
  opened(link: BoardLink): void {
    this.splitter.clear()
    this.warnedText = false
    this.setStatus({ state: 'connected', port: link.path, problem: undefined })
    this.ctx.clearNotices(SERIAL_NOTICES)
    // ask for the hello: boards on native USB do not reset (and greet) when the port opens
    link.write(HELLO_QUERY)
    this.colours.reset(link)
    this.sendWanted()
  }

  /** A link closed or failed to open; it is being retried. */
  lost(link: BoardLink, p: Problem, unplugged: boolean): void {
    this.splitter.clear()
    const waiting = unplugged || p.code === 'serial-missing'
    this.setStatus({ state: waiting ? 'disconnected' : 'error', port: link.path, problem: p })
    if (!waiting) this.ctx.notify('warning', p, SERIAL_NOTICES)
  }

  /** Forgets a half-received line (the link changed). */
  clear(): void {
    this.splitter.clear()
  }

  /** Changes the board's status and tells the windows. */
  setStatus(patch: Partial<BoardStatus>): void {
    const changedState = patch.state !== undefined && patch.state !== this.current.state
    const since = changedState ? { since: new Date().toISOString() } : {}
    this.current = { ...this.current, ...patch, ...since }
    this.ctx.events.emit('board:status', this.current)
  }

  /** Stops the window's line batching and the error topic's pending repeats. */
  stop(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer)
    this.errors.stop()
    this.rejectedPush.stop()
  }

  private setWanted(c: Colour): void {
    this.wanted = c
    this.sendWanted()
  }

  private sendWanted(): void {
    const c = this.wanted
    const link = this.link()
    if (c && !this.diverted && link) this.colours.offer(link, c)
  }

  private markSent(c: Colour): void {
    const sent = this.current.sent
    if (sent?.r !== c.r || sent.g !== c.g || sent.b !== c.b) this.setStatus({ sent: c })
  }

  private onLine(bytes: Buffer): void {
    const utf8 = isUtf8(bytes)
    const text = bytes.toString('utf8')
    const msg = utf8 ? parseBoardLine(text) : { kind: 'text' as const }
    const settings = this.ctx.settings.current
    switch (msg.kind) {
      case 'button': {
        const at = isoNow()
        const board = this.current.boardId ?? 'unknown'
        if (msg.pressed) {
          const payload = Buffer.from(
            `{"pressed":true,"board":${JSON.stringify(board)},"at":"${at}"}`
          )
          this.ctx.publish(settings.topics.button, payload, 1, false, true).catch(() => {})
        }
        if (msg.pressed) this.presses++
        const button = { pressed: msg.pressed, board, at, presses: this.presses }
        if (msg.pressed) this.lastPress = button
        this.ctx.events.emit('board:button', button)
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
        this.ctx.publish(settings.topics.serial, bytes, 0, false).catch(() => {})
        if (!utf8 && !this.warnedText) {
          this.warnedText = true
          const port = this.link()?.path
          const baud = settings.board.baud
          this.ctx.notify(
            'warning',
            problem(
              'serial-not-text',
              `The board on ${port ?? '?'} sent bytes that are not text: is the baud rate right (${baud})?`,
              { port: port ?? '', baud }
            )
          )
        }
        this.showLine(utf8 ? { at: isoNow(), text } : { at: isoNow(), text, binary: true })
    }
  }

  private onOverflow(bytes: number): void {
    const port = this.link()?.path ?? ''
    const kb = MAX_LINE_BYTES / 1024
    this.reject(
      'serial line',
      port,
      problem(
        'serial-line-too-long',
        `The board on ${port} sent a line longer than ${kb} KB without a newline; it was dropped.`,
        { port, bytes }
      ),
      Buffer.alloc(0)
    )
  }

  private showLine(line: BoardLine): void {
    this.lines.push(line)
    // trimmed now and then, not on every line of a burst (the snapshot takes the last ones)
    if (this.lines.length >= 2 * KEEP_LINES) this.lines.splice(0, this.lines.length - KEEP_LINES)
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
    this.rejectedPush.push(r)
    this.ctx.notify('warning', reason)
    this.errors.report(topic, reason, {
      what,
      topic,
      reason: reason.message,
      code: reason.code,
      payload: text,
      at: r.at
    })
  }
}
