import type { Duplex } from 'node:stream'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import type { MqttState, MqttStatus, Problem, Qos } from '../../contract'
import { Backoff, type BackoffPolicy } from '../../shared/backoff'
import { problem, PuenteError } from '../util/problem'
import { describeMqttError, timeoutProblem } from './reasons'
import { sendNow, tuneMqttStream } from './stream'

export interface LinkOptions {
  url: string
  clientId: string
  username?: string
  password?: string
  keepalive: number
  clean: boolean
  /** Filters kept subscribed across reconnects. */
  subscriptions: Map<string, Qos>
  connectTimeoutMs?: number
  /** How reconnect attempts are spaced (default RECONNECT). */
  backoff?: BackoffPolicy
  ca?: Buffer
}

export interface LinkHandlers {
  status(status: MqttStatus): void
  message(topic: string, payload: Buffer, qos: Qos, retain: boolean): void
}

/**
 * A broker that comes back is found within a second for the first 30 s of an outage (a restart,
 * a Wi-Fi hiccup); a longer outage is retried less and less often, up to every 30 s, jittered.
 */
export const RECONNECT: BackoffPolicy = { minMs: 500, maxMs: 30_000, steadyMs: 30_000, jitter: 0.5 }

const quiet = (): void => {}

/** The status topic, with `online` while connected and `offline` as the last will. */
export function statusTopic(clientId: string): string {
  return `puente/${clientId}/status`
}

/** The broker as shown to the user: the URL without any password. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url)
    u.password = ''
    u.username = ''
    return u.toString().replace(/\/$/, '')
  } catch {
    return url
  }
}

/**
 * One MQTT connection (mqtt.js) with last will, `online` status, reconnect (RECONNECT: quick at
 * first, then a capped, jittered backoff) and re-subscription of every watched filter on each
 * connect. Nagle is off on its socket, so no packet waits for the broker's delayed ACK.
 */
export class MqttLink {
  private client: MqttClient | undefined
  private readonly backoff: Backoff
  private retryTimer: NodeJS.Timeout | undefined
  private stopped = false
  private lastProblem: Problem | undefined
  private sawConnack = false
  private current: MqttStatus

  constructor(
    private readonly opts: LinkOptions,
    private readonly on: LinkHandlers
  ) {
    this.backoff = new Backoff(opts.backoff ?? RECONNECT)
    this.current = this.makeStatus('disconnected')
  }

  get status(): MqttStatus {
    return this.current
  }

  get connected(): boolean {
    return this.client?.connected === true
  }

  private get where(): string {
    return displayUrl(this.opts.url)
  }

  private makeStatus(state: MqttState, p?: Problem, nextTry?: number): MqttStatus {
    const s: MqttStatus = {
      state,
      url: this.where,
      clientId: this.opts.clientId,
      since: state === this.current?.state ? this.current.since : new Date().toISOString()
    }
    if (p) s.problem = p
    if (nextTry !== undefined) s.nextTry = new Date(nextTry).toISOString()
    return s
  }

  private setStatus(state: MqttState, p?: Problem, nextTry?: number): void {
    const c = this.current
    if (
      state === c.state &&
      p?.code === c.problem?.code &&
      (nextTry === undefined ? undefined : new Date(nextTry).toISOString()) === c.nextTry
    )
      return
    this.current = this.makeStatus(state, p, nextTry)
    this.on.status(this.current)
  }

  /** Connects (and keeps reconnecting until `stop`). */
  start(): void {
    this.stopped = false
    const willTopic = statusTopic(this.opts.clientId)
    const options: IClientOptions = {
      clientId: this.opts.clientId,
      keepalive: this.opts.keepalive,
      clean: this.opts.clean,
      username: this.opts.username || undefined,
      password: this.opts.password || undefined,
      connectTimeout: this.opts.connectTimeoutMs ?? 10_000,
      reconnectPeriod: 0, // we reconnect ourselves, with backoff
      resubscribe: false, // and re-subscribe ourselves, on every connect
      will: { topic: willTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
      ca: this.opts.ca,
      // mqtt.js logs ~10 debug lines per publish; even switched off they cost a burst ~10% CPU
      log: quiet
    }
    this.setStatus('connecting')
    const client = mqtt.connect(this.opts.url, options)
    this.client = client
    tuneMqttStream(client.stream as Duplex)
    client.on('connect', () => {
      tuneMqttStream(client.stream as Duplex)
      this.backoff.succeeded()
      this.sawConnack = true
      this.lastProblem = undefined
      this.setStatus('connected')
      // a stop() between CONNACK and here has closed mqtt.js's store: publishing would throw
      if (this.stopped || client.disconnecting) return
      client.publish(willTopic, 'online', { qos: 1, retain: true })
      this.resubscribe()
    })
    client.on('message', (topic, payload, packet) => {
      this.on.message(topic, payload, (packet.qos ?? 0) as Qos, packet.retain === true)
    })
    client.on('error', (err) => {
      this.lastProblem = describeMqttError(err, this.where)
    })
    client.on('close', () => {
      if (this.stopped) return
      const p =
        this.lastProblem ??
        (this.sawConnack
          ? problem('mqtt-lost', `The connection to ${this.where} was lost.`, {
              broker: this.where
            })
          : timeoutProblem(this.where, (this.opts.connectTimeoutMs ?? 10_000) / 1000))
      this.sawConnack = false
      this.scheduleRetry(p)
    })
  }

  private scheduleRetry(p: Problem): void {
    if (this.retryTimer || this.stopped) return
    const now = Date.now()
    const delay = this.backoff.failed(now)
    this.setStatus(this.backoff.count > 1 ? 'reconnecting' : 'offline', p, now + delay)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      this.lastProblem = undefined
      const client = this.client
      if (this.stopped || !client) return
      this.setStatus('reconnecting', p)
      client.reconnect()
      tuneMqttStream(client.stream as Duplex)
    }, delay)
  }

  private resubscribe(): void {
    const client = this.client
    if (!client || this.opts.subscriptions.size === 0) return
    const map: Record<string, { qos: Qos }> = {}
    for (const [filter, qos] of this.opts.subscriptions) map[filter] = { qos }
    client.subscribe(map, (err) => {
      if (err) this.lastProblem = describeMqttError(err, this.where)
    })
  }

  /** Publishes; rejects with a clear problem when not connected and `queue` is false. */
  publish(
    topic: string,
    payload: Buffer | string,
    qos: Qos,
    retain: boolean,
    queue = false
  ): Promise<void> {
    const client = this.client
    if (!client || (!client.connected && !queue)) {
      return Promise.reject(
        new PuenteError(
          problem('mqtt-offline', `Not connected to ${this.where}: the message was not sent.`, {
            broker: this.where
          })
        )
      )
    }
    if (qos === 0) {
      // no callback: mqtt.js would add a 'drain' listener per message of a burst (quadratic)
      client.publish(topic, payload, { qos, retain })
      sendNow(client.stream as Duplex)
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      client.publish(topic, payload, { qos, retain }, (err) =>
        err ? reject(new PuenteError(describeMqttError(err, this.where))) : resolve()
      )
      sendNow(client.stream as Duplex)
    })
  }

  /** Adds a filter to the kept subscriptions and subscribes now if connected. */
  subscribe(filter: string, qos: Qos): Promise<void> {
    this.opts.subscriptions.set(filter, qos)
    const client = this.client
    if (!client?.connected) return Promise.resolve()
    return new Promise((resolve, reject) => {
      client.subscribe(filter, { qos }, (err, granted) => {
        if (err) return reject(new PuenteError(describeMqttError(err, this.where)))
        if (granted?.[0] && granted[0].qos === 128)
          return reject(
            new PuenteError(
              problem(
                'mqtt-subscribe-refused',
                `${this.where} refused the subscription to ${filter}.`,
                { filter }
              )
            )
          )
        resolve()
      })
    })
  }

  /** Removes a filter from the kept subscriptions and unsubscribes now if connected. */
  unsubscribe(filter: string): Promise<void> {
    this.opts.subscriptions.delete(filter)
    const client = this.client
    if (!client?.connected) return Promise.resolve()
    return new Promise((resolve, reject) => {
      client.unsubscribe(filter, (err) =>
        err ? reject(new PuenteError(describeMqttError(err, this.where))) : resolve()
      )
    })
  }

  /** The filters kept subscribed. */
  get filters(): string[] {
    return [...this.opts.subscriptions.keys()]
  }

  /** Says `offline` on the status topic and disconnects for good. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    const client = this.client
    this.client = undefined
    if (client) {
      // a broker that stops answering must not hold up quitting: each step gets 1 s, so both
      // fit in the hub's stop deadline (STOP_DEADLINE_MS) and the link still ends disconnected
      const atMost1s = (step: (done: () => void) => void): Promise<void> =>
        new Promise((resolve) => {
          const timer = setTimeout(resolve, 1000)
          step(() => {
            clearTimeout(timer)
            resolve()
          })
        })
      if (client.connected) {
        await atMost1s((done) =>
          client.publish(statusTopic(this.opts.clientId), 'offline', { qos: 1, retain: true }, () =>
            done()
          )
        )
      }
      await atMost1s((done) => client.end(false, {}, () => done()))
      if (!client.disconnected) client.end(true)
    }
    this.setStatus('disconnected')
  }
}
