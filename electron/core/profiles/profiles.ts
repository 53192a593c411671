import { randomBytes } from 'node:crypto'
import type { ProfilesState, ProfileView, Settings } from '../../contract'
import { displayUrl } from '../mqtt/link'

/** The secret-store key of a custom profile's password. */
export function profilePasswordKey(id: string): string {
  return `profile.${id}.password`
}

/** The profiles every Puente has: this computer's broker and HiveMQ's public one (TCP, WebSocket). */
export const BUILTIN_PROFILES: readonly ProfileView[] = [
  {
    id: 'local',
    name: 'Este ordenador / This computer',
    url: 'embedded',
    username: '',
    hasPassword: false,
    caFile: '',
    builtin: true
  },
  {
    id: 'hivemq',
    name: 'HiveMQ público / public (TCP)',
    url: 'mqtt://broker.hivemq.com:1883',
    username: '',
    hasPassword: false,
    caFile: '',
    builtin: true
  },
  {
    id: 'hivemq-ws',
    name: 'HiveMQ público / public (WebSocket)',
    url: 'ws://broker.hivemq.com:8000/mqtt',
    username: '',
    hasPassword: false,
    caFile: '',
    builtin: true
  }
]

/** Built-in and custom profiles, as windows see them (never a password). */
export function allProfiles(settings: Settings): ProfileView[] {
  return [
    ...BUILTIN_PROFILES.map((p) => ({ ...p })),
    ...settings.profiles.custom.map((p) => ({ ...p, builtin: false }))
  ]
}

/** A fresh id for a new custom profile. */
export function newProfileId(): string {
  return `p-${randomBytes(4).toString('hex')}`
}

/**
 * The profile in force. The saved `active` id wins while its broker is the one in use; when the
 * broker was changed another way (--broker, the settings form) the first profile with that
 * broker is named, else the broker's address itself.
 */
export function profilesState(settings: Settings): ProfilesState {
  const profiles = allProfiles(settings)
  const url = settings.mqtt.url
  const same = (p: ProfileView): boolean =>
    p.url === url && (p.builtin || p.username === settings.mqtt.username)
  const saved = profiles.find((p) => p.id === settings.profiles.active)
  const active = saved && same(saved) ? saved : profiles.find(same)
  return {
    active: active?.id ?? '',
    activeName: active?.name ?? displayUrl(url),
    profiles
  }
}
