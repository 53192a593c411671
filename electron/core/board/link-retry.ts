import { Backoff, type BackoffPolicy } from '../../shared/backoff'

/**
 * A board link's retry loop, shared by the USB and the virtual link: one timer on a backoff
 * policy, the stopped flag, and the last problem code so a failure repeated on every attempt is
 * told once.
 */
export class LinkRetry {
  private timer: NodeJS.Timeout | undefined
  private lastCode = ''
  private halted = false
  private readonly backoff: Backoff

  /** `again` is one more open attempt; it is only called while not stopped. */
  constructor(
    policy: BackoffPolicy,
    private readonly again: () => void
  ) {
    this.backoff = new Backoff(policy)
  }

  /** True after stop() until the next start(). */
  get stopped(): boolean {
    return this.halted
  }

  /** An open attempt begins: retrying is allowed again. */
  start(): void {
    this.halted = false
  }

  /** Records a problem; true when its code differs from the last one (so it is worth telling). */
  problem(code: string): boolean {
    const fresh = code !== this.lastCode
    this.lastCode = code
    return fresh
  }

  /** The link opened: the next outage is new and starts from the shortest wait. */
  succeeded(): void {
    this.lastCode = ''
    this.backoff.succeeded()
  }

  /** Tries again after the policy's next wait, unless stopped or already waiting. */
  schedule(): void {
    if (this.halted || this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      if (!this.halted) this.again()
    }, this.backoff.failed(Date.now()))
  }

  /** No more attempts until start(). */
  stop(): void {
    this.halted = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }
}
