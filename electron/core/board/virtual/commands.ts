import type { ServiceHandlers } from '../../commands'
import type { VirtualService } from './service'

type VirtualHandlers = Pick<ServiceHandlers, `virtual:${string}` & keyof ServiceHandlers>

/** The virtual board's commands of the contract (inputs already validated). */
export function virtualHandlers(vb: VirtualService): VirtualHandlers {
  return {
    'virtual:get-state': async () => vb.snapshot(),
    'virtual:run': () => vb.run(),
    'virtual:stop': () => vb.stopProgram(),
    'virtual:reset': () => vb.reset(),
    'virtual:button': async ({ pressed }) => vb.button(pressed),
    'virtual:read-file': async ({ path }) => ({ path, text: await vb.files().read(path) }),
    'virtual:write-file': async ({ path, text }) =>
      vb.filesChanged(await vb.files().write(path, text)),
    'virtual:rename-file': async ({ from, to }) =>
      vb.filesChanged(await vb.files().rename(from, to)),
    'virtual:delete-file': async ({ path }) => vb.filesChanged(await vb.files().delete(path)),
    'virtual:export': () => vb.files().exportZip()
  }
}
