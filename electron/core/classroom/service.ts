import { randomBytes } from 'node:crypto'
import type { ClassroomState, Problem } from '../../contract'
import type { EmbeddedBroker } from '../broker/embedded'
import type { Hub } from '../hub'
import type { Service } from '../service'
import { problem, PuenteError } from '../util/problem'
import { generateClassPassword, lanAddresses, micropythonSnippet } from './snippet'

export const CLASS_PASSWORD_KEY = 'classroom.password'

/**
 * The class broker: opens the embedded broker to the classroom network with the class
 * credentials and limits, closes it back to 127.0.0.1, and tells the class window who is
 * connected (pushed at most once a second, only when something changed).
 */
export class ClassroomService implements Service {
  readonly name = 'classroom'
  private hub: Hub | undefined
  private password = ''
  /** The password came from --lan-password: used for this run, never saved. */
  private passwordFromCli = false
  private broker: EmbeddedBroker | undefined
  private problem: Problem | undefined
  private timer: NodeJS.Timeout | undefined
  private lastPushed = ''
  private offs: (() => void)[] = []

  async start(hub: Hub): Promise<void> {
    this.hub = hub
    this.broker = hub.broker
    if (hub.opts.lanPassword) {
      this.password = hub.opts.lanPassword
      this.passwordFromCli = true
    } else {
      this.password = (await hub.secrets.get(CLASS_PASSWORD_KEY)) ?? ''
      if (!this.password) await this.savePassword(generateClassPassword(randomBytes))
    }
    // the hub makes a new broker when the profile goes back to "This computer": it starts closed
    this.offs.push(
      hub.events.on('broker:status', () => {
        if (hub.broker !== this.broker) this.broker = hub.broker
        this.push()
      })
    )
    this.timer = setInterval(() => this.push(), 1000)
    this.timer.unref()
    if (hub.settings.classroom.openAtStart && hub.broker) await this.open({})
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.offs.forEach((off) => off())
    this.offs = []
  }

  private async savePassword(password: string): Promise<void> {
    this.password = password
    this.passwordFromCli = false
    await this.hub!.secrets.set(CLASS_PASSWORD_KEY, password)
  }

  /** Opens the class broker (new user name or password first, when given). */
  async open(opts: {
    username?: string
    password?: string
    newPassword?: boolean
  }): Promise<ClassroomState> {
    const hub = this.hub!
    const broker = hub.broker
    if (!broker?.guard)
      throw new PuenteError(
        problem(
          'classroom-needs-embedded',
          'The class broker is Puente\'s own broker: choose the profile "This computer" first.'
        )
      )
    if (opts.username && opts.username !== hub.settings.classroom.username)
      await hub.updateSettings({ classroom: { username: opts.username } })
    if (opts.password) await this.savePassword(opts.password)
    else if (opts.newPassword) await this.savePassword(generateClassPassword(randomBytes))
    const c = hub.settings.classroom
    try {
      await broker.setLan({
        username: c.username,
        password: this.password,
        maxClients: c.maxClients,
        maxMessageBytes: c.maxMessageBytes
      })
      this.problem = undefined
    } catch (err) {
      this.problem = err instanceof PuenteError ? err.problem : undefined
      throw err
    } finally {
      hub.events.emit('broker:status', broker.status)
    }
    return this.push(true)
  }

  /** Closes the class broker: back to 127.0.0.1, every student disconnected. */
  async close(): Promise<ClassroomState> {
    const broker = this.hub!.broker
    if (broker?.guard?.lanConfig) {
      await broker.setLan(undefined)
      this.hub!.events.emit('broker:status', broker.status)
    }
    return this.push(true)
  }

  /** What the class window shows now. */
  state(): ClassroomState {
    const hub = this.hub!
    const broker = hub.broker
    const guard = broker?.guard
    const status = hub.brokerStatus
    const addresses = lanAddresses()
    const username = guard?.lanConfig?.username ?? hub.settings.classroom.username
    const s: ClassroomState = {
      available: !!guard,
      open: !!guard?.lanConfig,
      addresses,
      port: status.port,
      wsPort: status.wsPort,
      username,
      password: this.password,
      snippet: micropythonSnippet(
        addresses[0] ?? '192.168.1.20',
        status.port,
        username,
        this.password
      ),
      clients: guard?.list() ?? [],
      stats: guard?.stats() ?? {
        clients: 0,
        maxClients: 0,
        maxMessageBytes: 0,
        messagesIn: 0,
        messagesOut: 0,
        bytesIn: 0,
        bytesOut: 0,
        refused: 0,
        uptime: 0
      }
    }
    const p = this.problem ?? guard?.lastProblem
    if (p) s.problem = p
    return s
  }

  /** Sends the state to the windows when it changed (or always, after a command). */
  private push(force = false): ClassroomState {
    const s = this.state()
    // uptime changes every second; it alone is not worth a push
    const key = JSON.stringify({ ...s, stats: { ...s.stats, uptime: 0 } })
    if (force || key !== this.lastPushed) {
      this.lastPushed = key
      this.hub!.events.emit('classroom:state', s)
    }
    return s
  }

  /** True while the CLI's password is in force (serve prints it as given). */
  get cliPassword(): boolean {
    return this.passwordFromCli
  }
}
