import { createHash } from 'node:crypto'
import type { FirmwareProgress, Problem } from '../../contract'
import { problem } from '../util/problem'

/** One file to put on the board. */
export interface FirmwareFile {
  name: string
  data: Buffer
}

export interface InstallerIo {
  write(data: Buffer | string): void
  progress(p: FirmwareProgress): void
}

const BANNER = 'raw REPL; CTRL-B to exit\r\n>'
/** Raw bytes per `w(...)` call (as base64 text) and `w` calls per raw-REPL command. */
const CHUNK = 192
const CHUNKS_PER_EXEC = 4

/** A failure of the installer, with the problem shown to the teacher. */
export class InstallError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message)
  }
}

/**
 * Writes files to a MicroPython board over its raw REPL, the exchange mpremote uses
 * (tools/mpremote/mpremote/transport_serial.py): Ctrl-C to interrupt, Ctrl-A for raw mode,
 * code + Ctrl-D answered by "OK" <stdout> \x04 <stderr> \x04 ">". Each file goes to a temporary
 * name, is verified by size and SHA-256 read back from the board, and only then renamed, so an
 * interrupted transfer leaves the old program in place. Ctrl-B and Ctrl-D soft-reset at the end.
 */
export class RawReplInstaller {
  private buf = Buffer.alloc(0)
  private wake: (() => void) | undefined
  private failure: Problem | undefined

  constructor(
    private readonly io: InstallerIo,
    private readonly port: string,
    private readonly timeoutMs = 5000
  ) {}

  /** Bytes from the board while installing. */
  feed(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk)
    if (this.buf.length > 1 << 20) this.buf = this.buf.subarray(this.buf.length - (1 << 16))
    this.wake?.()
  }

  /** Ends the install with `p` (the port closed under it). */
  abort(p: Problem): void {
    this.failure = p
    this.wake?.()
  }

  /** Installs `files`; resolves when the board has them verified and has soft-reset. */
  async install(files: FirmwareFile[]): Promise<void> {
    const total = files.reduce((n, f) => n + f.data.length, 0)
    let done = 0
    this.io.progress({ phase: 'connecting', done, total })
    await this.enterRaw()
    for (const f of files) {
      const tmp = `${f.name}.tmp`
      await this.exec(`import binascii\nf=open('${tmp}','wb')\nw=f.write`, 'write')
      for (let i = 0; i < f.data.length; i += CHUNK * CHUNKS_PER_EXEC) {
        const calls: string[] = []
        for (let j = i; j < Math.min(f.data.length, i + CHUNK * CHUNKS_PER_EXEC); j += CHUNK)
          calls.push(
            `w(binascii.a2b_base64(b'${f.data.subarray(j, j + CHUNK).toString('base64')}'))`
          )
        await this.exec(calls.join('\n'), 'write')
        done += Math.min(CHUNK * CHUNKS_PER_EXEC, f.data.length - i)
        this.io.progress({ phase: 'writing', file: f.name, done, total })
      }
      await this.exec('f.close()', 'write')
    }
    let verified = 0
    for (const f of files) {
      const out = await this.exec(
        [
          'import os,hashlib,binascii',
          `f=open('${f.name}.tmp','rb')`,
          'h=hashlib.sha256()',
          'while 1:',
          ' b=f.read(512)',
          ' if not b:break',
          ' h.update(b)',
          'f.close()',
          `print(os.stat('${f.name}.tmp')[6],binascii.hexlify(h.digest()).decode())`
        ].join('\n'),
        'verify'
      )
      const want = `${f.data.length} ${createHash('sha256').update(f.data).digest('hex')}`
      if (out.trim() !== want)
        throw new InstallError(
          problem(
            'firmware-verify',
            `${f.name} did not arrive intact on the board on ${this.port} (read back "${out.trim().slice(0, 80)}"). Try again.`,
            { port: this.port, file: f.name }
          )
        )
      verified += f.data.length
      this.io.progress({ phase: 'verifying', file: f.name, done: verified, total })
    }
    const renames = files.map(
      (f) =>
        `try:\n os.remove('${f.name}')\nexcept OSError:\n pass\nos.rename('${f.name}.tmp','${f.name}')`
    )
    await this.exec(`import os\n${renames.join('\n')}`, 'write')
    this.io.progress({ phase: 'resetting', done: total, total })
    // Ctrl-B back to the normal REPL, then Ctrl-D: a soft reset there runs main.py
    this.io.write('\r\x02')
    await this.readUntil('>>> ', 'reset').catch(() => undefined)
    this.io.write('\x04')
    this.io.progress({ phase: 'done', done: total, total })
  }

  private async enterRaw(): Promise<void> {
    this.io.write('\r\x03\x03')
    await new Promise((r) => setTimeout(r, 150))
    this.buf = Buffer.alloc(0)
    this.io.write('\r\x01')
    try {
      await this.readUntil(BANNER, 'connect')
    } catch (err) {
      if (err instanceof InstallError && err.problem.code === 'firmware-timeout')
        throw new InstallError(
          problem(
            'firmware-no-micropython',
            `The board on ${this.port} does not answer as MicroPython (no raw REPL). Put MicroPython on it first (for example with Thonny or esptool), then try again.`,
            { port: this.port }
          )
        )
      throw err
    }
  }

  /** Runs code in the raw REPL; resolves with its output, rejects with its error in words. */
  private async exec(code: string, what: 'write' | 'verify'): Promise<string> {
    this.io.write(Buffer.from(code, 'utf8'))
    this.io.write('\x04')
    const ok = await this.readBytes(2, what)
    if (ok.toString('latin1') !== 'OK')
      throw new InstallError(
        problem(
          'firmware-write',
          `The board on ${this.port} refused the code (answered "${ok.toString('latin1')}").`,
          {
            port: this.port,
            reason: ok.toString('latin1')
          }
        )
      )
    const out = (await this.readUntil('\x04', what)).subarray(0, -1).toString('utf8')
    const err = (await this.readUntil('\x04', what)).subarray(0, -1).toString('utf8')
    await this.readUntil('>', what)
    if (err.trim()) {
      const last = err.trim().split('\n').pop() ?? err
      throw new InstallError(
        problem('firmware-write', `Writing to the board on ${this.port} failed: ${last.trim()}`, {
          port: this.port,
          reason: last.trim()
        })
      )
    }
    return out
  }

  private readBytes(n: number, what: string): Promise<Buffer> {
    return this.waitFor(() => (this.buf.length >= n ? n : -1), what)
  }

  private readUntil(ending: string, what: string): Promise<Buffer> {
    const end = Buffer.from(ending, 'latin1')
    return this.waitFor(() => {
      const i = this.buf.indexOf(end)
      return i < 0 ? -1 : i + end.length
    }, what)
  }

  /** Waits until `take` finds the end of the answer in the buffer, then consumes it. */
  private waitFor(take: () => number, what: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.failure) return finish(new InstallError(this.failure))
        const n = take()
        if (n < 0) return
        const head = this.buf.subarray(0, n)
        this.buf = this.buf.subarray(n)
        finish(undefined, head)
      }
      const timer = setTimeout(
        () =>
          finish(
            new InstallError(
              problem(
                'firmware-timeout',
                `The board on ${this.port} stopped answering (timeout while trying to ${what}).`,
                {
                  port: this.port,
                  step: what
                }
              )
            )
          ),
        this.timeoutMs
      )
      const finish = (err?: Error, value?: Buffer): void => {
        clearTimeout(timer)
        this.wake = undefined
        if (err) reject(err)
        else resolve(value!)
      }
      this.wake = check
      check()
    })
  }
}
