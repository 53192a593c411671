import type { CommandArgs, ProfileTestResult, ProfilesState, ProfileView } from '../../contract'
import type { BrokerAccess, SecretsAccess, ServiceContext } from '../context'
import { readCaFile } from '../mqtt/ca'
import type { Service } from '../service'
import { passwordAfter } from '../settings/service'
import { problem, PuenteError } from '../util/problem'
import { checkConnection } from './check'
import { allProfiles, newProfileId, profilePasswordKey, profilesState } from './profiles'

/** What the profiles use of the hub. */
export type ProfilesContext = Pick<ServiceContext, 'settings' | 'events'> &
  BrokerAccess &
  SecretsAccess

/**
 * Connection profiles: create, edit, delete, switch and test, with passwords only in the secret
 * store. Keeps the windows (and the tray tooltip) told which profile is in force, also when the
 * broker changes another way than through a profile (the settings form).
 */
export class ProfilesService implements Service {
  readonly name = 'profiles'
  private off: (() => void) | undefined
  private last = ''

  constructor(private readonly ctx: ProfilesContext) {}

  async start(): Promise<void> {
    this.last = JSON.stringify(this.state())
    this.off = this.ctx.settings.onChange((settings) => {
      const s = profilesState(settings)
      const key = JSON.stringify(s)
      if (key === this.last) return
      this.last = key
      this.ctx.events.emit('profiles:state', s)
    })
  }

  async stop(): Promise<void> {
    this.off?.()
  }

  /** The profiles as windows see them. */
  state(): ProfilesState {
    return profilesState(this.ctx.settings.current)
  }

  /** Creates or edits a custom profile; editing the one in use applies it at once. */
  async save(p: CommandArgs<'profiles:save'>): Promise<ProfilesState> {
    const { id, name, url, username, password, caFile } = p
    const settings = this.ctx.settings
    const custom = settings.current.profiles.custom
    if (id && !custom.some((x) => x.id === id)) {
      const builtin = allProfiles(settings.current).some((x) => x.id === id)
      throw new PuenteError(
        builtin
          ? problem('profile-builtin', 'The built-in profiles cannot be changed: make a new one.', {
              id
            })
          : problem('profile-not-found', `There is no profile "${id}".`, { id })
      )
    }
    const pid = id ?? newProfileId()
    const old = custom.find((x) => x.id === pid)
    const hasPassword = await passwordAfter(this.ctx.secrets, {
      key: profilePasswordKey(pid),
      had: old?.hasPassword ?? false,
      newUrl: !!old && old.url !== url,
      typed: password
    })
    const next = { id: pid, name, url, username, hasPassword, caFile }
    const list = old ? custom.map((x) => (x.id === pid ? next : x)) : [...custom, next]
    await settings.update({ profiles: { custom: list } })
    if (this.state().active === pid || settings.current.profiles.active === pid)
      await this.use({ ...next, builtin: false })
    return this.emit()
  }

  /** Deletes a custom profile (and its password); the local broker takes over if it was in use. */
  async delete(id: string): Promise<ProfilesState> {
    const p = this.find(id)
    if (p.builtin)
      throw new PuenteError(
        problem('profile-builtin', 'The built-in profiles cannot be deleted.', { id })
      )
    const settings = this.ctx.settings
    if (settings.current.profiles.active === id) await this.use(this.find('local'))
    await this.ctx.secrets.delete(profilePasswordKey(id))
    await settings.update({
      profiles: { custom: settings.current.profiles.custom.filter((x) => x.id !== id) }
    })
    return this.emit()
  }

  /** Makes a profile the broker in use. */
  async activate(id: string): Promise<ProfilesState> {
    await this.use(this.find(id))
    return this.emit()
  }

  /** Tries a broker (a saved profile, or the address the window names) without switching to it. */
  async test(q: CommandArgs<'profiles:test'>): Promise<ProfileTestResult> {
    const saved = q.id ? this.find(q.id) : undefined
    const target = q.url ?? saved?.url
    if (!target)
      throw new PuenteError(problem('profile-test-no-url', 'Give the broker address to test.'))
    if (target === 'embedded') {
      const broker = this.ctx.broker()
      if (!broker?.guard)
        return {
          ok: false,
          url: 'embedded',
          problem: problem(
            'broker-not-running',
            'Puente\'s own broker is not running: choose the profile "This computer".'
          )
        }
      return checkConnection({ url: broker.url, ...broker.guard.internal })
    }
    // the saved password is tried only against the saved address, never one the window names
    const savedPassword =
      saved?.hasPassword && !saved.builtin && target === saved.url
        ? await this.ctx.secrets.get(profilePasswordKey(saved.id))
        : undefined
    return checkConnection({
      url: target,
      username: q.username ?? saved?.username,
      password: q.password ?? savedPassword,
      ca: await readCaFile(q.caFile ?? saved?.caFile ?? '')
    })
  }

  private find(id: string): ProfileView {
    const p = allProfiles(this.ctx.settings.current).find((x) => x.id === id)
    if (!p)
      throw new PuenteError(problem('profile-not-found', `There is no profile "${id}".`, { id }))
    return p
  }

  /** Makes `p` the broker in use: the hub relinks and moves every subscription to it. */
  private async use(p: ProfileView): Promise<void> {
    const password = p.hasPassword
      ? ((await this.ctx.secrets.get(profilePasswordKey(p.id))) ?? '')
      : ''
    await this.ctx.settings.update({
      mqtt: { url: p.url, username: p.username, caFile: p.caFile },
      password,
      profiles: { active: p.id }
    })
  }

  /** Emits and returns the profiles as windows see them. */
  private emit(): ProfilesState {
    const s = this.state()
    this.ctx.events.emit('profiles:state', s)
    return s
  }
}
