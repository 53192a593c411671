import type { Problem } from '../../contract'
import { problem } from '../util/problem'

/** Most bytes kept in memory for the disk while it cannot be written. */
export const HOLD_BYTES = 4 * 1024 * 1024

/** A write that failed, in words: the disk is full, the directory read-only, or the cause. */
export function writeProblem(dir: string, err: unknown): Problem {
  const code = (err as NodeJS.ErrnoException).code ?? ''
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EROFS'
        ? 'the directory is read-only'
        : code === 'EACCES' || code === 'EPERM'
          ? 'Puente may not write there'
          : (err as Error).message
  return problem(
    'traffic-log-stopped',
    `The traffic log stopped writing to ${dir}: ${why}. The bridge keeps working; messages wait in memory (up to 4 MB) and the log resumes by itself when it can write again.`,
    { dir, reason: why, code }
  )
}

/** The disk takes the log's lines slower than they come: the newest are dropped meanwhile. */
export function slowProblem(dir: string): Problem {
  return problem(
    'traffic-log-slow',
    `The disk under ${dir} is slower than the traffic: the log drops new lines until it catches up. The bridge keeps working.`,
    { dir }
  )
}
