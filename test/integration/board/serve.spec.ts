import { describe, expect, it } from 'vitest'
import { startFailure, startTestServe } from '../../helpers/serve'

describe('npm run serve: --serial and --baud', () => {
  it('exits non-zero with one line when the serial path is missing', async () => {
    const err = await startFailure(startTestServe(['--serial', '/missing/path']))
    expect(err).toMatch(/exited with 1 before ready/)
    const reason = err.split('\n').filter(Boolean).slice(1)
    expect(reason).toEqual(['serial path missing: /missing/path'])
  })

  it('is ready at once with --serial auto and no board plugged in', async () => {
    const s = await startTestServe(['--serial', 'auto'])
    await s.stop()
    expect(s.output()).toMatch(/^ready http/m)
  })
})
