/** How long one part may take to stop when Puente quits. */
export const STOP_DEADLINE_MS = 3000

/**
 * Stops one part of Puente, waiting at most `ms`: a quit must not hang on one part that never
 * finishes (a socket that does not close, a request left open). Says which part was left behind,
 * and why it failed when it failed, on stderr; never rejects.
 */
export async function stopWithin(
  what: string,
  work: () => Promise<unknown>,
  ms = STOP_DEADLINE_MS
): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms)
    timer.unref()
  })
  try {
    const outcome = await Promise.race([work().then(() => 'done' as const), late])
    if (outcome === 'late')
      console.error(`stop: ${what} did not finish within ${ms / 1000} s; stopping the rest`)
  } catch (err) {
    console.error(`stop: ${what} failed:`, err instanceof Error ? err.message : err)
  } finally {
    clearTimeout(timer)
  }
}
