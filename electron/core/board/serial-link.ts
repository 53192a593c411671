import type { SerialPort } from 'serialport'
import type { BackoffPolicy } from '../../shared/backoff'
import { serialPort } from './direct-binding'
import { describeSerialError } from './errors'
import { LinkRetry } from './link-retry'
import type { BoardLink, LinkFactory, LinkHandlers } from './link-types'

/**
 * How often a vanished port is tried again: every ~0.3 s for the first 30 s (a replug), then
 * less often but never more than ~1.9 s apart (a replug must reconnect within 2 s).
 */
export const RETRY: BackoffPolicy = { minMs: 300, maxMs: 1500, steadyMs: 30_000, jitter: 0.25 }

/**
 * One serial port at one path, kept open: when the board is unplugged (or the port cannot be
 * opened yet) it tries the same path again (RETRY) until stopped.
 */
export class SerialLink implements BoardLink {
  private port: SerialPort | undefined
  private readonly retry = new LinkRetry(RETRY, () => {
    if (!this.isOpen) this.open().catch(() => {})
  })

  constructor(
    readonly path: string,
    private readonly baud: number,
    private readonly handlers: LinkHandlers
  ) {}

  get isOpen(): boolean {
    return this.port?.isOpen === true
  }

  /** One attempt to open; rejects with the problem in words. Retries afterwards unless told not to. */
  open(retry = true): Promise<void> {
    this.retry.start()
    return new Promise((resolve, reject) => {
      const port = serialPort(this.path, this.baud)
      port.on('error', () => {
        // errors after open surface as 'close'; open errors come through the callback
      })
      port.open((err) => {
        if (err) {
          const p = describeSerialError(err, this.path)
          if (this.retry.problem(p.code)) this.handlers.lost(p, false)
          if (retry) this.retry.schedule()
          return reject(p)
        }
        if (this.retry.stopped) {
          port.close(() => {})
          return reject(describeSerialError(new Error('stopped'), this.path))
        }
        this.retry.succeeded()
        this.port = port
        port.on('data', (chunk: Buffer) => this.handlers.data(chunk))
        port.on('close', (closeErr: (Error & { disconnected?: boolean }) | null) => {
          if (this.port !== port) return
          this.port = undefined
          if (this.retry.stopped) return
          const unplugged = closeErr?.disconnected === true
          this.handlers.lost(
            unplugged
              ? {
                  code: 'board-unplugged',
                  message: `The board on ${this.path} was unplugged.`,
                  params: { port: this.path }
                }
              : describeSerialError(closeErr ?? new Error('closed'), this.path),
            unplugged
          )
          this.retry.problem('board-unplugged')
          this.retry.schedule()
        })
        this.handlers.opened(this.path)
        resolve()
      })
    })
  }

  /** Writes to the board now (no batching); false when the port is not open. */
  write(data: string | Buffer): boolean {
    const port = this.port
    if (!port?.isOpen) return false
    port.write(data)
    return true
  }

  /** Waits until everything written has left for the device. */
  drain(): Promise<void> {
    const port = this.port
    if (!port?.isOpen) return Promise.resolve()
    return new Promise((resolve) => port.drain(() => resolve()))
  }

  /** Closes the port and stops retrying. */
  stop(): Promise<void> {
    this.retry.stop()
    const port = this.port
    this.port = undefined
    if (!port?.isOpen) return Promise.resolve()
    return new Promise((resolve) => port.close(() => resolve()))
  }
}

/** The link for every path that is a real (or pty) serial port. */
export const serialLink: LinkFactory = (path, baud, handlers) =>
  new SerialLink(path, baud, handlers)
