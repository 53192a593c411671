import { afterEach, describe, expect, it } from 'vitest'
import { cannotMount, mountTmpfs, type SmallDisk } from '../../helpers/mount'
import { freePort } from '../../helpers/ports'
import { startServe } from '../../helpers/serve'

const skip = cannotMount()
const disks: SmallDisk[] = []
afterEach(() => {
  for (const d of disks.splice(0)) d.unmount()
})

describe.skipIf(skip)('a read-only --data-dir', () => {
  for (const broker of ['embedded', 'external'] as const) {
    it(`with the ${broker} broker: a one-line reason at start, never a crash later`, async () => {
      const disk = mountTmpfs(1024)
      disks.push(disk)
      disk.readOnly(true)
      const args = ['--data-dir', disk.dir, '--serial', 'off']
      args.push('--http-port', String(await freePort()), '--broker-port', String(await freePort()))
      if (broker === 'external') args.push('--broker', `mqtt://127.0.0.1:${await freePort()}`)
      const err = await startServe(args).then(
        (s) => {
          void s.stop()
          return new Error('it started')
        },
        (e: Error) => e
      )
      const out = err.message.split('\n').slice(1).join('\n').trim()
      expect(err.message).toMatch(/exited with 1 before ready/)
      expect(out).toBe(
        `--data-dir ${disk.dir} is read-only: Puente keeps its settings and traffic log there. Choose a writable directory with --data-dir.`
      )
    })
  }
})
