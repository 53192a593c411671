import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A pseudo-terminal pair from socat: Puente opens `hostPath`, the simulated board `boardPath`. */
export class SocatPair {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'puente-pty-'))
  readonly hostPath = path.join(this.dir, 'host')
  readonly boardPath = path.join(this.dir, 'board')
  private proc: ChildProcess | undefined

  /** Starts socat (again at the same paths after stop: a replug) and waits for both links. */
  async start(): Promise<void> {
    this.proc = spawn(
      'socat',
      [`pty,raw,echo=0,link=${this.hostPath}`, `pty,raw,echo=0,link=${this.boardPath}`],
      { stdio: 'ignore' }
    )
    const until = Date.now() + 5000
    while (!existsSync(this.hostPath) || !existsSync(this.boardPath)) {
      if (Date.now() > until) throw new Error('socat did not create the pty pair')
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  /** Ends socat: both ends vanish, like a board pulled out of the USB socket. */
  async stop(): Promise<void> {
    const p = this.proc
    this.proc = undefined
    if (!p || p.exitCode !== null) return
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve())
      p.kill('SIGTERM')
    })
    const until = Date.now() + 2000
    while ((existsSync(this.hostPath) || existsSync(this.boardPath)) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10))
  }
}
