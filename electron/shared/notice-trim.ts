/**
 * Which notices go when too many are kept: the least important level first, oldest first, so a
 * flood of warnings never pushes an error out. The core's list and each window's use it.
 */
import type { Notice } from '../contract'

const TRIM_ORDER: Notice['level'][] = ['info', 'warning', 'error']

/** The index of the notice to forget first (-1 for an empty list). */
export function trimIndex(list: readonly Pick<Notice, 'level'>[]): number {
  for (const level of TRIM_ORDER) {
    const i = list.findIndex((n) => n.level === level)
    if (i >= 0) return i
  }
  return -1
}

/** The list cut down to `max` notices, the least important and oldest going first. */
export function keepMost<T extends Pick<Notice, 'level'>>(list: readonly T[], max: number): T[] {
  const kept = [...list]
  while (kept.length > max) kept.splice(trimIndex(kept), 1)
  return kept
}
