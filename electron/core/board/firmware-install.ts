import type { FirmwareProgress, Problem } from '../../contract'
import type { ServiceContext } from '../context'
import { errorText, problem, PuenteError } from '../util/problem'
import type { BoardBridge } from './bridge'
import { firmwareFiles } from './firmware'
import { InstallError, RawReplInstaller } from './installer'
import type { BoardLink } from './link-types'

/** What installing the firmware uses of the hub. */
export type FirmwareContext = Pick<ServiceContext, 'settings' | 'events'>

/**
 * Installing Puente's firmware on the connected board over the raw REPL: one at a time, with
 * progress for the window. While it runs the board's bytes go to the installer, not the bridge.
 */
export class FirmwareInstall {
  private installer: RawReplInstaller | undefined
  private last: FirmwareProgress | undefined

  constructor(
    private readonly ctx: FirmwareContext,
    private readonly bridge: BoardBridge
  ) {}

  /** The progress of the last (or current) install. */
  get progress(): FirmwareProgress | undefined {
    return this.last
  }

  /** The link was lost: the install under way fails with that reason. */
  abort(reason: Problem): void {
    this.installer?.abort(reason)
  }

  /** Writes the firmware over the raw REPL (the window has asked the teacher first). */
  async install(link: BoardLink | undefined): Promise<{ files: string[]; bytes: number }> {
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
          this.last = p
          this.ctx.events.emit('firmware:progress', p)
        }
      },
      link.path
    )
    this.installer = installer
    this.bridge.divert((chunk) => installer.feed(chunk))
    this.bridge.setStatus({ state: 'installing', problem: undefined })
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
          : problem('firmware-write', `Installing failed: ${errorText(err)}`, {
              reason: errorText(err)
            })
      this.last = {
        phase: 'failed',
        done: this.last?.done ?? 0,
        total: this.last?.total ?? 0,
        problem: p
      }
      this.ctx.events.emit('firmware:progress', this.last)
      throw new PuenteError(p)
    } finally {
      this.installer = undefined
      this.bridge.divert(undefined)
      if (this.bridge.status.state === 'installing')
        this.bridge.setStatus({ state: link.isOpen ? 'connected' : 'disconnected' })
    }
  }
}
