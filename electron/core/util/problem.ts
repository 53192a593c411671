import type { Problem, ProblemCode } from '../../contract'

/** Builds a Problem: a stable code for translation plus the English sentence. */
export function problem(code: ProblemCode, message: string, params?: Problem['params']): Problem {
  return params ? { code, message, params } : { code, message }
}

/** Thrown inside the core for an expected failure that the caller must show in words. */
export class PuenteError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message)
  }
}

/** The message of anything thrown. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
