import { afterAll, afterEach } from 'vitest'

// A timer of the core that throws (ENOSPC in a flush) must fail the run, naming the test it
// happened in, never pass unseen or kill the host later.
const caught: unknown[] = []
process.on('uncaughtException', (err) => caught.push(err))
process.on('unhandledRejection', (reason) => caught.push(reason))

/** Throws what escaped since the last check. */
function check(): void {
  if (!caught.length) return
  const all = caught.splice(0)
  const text = all.map((e) => (e instanceof Error ? (e.stack ?? e.message) : String(e)))
  throw new Error(`uncaught in the core (a timer or a promise nobody awaited):\n${text.join('\n')}`)
}

afterEach(check)
afterAll(check)
