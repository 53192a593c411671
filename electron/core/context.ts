import type {
  BrokerStatus,
  Events,
  MqttStatus,
  Notice,
  Problem,
  Qos,
  Settings,
  SettingsPatch
} from '../contract'
import type { EmbeddedBroker } from './broker/embedded'
import type { Hub } from './hub'
import type { SecretStore } from './settings/secrets'

/** The settings as a service sees them: what is in force, a change, and word of changes. */
export interface SettingsAccess {
  /** The saved settings with this run's command-line overrides on top. */
  readonly current: Settings
  /** Applies and saves a change as a window would (relinking when the broker changed). */
  update(patch: SettingsPatch): Promise<Settings>
  /** Calls `fn` after every change; returns the function that stops it. */
  onChange(fn: (settings: Settings) => void): () => void
}

/** The core's events: emit for the windows, listen to other parts. */
export interface EventBus {
  emit<K extends keyof Events>(name: K, payload: Events[K]): void
  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void
}

/**
 * Everything the hub offers a service. Each service takes a `Pick` of it (plus its own extras),
 * so what a service can touch is written in its type.
 */
export interface ServiceContext {
  readonly settings: SettingsAccess
  readonly events: EventBus
  /** Publishes on the MQTT link and logs it as `out`; `queue` keeps it while offline. */
  publish(topic: string, payload: Buffer, qos: Qos, retain: boolean, queue?: boolean): Promise<void>
  /** Shows a problem in the windows. */
  notify(level: Notice['level'], p: Problem, key?: string): void
  /** The condition `key` ended: its notices leave the windows. */
  clearNotices(key: string): void
  /** The MQTT link's state now. */
  mqttStatus(): MqttStatus
}

/** What the parts that drive Puente's own broker also get (the class broker, profile tests). */
export interface BrokerAccess {
  /** The embedded broker while it runs (a new one after the profile goes back to it). */
  broker(): EmbeddedBroker | undefined
  /** The embedded broker's state, also when it could not start. */
  brokerStatus(): BrokerStatus
}

/** The secret store, for the parts that keep passwords. */
export interface SecretsAccess {
  readonly secrets: SecretStore
}

/** The context the hub hands its services: each call goes to the hub as it is at that moment. */
export function hubContext(hub: Hub): ServiceContext {
  return {
    settings: {
      get current(): Settings {
        return hub.settings
      },
      update: (patch) => hub.updateSettings(patch),
      onChange: (fn) => hub.events.on('settings:changed', fn)
    },
    events: hub.events,
    publish: (topic, payload, qos, retain, queue) =>
      hub.publish(topic, payload, qos, retain, queue),
    notify: (level, p, key) => hub.notices.notify(level, p, key),
    clearNotices: (key) => hub.notices.clear(key),
    mqttStatus: () => hub.link!.status
  }
}
