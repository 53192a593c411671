import type { Handlers } from '../../commands'
import type { Hub } from '../../hub'
import { problem, PuenteError } from '../../util/problem'
import type { VirtualService } from './service'

type VirtualHandlers = Pick<Handlers, `virtual:${string}` & keyof Handlers>

/** The virtual board's commands of the contract (inputs already validated). */
export function virtualHandlers(hub: Hub): VirtualHandlers {
  const vb = (): VirtualService => {
    const s = hub.service<VirtualService>('virtual')
    if (!s)
      throw new PuenteError(problem('virtual-unavailable', 'The virtual board is not running.'))
    return s
  }
  return {
    'virtual:get-state': async () => vb().snapshot(),
    'virtual:run': () => vb().run(),
    'virtual:stop': () => vb().stopProgram(),
    'virtual:reset': () => vb().reset(),
    'virtual:button': async ({ pressed }) => vb().button(pressed),
    'virtual:read-file': async ({ path }) => ({ path, text: await vb().files().read(path) }),
    'virtual:write-file': async ({ path, text }) =>
      vb().filesChanged(await vb().files().write(path, text)),
    'virtual:rename-file': async ({ from, to }) =>
      vb().filesChanged(await vb().files().rename(from, to)),
    'virtual:delete-file': async ({ path }) => vb().filesChanged(await vb().files().delete(path)),
    'virtual:export': () => vb().files().exportZip()
  }
}
