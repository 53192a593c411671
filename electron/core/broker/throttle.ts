import { backoffDelay } from '../../shared/backoff'

/**
 * Slows password guessing on the class broker: after a failure, every attempt from the same
 * address waits its turn, each turn later than the last (a doubling delay up to a cap), so a
 * thousand guesses take hours while a student who mistyped once waits a fraction of a second.
 */
export interface ThrottleOptions {
  firstDelayMs: number
  maxDelayMs: number
  /** Attempts waiting at once from one address beyond which they are refused unchecked. */
  maxWaiting: number
  /** Addresses remembered at most; beyond, the one that failed longest ago is forgotten. */
  maxSources?: number
}

interface Source {
  failures: number
  /** The earliest time the next attempt may be checked. */
  nextAt: number
  waiting: number
  lastFailureAt: number
}

const FORGET_AFTER_MS = 15 * 60_000

export class LoginThrottle {
  private readonly sources = new Map<string, Source>()

  constructor(
    private readonly opts: ThrottleOptions = {
      firstDelayMs: 250,
      maxDelayMs: 10_000,
      maxWaiting: 20
    }
  ) {}

  /**
   * Runs `check` when `address` may try again; `busy` instead when too many attempts from it
   * already wait (they are refused without their password being tried).
   */
  attempt(address: string, check: () => void, busy: () => void): void {
    const now = Date.now()
    const s = this.sources.get(address)
    if (!s || s.failures === 0 || now - s.lastFailureAt > FORGET_AFTER_MS) return check()
    if (s.waiting >= this.opts.maxWaiting) return busy()
    const turn = Math.max(now, s.nextAt)
    s.nextAt = turn + this.delay(s.failures)
    s.waiting++
    setTimeout(() => {
      s.waiting--
      check()
    }, turn - now).unref()
  }

  /** Records a wrong password from `address`; returns its failures in a row. */
  failed(address: string): number {
    const now = Date.now()
    let s = this.sources.get(address)
    if (!s || now - s.lastFailureAt > FORGET_AFTER_MS)
      s = { failures: 0, nextAt: now, waiting: s?.waiting ?? 0, lastFailureAt: now }
    // kept in the order of their last failure, so the oldest is first to go; a flood of new
    // addresses never lets every other one start afresh
    this.sources.delete(address)
    this.sources.set(address, s)
    const max = this.opts.maxSources ?? 10_000
    for (const oldest of this.sources.keys()) {
      if (this.sources.size <= max) break
      this.sources.delete(oldest)
    }
    s.failures++
    s.lastFailureAt = now
    s.nextAt = Math.max(s.nextAt, now + this.delay(s.failures))
    return s.failures
  }

  /** A right password: the address starts afresh. */
  succeeded(address: string): void {
    const s = this.sources.get(address)
    if (s && s.waiting === 0) this.sources.delete(address)
    else if (s) s.failures = 0
  }

  private delay(failures: number): number {
    const { firstDelayMs: minMs, maxDelayMs: maxMs } = this.opts
    return backoffDelay({ minMs, maxMs, jitter: 0 }, failures)
  }
}
