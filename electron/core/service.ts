import type { Qos } from '../contract'
import type { Hub } from './hub'

/**
 * A background part of the core (the board bridge, the weather scheduler, the class broker…).
 * The hub starts each after the MQTT link, hands it every incoming message, keeps its topics
 * subscribed across reconnects, and stops it on quit.
 */
export interface Service {
  readonly name: string
  start(hub: Hub): Promise<void>
  stop(): Promise<void>
  /** Filters this service needs subscribed, besides the watched ones. */
  subscriptions?(): Iterable<string>
  /** Every incoming message (after it is recorded in the traffic). */
  onMessage?(topic: string, payload: Buffer, qos: Qos, retain: boolean): void
}
