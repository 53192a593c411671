import type { ServiceHandlers } from '../commands'
import type { BoardService } from './service'

/** The board's commands of the contract (inputs already validated). */
export function boardHandlers(
  board: BoardService
): Pick<
  ServiceHandlers,
  | 'board:get-state'
  | 'board:list-ports'
  | 'board:select-port'
  | 'board:set-colour'
  | 'board:install-firmware'
> {
  return {
    'board:get-state': async () => board.snapshot(),
    'board:list-ports': () => board.listPorts(),
    'board:select-port': ({ serial }) => board.selectPort(serial),
    'board:set-colour': (c) => board.setColour(c),
    'board:install-firmware': () => board.installFirmware()
  }
}
