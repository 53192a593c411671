/**
 * The wait before retry number `failures` (1 = after the first failure): it doubles from
 * `minMs` up to `maxMs`, plus up to half again of jitter so a class of Puentes does not retry in
 * step. Never shorter than the doubled value, so each wait is at least the one before.
 */
export function backoffMs(
  failures: number,
  minMs: number,
  maxMs: number,
  random: () => number = Math.random
): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, failures - 1))
  return Math.round(base * (1 + random() / 2))
}
