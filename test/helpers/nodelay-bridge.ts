import type { Puente } from '../../electron/core/puente'
import { BoardSim, SIM_BOARD_ID } from '../sim/board-sim'
import { connected, startTestHub, until } from './hub'
import { Mosquitto } from './mosquitto'

/** A pty board bridged by Puente to a private mosquitto with no-delay on (as EMQX and HiveMQ). */
export interface NoDelayBridge {
  broker: Mosquitto
  sim: BoardSim
  hub: Puente
  stop(): Promise<void>
}

/** Starts the broker, the board and Puente, and resolves once the board has said hello. */
export async function noDelayBridge(): Promise<NoDelayBridge> {
  const broker = new Mosquitto({ noDelay: true })
  await broker.start()
  const sim = await BoardSim.start({ repl: false })
  const hub = await startTestHub({ mqtt: { url: broker.url }, board: { serial: sim.hostPath } })
  await connected(hub)
  await until(() => hub.services.board.status.boardId === SIM_BOARD_ID, 'hello from the board')
  const stop = async (): Promise<void> => {
    await hub.stop()
    await sim.stop()
    await broker.stop()
  }
  return { broker, sim, hub, stop }
}
