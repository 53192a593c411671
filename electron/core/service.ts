import type { Qos } from '../contract'
import type { ServiceHandlers } from './commands'

/**
 * A background part of the core (the board bridge, the weather scheduler, the class broker…).
 * Each gets the narrow part of the hub it uses when it is built (see context.ts and puente.ts).
 * The hub starts each after the MQTT link, hands it every incoming message, keeps its topics
 * subscribed across reconnects, and stops it on quit.
 */
export interface Service {
  readonly name: string
  start(): Promise<void>
  stop(): Promise<void>
  /** Filters this service needs subscribed, besides the watched ones. */
  subscriptions?(): Iterable<string>
  /** Every incoming message (after it is recorded in the traffic). */
  onMessage?(topic: string, payload: Buffer, qos: Qos, retain: boolean): void
}

/** The background services by name, as the composition root built them. */
export type Services = Record<string, Service>

/** What the composition root adds to a hub: its services and their commands. */
export interface HubParts<S extends Services> {
  services: S
  handlers: ServiceHandlers
}
