import { randomBytes } from 'node:crypto'
import type { ClassroomState, Problem } from '../../contract'
import type { EmbeddedBroker } from '../broker/embedded'
import type { BrokerAccess, SecretsAccess, ServiceContext } from '../context'
import { CLASS_BROKER_NOTICES } from '../notices'
import type { Service } from '../service'
import { problem, PuenteError } from '../util/problem'
import { generateClassPassword, lanAddresses, micropythonSnippet } from './snippet'

export const CLASS_PASSWORD_KEY = 'classroom.password'

/**
 * The class broker: opens the embedded broker to the classroom network with the class
 * credentials and limits, closes it back to 127.0.0.1, and tells the class window who is
 * connected (pushed at most once a second, only when something changed).
 */
/** What the class broker uses of the hub. */
export type ClassroomContext = Pick<ServiceContext, 'settings' | 'events' | 'clearNotices'> &
  BrokerAccess &
  SecretsAccess & {
    /** The class password given on the command line (--lan-password): for this run, not saved. */
    readonly lanPassword?: string
  }

export class ClassroomService implements Service {
  readonly name = 'classroom'
  private password = ''
  private broker: EmbeddedBroker | undefined
  private problem: Problem | undefined
  private timer: NodeJS.Timeout | undefined
  private lastPushed = ''
  private offs: (() => void)[] = []

  constructor(private readonly ctx: ClassroomContext) {}

  async start(): Promise<void> {
    const ctx = this.ctx
    this.broker = ctx.broker()
    if (ctx.lanPassword) {
      this.password = ctx.lanPassword // for this run, never saved
    } else {
      this.password = (await ctx.secrets.get(CLASS_PASSWORD_KEY)) ?? ''
      if (!this.password) await this.savePassword(generateClassPassword(randomBytes))
    }
    // the hub makes a new broker when the profile goes back to "This computer": it starts closed
    this.offs.push(
      ctx.events.on('broker:status', () => {
        if (ctx.broker() !== this.broker) this.broker = ctx.broker()
        this.push()
      })
    )
    this.timer = setInterval(() => this.push(), 1000)
    this.timer.unref()
    if (ctx.settings.current.classroom.openAtStart && ctx.broker()) await this.open({})
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.offs.forEach((off) => off())
    this.offs = []
  }

  private async savePassword(password: string): Promise<void> {
    this.password = password
    await this.ctx.secrets.set(CLASS_PASSWORD_KEY, password)
  }

  /** Opens the class broker (new user name or password first, when given). */
  async open(opts: {
    username?: string
    password?: string
    newPassword?: boolean
  }): Promise<ClassroomState> {
    const ctx = this.ctx
    const broker = ctx.broker()
    if (!broker?.guard)
      throw new PuenteError(
        problem(
          'classroom-needs-embedded',
          'The class broker is Puente\'s own broker: choose the profile "This computer" first.'
        )
      )
    if (opts.username && opts.username !== ctx.settings.current.classroom.username)
      await ctx.settings.update({ classroom: { username: opts.username } })
    if (opts.password) await this.savePassword(opts.password)
    else if (opts.newPassword) await this.savePassword(generateClassPassword(randomBytes))
    const c = ctx.settings.current.classroom
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
      ctx.events.emit('broker:status', broker.status)
    }
    return this.push(true)
  }

  /** Closes the class broker: back to 127.0.0.1, every student disconnected. */
  async close(): Promise<ClassroomState> {
    const broker = this.ctx.broker()
    if (broker?.guard?.lanConfig) {
      await broker.setLan(undefined)
      this.ctx.events.emit('broker:status', broker.status)
    }
    this.ctx.clearNotices(CLASS_BROKER_NOTICES)
    return this.push(true)
  }

  /** What the class window shows now. */
  state(): ClassroomState {
    const ctx = this.ctx
    const guard = ctx.broker()?.guard
    const status = ctx.brokerStatus()
    const addresses = lanAddresses()
    const username = guard?.lanConfig?.username ?? ctx.settings.current.classroom.username
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
      this.ctx.events.emit('classroom:state', s)
    }
    return s
  }
}
