import { randomBytes } from 'node:crypto'
import {
  isCommandName,
  parseCommand,
  type AppSnapshot,
  type BrokerStatus,
  type CommandArgs,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type Events,
  type Notice,
  type Problem,
  type Qos,
  type Result,
  type Settings,
  type SettingsPatch
} from '../contract'
import { EmbeddedBroker } from './broker/embedded'
import { coreHandlers, type Handlers, type ServiceHandlers } from './commands'
import type { ServiceContext } from './context'
import { readCaFile } from './mqtt/ca'
import { MqttLink } from './mqtt/link'
import type { Service } from './service'
import { FileSecretStore, type SecretStore } from './settings/secrets'
import { mergeSettings, SettingsStore } from './settings/store'
import { Traffic } from './traffic/traffic'
import { Emitter } from './util/events'
import { errorText, problem, PuenteError } from './util/problem'

/** Settings given on the command line: they win for this run, and are not saved. */
export type SettingsOverrides = {
  [K in keyof Settings]?: Settings[K] extends object ? Partial<Settings[K]> : Settings[K]
}

export interface HubOptions {
  dataDir: string
  host: 'electron' | 'web'
  version: string
  overrides?: SettingsOverrides
  secrets?: SecretStore
  /**
   * When the embedded broker cannot start (its port is taken): the tray app runs on and shows
   * the problem so the teacher can change the port in the window; the web host (false) exits
   * with the reason, as its command line promises.
   */
  keepGoing?: boolean
}

/** The background services by name, as the composition root built them. */
export type Services = Record<string, Service>

/** What the composition root adds to a hub: its services and their commands. */
export interface HubParts<S extends Services> {
  services: S
  handlers: ServiceHandlers
}

export const PASSWORD_KEY = 'mqtt.password'

const MAX_NOTICES = 50

/**
 * The composition root of the core: settings, the embedded broker, the MQTT link and the
 * traffic, behind the contract's commands and events. Both hosts (Electron and web) drive
 * one Hub; nothing here knows which.
 */
export class Hub<S extends Services = Services> {
  readonly events = new Emitter<Events>()
  readonly secrets: SecretStore
  readonly store: SettingsStore
  traffic!: Traffic
  broker: EmbeddedBroker | undefined
  link: MqttLink | undefined
  private saved!: Settings
  private effective: Settings | undefined
  private overrides: SettingsOverrides
  private notices: Notice[] = []
  /** Why the embedded broker is not running, when it could not start. */
  private brokerProblem: Problem | undefined
  private noticeId = 0
  private handlers!: Handlers
  /** Background services (board, weather, class broker…), started after the link. */
  services!: S
  /** What every service may use of the hub; each takes a narrower `Pick` of it. */
  readonly context: ServiceContext = this.makeContext()
  /** Services whose start() has run: only they are asked for filters and given messages. */
  private readonly started = new Set<Service>()
  private stopping: Promise<void> | undefined

  private constructor(readonly opts: HubOptions) {
    this.store = new SettingsStore(opts.dataDir)
    this.secrets = opts.secrets ?? new FileSecretStore(opts.dataDir)
    this.overrides = opts.overrides ?? {}
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
    const loaded = await this.store.load()
    this.setSaved(loaded.settings)
    if (loaded.problem) this.notify('warning', loaded.problem)
    if (!this.saved.mqtt.clientId) {
      this.setSaved(
        mergeSettings(this.saved, {
          mqtt: { clientId: `puente-${randomBytes(3).toString('hex')}` }
        })
      )
      await this.store.save(this.saved)
    }
    const s = this.settings
    this.traffic = new Traffic({ dataDir: this.opts.dataDir, ...s.traffic }, (batch) =>
      this.events.emit('traffic:batch', batch)
    )
    if (s.mqtt.url === 'embedded') {
      try {
        await this.startBroker()
      } catch (err) {
        if (!this.opts.keepGoing || !(err instanceof PuenteError)) throw err
        this.brokerProblem = err.problem
        this.notify('error', err.problem)
      }
    }
    await this.startLink()
    const built = parts(this)
    this.services = built.services
    this.handlers = { ...coreHandlers(this), ...built.handlers }
    for (const service of Object.values(this.services)) {
      await service.start(this)
      this.started.add(service)
    }
    await this.resubscribe()
  }

  private makeContext(): ServiceContext {
    const settings = (): Settings => this.settings
    return {
      settings: {
        get current(): Settings {
          return settings()
        },
        update: (patch) => this.updateSettings(patch),
        onChange: (fn) => this.events.on('settings:changed', fn)
      },
      events: this.events,
      publish: (topic, payload, qos, retain, queue) =>
        this.publish(topic, payload, qos, retain, queue),
      notify: (level, p) => this.notify(level, p),
      mqttStatus: () => this.link!.status
    }
  }

  /** The settings in force: the saved ones with this run's command-line overrides on top. */
  get settings(): Settings {
    // computed once per change: services read it for every message
    return (this.effective ??= mergeSettings(this.saved, this.overrides))
  }

  private setSaved(next: Settings): void {
    this.saved = next
    this.effective = undefined
  }

  private async startBroker(): Promise<void> {
    const s = this.settings
    this.broker = new EmbeddedBroker({
      host: '127.0.0.1', // the class broker opens it to the network, with credentials
      port: s.broker.port,
      wsPort: s.broker.wsPort,
      // issue 6: retained messages and sessions on disk; refused class clients told in words
      dataDir: this.opts.dataDir,
      onRefusal: (p) => this.notify('warning', p)
    })
    try {
      await this.broker.start()
    } catch (err) {
      this.broker = undefined
      throw err
    }
    this.brokerProblem = undefined
    this.events.emit('broker:status', this.broker.status)
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
        // issue 6: on the embedded broker Puente's link uses the broker's internal credentials,
        // so it stays in when the class broker requires the class password
        ...(s.mqtt.url === 'embedded' && this.broker
          ? this.broker.internal
          : {
              username: s.mqtt.username,
              password: s.mqtt.hasPassword ? await this.secrets.get(PASSWORD_KEY) : undefined
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

  /** Publishes and logs the message as `out`. */
  async publish(
    topic: string,
    payload: Buffer,
    qos: Qos,
    retain: boolean,
    queue = false
  ): Promise<void> {
    if (!this.link) throw new PuenteError(problem('mqtt-offline', 'Not connected to a broker.'))
    await this.link.publish(topic, payload, qos, retain, queue)
    this.traffic.record('out', topic, payload, qos, retain)
  }

  /** Applies a window's settings change, saves it, and reconnects when the broker changed. */
  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    const { password, ...rest } = patch
    const before = this.settings
    const mqttPatch: Record<string, unknown> = { ...rest.mqtt }
    const newUrl = rest.mqtt?.url !== undefined && rest.mqtt.url !== before.mqtt.url
    if (newUrl && password === undefined && before.mqtt.hasPassword) {
      // a password typed for one broker is never sent to another
      await this.secrets.delete(PASSWORD_KEY)
      mqttPatch.hasPassword = false
    } else if (password !== undefined) {
      if (password) await this.secrets.set(PASSWORD_KEY, password)
      else await this.secrets.delete(PASSWORD_KEY)
      mqttPatch.hasPassword = password !== ''
    }
    const next = mergeSettings(this.saved, { ...rest, mqtt: mqttPatch })
    // what the window set now wins over this run's command-line flags
    for (const [section, value] of Object.entries({ ...rest, mqtt: mqttPatch })) {
      const o = this.overrides[section as keyof Settings]
      if (o && typeof o === 'object' && value && typeof value === 'object') {
        for (const k of Object.keys(value)) delete (o as Record<string, unknown>)[k]
      } else if (value !== undefined) delete this.overrides[section as keyof Settings]
    }
    this.setSaved(next)
    await this.store.save(next)
    const after = this.settings
    this.events.emit('settings:changed', after)
    const m0 = before.mqtt
    const m1 = after.mqtt
    const relink =
      password !== undefined ||
      m0.url !== m1.url ||
      m0.username !== m1.username ||
      m0.clientId !== m1.clientId ||
      m0.keepalive !== m1.keepalive ||
      m0.cleanSession !== m1.cleanSession ||
      m0.caFile !== m1.caFile
    const b0 = before.broker
    const b1 = after.broker
    if (m1.url === 'embedded' && (b0.port !== b1.port || b0.wsPort !== b1.wsPort)) {
      await this.link?.stop()
      await this.stopBroker()
      await this.reconnect()
    } else if (relink) await this.reconnect()
    else await this.resubscribe()
    return after
  }

  /** Remembers a topic the user published on, for the publish form's suggestions. */
  async rememberTopic(topic: string): Promise<void> {
    const recent = [topic, ...this.saved.mqtt.recentTopics.filter((t) => t !== topic)].slice(0, 10)
    if (recent.join('\n') === this.saved.mqtt.recentTopics.join('\n')) return
    this.setSaved(mergeSettings(this.saved, { mqtt: { recentTopics: recent } }))
    await this.store.save(this.saved)
    this.events.emit('settings:changed', this.settings)
  }

  /** Shows a problem in the windows (and keeps the last few for windows opened later). */
  notify(level: Notice['level'], p: Problem): void {
    const notice: Notice = { ...p, id: ++this.noticeId, level, at: new Date().toISOString() }
    this.notices.push(notice)
    if (this.notices.length > MAX_NOTICES) this.notices.shift()
    this.events.emit('notice', notice)
  }

  get brokerStatus(): BrokerStatus {
    const s = this.settings.broker
    const stopped: BrokerStatus = {
      running: false,
      host: '127.0.0.1',
      port: s.port,
      wsPort: s.wsPort,
      clients: 0
    }
    if (this.brokerProblem) stopped.problem = this.brokerProblem
    return this.broker?.status ?? stopped
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
      notices: [...this.notices]
    }
  }

  /** Runs one command of the contract, typed by its name (the input is still validated). */
  invoke<K extends CommandName>(
    name: K,
    input: CommandInput<K>
  ): Promise<Result<CommandResult<K>>> {
    return this.run(name, input)
  }

  /** Validates and runs one command from a window (its name an untrusted string); never throws. */
  async dispatch(name: string, input: unknown): Promise<Result<unknown>> {
    if (!isCommandName(name)) {
      return {
        ok: false,
        error: problem('unknown-command', `Unknown command "${String(name).slice(0, 64)}".`, {
          command: String(name).slice(0, 64)
        })
      }
    }
    return this.run(name, input)
  }

  private async run<K extends CommandName>(
    name: K,
    input: unknown
  ): Promise<Result<CommandResult<K>>> {
    const parsed = parseCommand(name, input)
    if (!parsed.ok) return parsed
    const handler = this.handlers[name] as (args: CommandArgs<K>) => Promise<CommandResult<K>>
    try {
      return { ok: true, value: await handler(parsed.value) }
    } catch (err) {
      if (err instanceof PuenteError) return { ok: false, error: err.problem }
      console.error(`command ${name} failed:`, err)
      return {
        ok: false,
        error: problem('internal', `${name} failed: ${errorText(err)}`, { command: name })
      }
    }
  }

  /** Stops everything cleanly: status `offline`, log flushed, broker closed. Safe to call twice. */
  stop(): Promise<void> {
    return (this.stopping ??= this.shutDown())
  }

  private async shutDown(): Promise<void> {
    for (const s of [...this.started].reverse())
      await s.stop().catch((err) => console.error(`${s.name}:`, err))
    this.started.clear()
    await this.link?.stop()
    this.traffic?.close()
    await this.stopBroker()
  }
}
