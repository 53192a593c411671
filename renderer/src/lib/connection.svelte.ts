import type {
  AppSnapshot,
  BrokerStatus,
  MqttStatus,
  Notice,
  Problem
} from '../../../electron/contract'
import { keepMost } from '../../../electron/shared/notice-trim'
import { api } from './api'

/** The MQTT link, the embedded broker, the window's own link to the host, and the notices. */
class Connection {
  mqtt = $state.raw<MqttStatus | undefined>()
  broker = $state.raw<BrokerStatus | undefined>()
  /** False while the web host's socket is down (always true under Electron). */
  hostUp = $state(true)
  notices = $state.raw<Notice[]>([])
  /** Dismissed here and not yet confirmed by the core (its answer removes them everywhere). */
  private dismissed = new Set<number>()

  load(s: AppSnapshot): void {
    this.mqtt = s.mqtt
    this.broker = s.broker
    this.notices = s.notices.filter((n) => !this.dismissed.has(n.id))
  }

  private drop(ids: number[]): void {
    this.notices = this.notices.filter((n) => !ids.includes(n.id))
  }

  subscribe(): () => void {
    const offs = [
      api.on('mqtt:status', (s) => (this.mqtt = s)),
      api.on('broker:status', (b) => (this.broker = b)),
      api.on('notice', (n) => {
        // a repeat carries the same id with a higher count: it replaces the one shown
        if (this.dismissed.has(n.id)) return
        this.notices = keepMost([...this.notices.filter((x) => x.id !== n.id), n], 10)
      }),
      // the condition ended, or a window dismissed it: the core says so to every window
      api.on('notice:cleared', ({ ids }) => this.drop(ids))
    ]
    return () => offs.forEach((off) => off())
  }

  /** Dismisses a notice for good: the core forgets it, so no window shows it again. */
  dismiss(id: number): void {
    this.dismissed.add(id)
    this.drop([id])
    void api.invoke('notices:dismiss', { id })
  }

  /** Connects again with the current settings; the problem when the host refuses. */
  async connect(): Promise<Problem | undefined> {
    const r = await api.invoke('mqtt:connect')
    return r.ok ? undefined : r.error
  }

  /** Disconnects on the user's word. */
  async disconnect(): Promise<Problem | undefined> {
    const r = await api.invoke('mqtt:disconnect')
    return r.ok ? undefined : r.error
  }
}

export const connection = new Connection()
