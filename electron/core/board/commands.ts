import type { Handlers } from '../commands'
import type { Hub } from '../hub'
import { problem, PuenteError } from '../util/problem'
import type { BoardService } from './service'

function board(hub: Hub): BoardService {
  const s = hub.service<BoardService>('board')
  if (!s) throw new PuenteError(problem('board-unavailable', 'The board bridge is not running.'))
  return s
}

/** The board's commands of the contract (inputs already validated). */
export function boardHandlers(
  hub: Hub
): Pick<
  Handlers,
  | 'board:get-state'
  | 'board:list-ports'
  | 'board:select-port'
  | 'board:set-colour'
  | 'board:install-firmware'
> {
  return {
    'board:get-state': async () => board(hub).snapshot(),
    'board:list-ports': () => board(hub).listPorts(),
    'board:select-port': ({ serial }) => board(hub).selectPort(serial),
    'board:set-colour': (c) => board(hub).setColour(c),
    'board:install-firmware': () => board(hub).installFirmware()
  }
}
