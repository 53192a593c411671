import {
  type AppSnapshot,
  type BrokerStatus,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type Events,
  type Problem,
  type Qos,
  type Result,
  type Settings,
  type SettingsPatch
} from '../contract'
import { EmbeddedBroker, stoppedBrokerStatus } from './broker/embedded'
import { coreHandlers, dispatchCommand, runCommand, type Handlers } from './commands'
import { hubContext, type ServiceContext } from './context'
import { readCaFile } from './mqtt/ca'
import { MqttLink } from './mqtt/link'
import { linkChange } from './mqtt/link-change'
import type { HubParts, Service, Services } from './service'
import { CLASS_BROKER_NOTICES, NoticeCenter } from './notices'
import { FileSecretStore, type SecretStore } from './settings/secrets'
import { SettingsService, type SettingsOverrides } from './settings/service'
import { TrafficRecorder } from './traffic/traffic'
import { stopWithin } from './util/deadline'
import { Emitter } from './util/events'
import { problem, PuenteError } from './util/problem'

export type { SettingsOverrides }

export interface HubOptions {
  dataDir: string
  host: 'electron' | 'web'
  version: string
  overrides?: SettingsOverrides
  secrets?: SecretStore
  /**
   * The embedded broker could not start (port taken): the tray app runs on and shows why, so the
   * teacher can change the port; the web host (false) exits with the reason, as its CLI promises.
   */
  keepGoing?: boolean
}

/**
 * The composition root of the core: settings, the embedded broker, the MQTT link and the
 * traffic, behind the contract's commands and events. Both hosts (Electron and web) drive
 * one Hub; nothing here knows which.
 */
export class Hub<S extends Services = Services> {
  readonly events = new Emitter<Events>()
  /** The saved settings, this run's overrides and the secret store. */
  readonly config: SettingsService
  /** The problems shown in the windows. */
  readonly notices = new NoticeCenter(
    (n) => this.events.emit('notice', n),
    (ids) => this.events.emit('notice:cleared', { ids })
  )
  traffic!: TrafficRecorder
  broker: EmbeddedBroker | undefined
  link: MqttLink | undefined
  /** Why the embedded broker is not running, when it could not start. */
  private brokerProblem: Problem | undefined
  private handlers!: Handlers
  /** Background services (board, weather, class broker…), started after the link. */
  services!: S
  /** What every service may use of the hub; each takes a narrower `Pick` of it. */
  readonly context: ServiceContext = hubContext(this)
  /** Services whose start() has run: only they are asked for filters and given messages. */
  private readonly started = new Set<Service>()
  private stopping: Promise<void> | undefined

  /** The data directory (settings, the traffic log), for the hosts' own readers of it. */
  get dataDir(): string {
    return this.opts.dataDir
  }

  private constructor(private readonly opts: HubOptions) {
    this.config = new SettingsService(
      opts.dataDir,
      opts.secrets ?? new FileSecretStore(opts.dataDir),
      opts.overrides ?? {},
      (settings) => this.events.emit('settings:changed', settings)
    )
  }

  /**
   * Loads settings, starts the broker (when embedded), the traffic and the MQTT link, then the
   * services `parts` builds (given the hub, for their contexts).
   */
  static async start<S extends Services>(
    opts: HubOptions,
    parts: (hub: Hub) => HubParts<S>
  ): Promise<Hub<S>> {
    const hub = new Hub<S>(opts)
    await hub.init(parts)
    return hub
  }

  private async init(parts: (hub: Hub) => HubParts<S>): Promise<void> {
    const corrupt = await this.config.load()
    if (corrupt) this.notices.notify('warning', corrupt)
    const s = this.settings
    this.traffic = new TrafficRecorder({ dataDir: this.opts.dataDir, ...s.traffic }, this.context)
    if (s.mqtt.url === 'embedded') {
      try {
        await this.startBroker()
      } catch (err) {
        if (!this.opts.keepGoing || !(err instanceof PuenteError)) throw err
        this.brokerProblem = err.problem
        this.notices.notify('error', err.problem)
      }
    }
    await this.startLink()
    const built = parts(this)
    this.services = built.services
    this.handlers = { ...coreHandlers(this), ...built.handlers }
    for (const service of Object.values(this.services)) {
      await service.start()
      this.started.add(service)
    }
    await this.resubscribe()
  }

  /** The settings in force: the saved ones with this run's command-line overrides on top. */
  get settings(): Settings {
    return this.config.current
  }

  private async startBroker(): Promise<void> {
    const s = this.settings
    const broker = new EmbeddedBroker({
      host: '127.0.0.1', // the class broker opens it to the network, with credentials
      port: s.broker.port,
      wsPort: s.broker.wsPort,
      // retained messages and sessions on disk; refused class clients told in words
      dataDir: this.opts.dataDir,
      onRefusal: (p) => this.notices.notify('warning', p, CLASS_BROKER_NOTICES),
      onWarning: (p) => this.notices.notify('warning', p)
    })
    // kept only once it runs: a broker that could not start is not Puente's broker
    await broker.start()
    this.broker = broker
    this.brokerProblem = undefined
    this.events.emit('broker:status', broker.status)
  }

  private async stopBroker(): Promise<void> {
    if (!this.broker) return
    await this.broker.stop()
    this.events.emit('broker:status', this.broker.status)
    this.broker = undefined
  }

  /** The broker URL the link uses. */
  get brokerUrl(): string {
    const url = this.settings.mqtt.url
    return url === 'embedded' ? (this.broker?.url ?? 'mqtt://127.0.0.1:1883') : url
  }

  /**
   * Every filter Puente keeps subscribed: the watched ones and those the services need, at QoS 2
   * so each message arrives (and is logged) with the QoS it was published with.
   */
  subscriptions(): Map<string, Qos> {
    const map = new Map<string, Qos>(this.settings.mqtt.watch.map((f) => [f, 2]))
    for (const s of this.started) for (const f of s.subscriptions?.() ?? []) map.set(f, 2)
    return map
  }

  /** Re-reads every service's filters after a settings change (a topic was renamed…). */
  async resubscribe(): Promise<void> {
    const link = this.link
    if (!link) return
    const want = this.subscriptions()
    for (const f of link.filters) if (!want.has(f)) await link.unsubscribe(f)
    for (const [f, qos] of want) if (!link.filters.includes(f)) await link.subscribe(f, qos)
  }

  private async startLink(): Promise<void> {
    const s = this.settings
    this.link = new MqttLink(
      {
        url: this.brokerUrl,
        clientId: s.mqtt.clientId,
        // on the embedded broker Puente's link uses the broker's internal credentials,
        // so it stays in when the class broker requires the class password
        ...(s.mqtt.url === 'embedded' && this.broker
          ? this.broker.internal
          : {
              username: s.mqtt.username,
              password: await this.config.mqttPassword()
            }),
        ca: await readCaFile(s.mqtt.caFile),
        keepalive: s.mqtt.keepalive,
        clean: s.mqtt.cleanSession,
        subscriptions: this.subscriptions()
      },
      {
        status: (status) => this.events.emit('mqtt:status', status),
        message: (topic, payload, qos, retain) => {
          this.traffic.record('in', topic, payload, qos, retain)
          for (const s of this.started) s.onMessage?.(topic, payload, qos, retain)
        }
      }
    )
    this.link.start()
  }

  /** Stops and starts the link (and the embedded broker when needed) with the current settings. */
  async reconnect(): Promise<void> {
    await this.link?.stop()
    const wantBroker = this.settings.mqtt.url === 'embedded'
    if (wantBroker && !this.broker) await this.startBroker()
    if (!wantBroker) await this.stopBroker()
    await this.startLink()
  }

  /** Disconnects the link, on the user's word. */
  async disconnect(): Promise<void> {
    await this.link?.stop()
  }

  /** Publishes and logs the message as `out` (marked as a replay when it is one). */
  async publish(
    topic: string,
    payload: Buffer,
    qos: Qos,
    retain: boolean,
    queue = false,
    replay = false
  ): Promise<void> {
    if (!this.link) throw new PuenteError(problem('mqtt-offline', 'Not connected to a broker.'))
    if (replay) this.traffic.expectEcho(topic, payload)
    await this.link.publish(topic, payload, qos, retain, queue)
    this.traffic.record('out', topic, payload, qos, retain, replay)
  }

  /** Applies a window's settings change, saves it, and reconnects when the broker changed. */
  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    const before = await this.config.update(patch)
    const after = this.settings
    const change = linkChange(before, after, patch.password !== undefined)
    if (change === 'broker') {
      await this.link?.stop()
      await this.stopBroker()
      await this.reconnect()
    } else if (change === 'link') await this.reconnect()
    else await this.resubscribe()
    return after
  }

  /** The embedded broker's state, also when it is stopped or could not start. */
  get brokerStatus(): BrokerStatus {
    return this.broker?.status ?? stoppedBrokerStatus(this.settings.broker, this.brokerProblem)
  }

  /** Everything a window needs when it opens. */
  snapshot(): AppSnapshot {
    return {
      version: this.opts.version,
      host: this.opts.host,
      settings: this.settings,
      mqtt: this.link!.status,
      broker: this.brokerStatus,
      topics: this.traffic.stats.all(Date.now()),
      messages: this.traffic.ring.query({ limit: 500 }),
      log: this.traffic.logState,
      notices: this.notices.list()
    }
  }

  /** Runs one command of the contract, typed by its name (the input is still validated). */
  invoke<K extends CommandName>(
    name: K,
    input?: CommandInput<K>
  ): Promise<Result<CommandResult<K>>> {
    return runCommand(this.handlers, name, input)
  }

  /** Validates and runs one command from a window (its name an untrusted string); never throws. */
  dispatch(name: string, input: unknown): Promise<Result<unknown>> {
    return dispatchCommand(this.handlers, name, input)
  }

  /** Stops everything cleanly: status `offline`, log flushed, broker closed. Safe to call twice. */
  stop(): Promise<void> {
    return (this.stopping ??= this.shutDown())
  }

  private async shutDown(): Promise<void> {
    for (const s of [...this.started].reverse())
      await stopWithin(`the ${s.name} service`, () => s.stop())
    this.started.clear()
    await stopWithin('the MQTT link', async () => this.link?.stop())
    await stopWithin('the traffic log', async () => this.traffic?.close())
    await stopWithin('the embedded broker', () => this.stopBroker())
  }
}
