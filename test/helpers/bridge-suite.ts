import { afterAll, afterEach, beforeAll } from 'vitest'
import type { BoardStatus } from '../../electron/contract'
import type { Puente } from '../../electron/core/puente'
import type { BoardSim } from '../sim/board-sim'
import type { BridgeBoard, BridgeTarget } from './bridge-boards'
import { connected, startTestHub, until } from './hub'
import { Mosquitto } from './mosquitto'
import { missingTools } from './tools'

const mqttTools = ['mosquitto', 'mosquitto_pub', 'mosquitto_sub']

/** What a bridge test uses: a private mosquitto, the board, a hub bridged to it. */
export interface BridgeSuite {
  /** Why the tests skip (a tool the target or the MQTT checks need is missing), else undefined. */
  readonly skip: string | undefined
  readonly broker: Mosquitto
  /** The board of the running test (after `start`). */
  readonly board: BridgeBoard
  /** The hub of the running test (after `start`). */
  readonly hub: Puente
  /** Every board:status of the running test. */
  readonly statuses: BoardStatus[]
  /** Starts the board and a hub bridged to it; resolves once the board's hello is in. */
  start(): Promise<void>
  boardStatus(): BoardStatus
  /** The pty simulator, for the checks only a cable and a pty can do (garbage, unplugging). */
  sim(): BoardSim
}

/**
 * Registers the hooks of a bridge spec for one target (the broker for the whole describe, the
 * board and hub per test), so the specs split by concern share one setup.
 */
export function bridgeSuite(target: BridgeTarget): BridgeSuite {
  const skip = missingTools(...target.tools, ...mqttTools)
  const broker = new Mosquitto()
  const statuses: BoardStatus[] = []
  let board: BridgeBoard | undefined
  let hub: Puente | undefined

  beforeAll(async () => {
    if (!skip) await broker.start()
  })
  afterAll(async () => {
    await broker.stop()
  })
  afterEach(async () => {
    await hub?.stop()
    await board?.stop()
    hub = board = undefined
  })

  const boardStatus = (): BoardStatus => hub!.services.board.status
  return {
    skip,
    broker,
    statuses,
    get board() {
      return board!
    },
    get hub() {
      return hub!
    },
    async start() {
      const b = (board = await target.start())
      statuses.length = 0
      const h = (hub = await startTestHub({
        mqtt: { url: broker.url },
        board: { serial: b.serial }
      }))
      b.attach(h)
      h.events.on('board:status', (s) => statuses.push(s))
      await connected(h)
      await until(
        () => !!boardStatus().boardId && boardStatus().boardId === (b.id ?? boardStatus().boardId),
        'hello from the board',
        10_000
      )
    },
    boardStatus,
    sim: () => board!.sim!
  }
}
