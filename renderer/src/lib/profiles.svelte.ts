import type {
  Problem,
  ProfilesState,
  ProfileTestResult,
  ProfileView
} from '../../../electron/contract'
import { api, follow } from './api'

/** What the profile form sends; the password only when typed ('' removes the saved one). */
export interface ProfileDraft {
  id?: string
  name: string
  url: string
  username: string
  password?: string
  caFile: string
}

/** The profile form's state: `saved` says whether the edited profile has a password. */
export type ProfileForm = ProfileDraft & {
  password: string
  saved: boolean
  forget: boolean
  tried: boolean
  savedUrl: string
}

/** A form to edit `p`, or a new profile's; the saved password is never sent back to the window. */
export function profileForm(p?: ProfileView): ProfileForm {
  const fresh = { password: '', forget: false, tried: false }
  if (!p)
    return {
      ...fresh,
      name: '',
      url: 'mqtt://',
      username: '',
      caFile: '',
      saved: false,
      savedUrl: ''
    }
  const { id, name, url, username, caFile } = p
  return { ...fresh, id, name, url, username, caFile, saved: p.hasPassword, savedUrl: url }
}

/** The password to send: typed → it, "forget" → '', else nothing (keeps the saved one). */
export function passwordOf(f: ProfileForm): string | undefined {
  if (f.password) return f.password
  return f.forget ? '' : undefined
}

/** The connection profiles (never their passwords) and their actions. */
class ProfilesModel {
  state = $state.raw<ProfilesState | undefined>()
  busy = $state(false)
  problem = $state.raw<Problem | undefined>()
  /** The last connection test, by profile id ('' for the form being edited). */
  tests = $state.raw<Record<string, ProfileTestResult | 'testing'>>({})

  /** Subscribes to the profile events and loads the state; returns the cleanup. */
  start(): () => void {
    return follow('profiles:get-state', 'profiles:state', (s) => (this.state = s))
  }

  private async apply(
    r: Awaited<ReturnType<typeof api.invoke<'profiles:get-state'>>>
  ): Promise<boolean> {
    this.busy = false
    this.problem = r.ok ? undefined : r.error
    if (r.ok) this.state = r.value
    return r.ok
  }

  /** Makes a profile the broker in use (the subscriptions move with it). */
  async activate(id: string): Promise<void> {
    this.busy = true
    await this.apply(await api.invoke('profiles:activate', { id }))
  }

  /** Creates (no id) or changes a custom profile; true when saved. */
  async save(d: ProfileDraft): Promise<boolean> {
    this.busy = true
    const input = {
      name: d.name,
      url: d.url,
      username: d.username,
      caFile: d.caFile,
      ...(d.id ? { id: d.id } : {})
    }
    return this.apply(
      await api.invoke(
        'profiles:save',
        d.password === undefined ? input : { ...input, password: d.password }
      )
    )
  }

  async remove(id: string): Promise<void> {
    this.busy = true
    await this.apply(await api.invoke('profiles:delete', { id }))
  }

  /** Tries a throwaway connection with a saved profile, or with the form's values. */
  async test(
    key: string,
    input: { id?: string; url?: string; username?: string; password?: string; caFile?: string }
  ): Promise<void> {
    this.tests = { ...this.tests, [key]: 'testing' }
    const r = await api.invoke('profiles:test', input)
    this.tests = {
      ...this.tests,
      [key]: r.ok ? r.value : { ok: false, url: input.url ?? '', problem: r.error }
    }
  }
}

export const profiles = new ProfilesModel()
