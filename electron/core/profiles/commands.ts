import type { ProfilesState, ProfileView } from '../../contract'
import type { Handlers } from '../commands'
import type { Hub } from '../hub'
import { readCaFile } from '../mqtt/ca'
import { problem, PuenteError } from '../util/problem'
import { checkConnection } from './check'
import { allProfiles, newProfileId, profilePasswordKey, profilesState } from './profiles'

type ProfileHandlers = Pick<
  Handlers,
  'profiles:get-state' | 'profiles:save' | 'profiles:delete' | 'profiles:activate' | 'profiles:test'
>

function find(hub: Hub, id: string): ProfileView {
  const p = allProfiles(hub.settings).find((x) => x.id === id)
  if (!p)
    throw new PuenteError(problem('profile-not-found', `There is no profile "${id}".`, { id }))
  return p
}

/** Emits and returns the profiles as windows see them. */
function publish(hub: Hub): ProfilesState {
  const s = profilesState(hub.settings)
  hub.events.emit('profiles:state', s)
  return s
}

/** Makes `p` the broker in use: the hub relinks and moves every subscription to it. */
async function activate(hub: Hub, p: ProfileView): Promise<void> {
  const password = p.hasPassword ? ((await hub.secrets.get(profilePasswordKey(p.id))) ?? '') : ''
  await hub.updateSettings({
    mqtt: { url: p.url, username: p.username, caFile: p.caFile },
    password,
    profiles: { active: p.id }
  })
}

/** Connection profiles: create, edit, delete, switch and test; passwords only in the secret store. */
export function profileHandlers(hub: Hub): ProfileHandlers {
  return {
    'profiles:get-state': async () => profilesState(hub.settings),
    'profiles:save': async ({ id, name, url, username, password, caFile }) => {
      const custom = hub.settings.profiles.custom
      if (id && !custom.some((p) => p.id === id)) {
        const builtin = allProfiles(hub.settings).some((p) => p.id === id)
        throw new PuenteError(
          builtin
            ? problem(
                'profile-builtin',
                'The built-in profiles cannot be changed: make a new one.',
                { id }
              )
            : problem('profile-not-found', `There is no profile "${id}".`, { id })
        )
      }
      const pid = id ?? newProfileId()
      const old = custom.find((p) => p.id === pid)
      let hasPassword = old?.hasPassword ?? false
      // a saved password only ever goes to the broker it was typed for: a new address needs it typed again
      if (old && old.url !== url && password === undefined && hasPassword) {
        await hub.secrets.delete(profilePasswordKey(pid))
        hasPassword = false
      }
      if (password !== undefined) {
        if (password) await hub.secrets.set(profilePasswordKey(pid), password)
        else await hub.secrets.delete(profilePasswordKey(pid))
        hasPassword = password !== ''
      }
      const next = { id: pid, name, url, username, hasPassword, caFile }
      const list = old ? custom.map((p) => (p.id === pid ? next : p)) : [...custom, next]
      await hub.updateSettings({ profiles: { custom: list } })
      // editing the profile in use applies it at once
      if (profilesState(hub.settings).active === pid || hub.settings.profiles.active === pid)
        await activate(hub, { ...next, builtin: false })
      return publish(hub)
    },
    'profiles:delete': async ({ id }) => {
      const p = find(hub, id)
      if (p.builtin)
        throw new PuenteError(
          problem('profile-builtin', 'The built-in profiles cannot be deleted.', { id })
        )
      if (hub.settings.profiles.active === id) await activate(hub, find(hub, 'local'))
      await hub.secrets.delete(profilePasswordKey(id))
      await hub.updateSettings({
        profiles: { custom: hub.settings.profiles.custom.filter((x) => x.id !== id) }
      })
      return publish(hub)
    },
    'profiles:activate': async ({ id }) => {
      await activate(hub, find(hub, id))
      return publish(hub)
    },
    'profiles:test': async ({ id, url, username, password, caFile }) => {
      const saved = id ? find(hub, id) : undefined
      const target = url ?? saved?.url
      if (!target)
        throw new PuenteError(problem('profile-test-no-url', 'Give the broker address to test.'))
      if (target === 'embedded') {
        const broker = hub.broker
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
          ? await hub.secrets.get(profilePasswordKey(saved.id))
          : undefined
      const pw = password ?? savedPassword
      return checkConnection({
        url: target,
        username: username ?? saved?.username,
        password: pw,
        ca: await readCaFile(caFile ?? saved?.caFile ?? '')
      })
    }
  }
}
