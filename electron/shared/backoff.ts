/** How a retry loop waits between attempts (the broker link, the weather, the serial port…). */
export interface BackoffPolicy {
  /** The first wait, and every wait while the outage is younger than `steadyMs`. */
  minMs: number
  /** The longest wait. */
  maxMs: number
  /**
   * For this long after the first failure every wait is `minMs`, so a server that comes back
   * after a restart is found at once; only then do the waits grow. 0 (default): they grow at once.
   */
  steadyMs?: number
  /** Each growing wait is this times the one before (default 2). */
  factor?: number
  /** Up to this fraction is added at random, so many clients do not retry in step (default 0.5). */
  jitter?: number
}

/**
 * The wait after failure number `failures` (1 = the first) of those counted since the waits began
 * to grow: `minMs × factor^(failures-1)`, at most `maxMs`, plus the jitter. Never shorter than
 * the unjittered value, so the waits never shrink.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  failures: number,
  random: () => number = Math.random
): number {
  const { minMs, maxMs, factor = 2, jitter = 0.5 } = policy
  const base = Math.min(maxMs, minMs * factor ** Math.max(0, failures - 1))
  return Math.round(base * (1 + random() * jitter))
}

/**
 * One retry loop's state: `failed(now)` after each failed attempt gives the wait before the next
 * one (`minMs` for the first `steadyMs` of the outage, growing after), `succeeded()` starts over.
 * Pure: the caller keeps the clock and the timer.
 */
export class Backoff {
  private failures = 0
  private growing = 0
  private since = 0

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random
  ) {}

  /** Failed attempts in a row. */
  get count(): number {
    return this.failures
  }

  /** Records a failure at `now` (ms since any fixed origin) and returns the wait before the next try. */
  failed(now: number): number {
    if (this.failures++ === 0) this.since = now
    const steady = now - this.since < (this.policy.steadyMs ?? 0)
    if (!steady) this.growing++
    return backoffDelay(this.policy, Math.max(1, this.growing), this.random)
  }

  /** The attempt worked: the next outage starts over. */
  succeeded(): void {
    this.failures = 0
    this.growing = 0
  }
}
