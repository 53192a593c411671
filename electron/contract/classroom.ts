/** The class broker on the LAN and the connection profiles. */
import * as v from 'valibot'
import { EmptySchema, MqttUrlSchema, type Problem } from './fields'
import { mqttFields } from './mqtt'

/** The class user name's longest length. */
export const MAX_CLASS_USER = 64
/** The class password's shortest and longest lengths. */
export const MIN_CLASS_PASSWORD = 10
export const MAX_CLASS_PASSWORD = 128
/** A profile name's longest length. */
export const MAX_PROFILE_NAME = 64

/** The class fields, each as a form or the command line (--lan-user, --lan-password) validates it. */
export const classroomFields = {
  /** Open the class broker when Puente starts (the --lan flag sets it for one run). */
  openAtStart: v.boolean(),
  username: v.pipe(
    v.string(),
    v.trim(),
    v.regex(
      new RegExp(`^[A-Za-z0-9_.-]{1,${MAX_CLASS_USER}}$`),
      `the class user name is 1 to ${MAX_CLASS_USER} letters, digits, _ . or -`
    )
  ),
  password: v.pipe(
    v.string(),
    v.minLength(
      MIN_CLASS_PASSWORD,
      `the class password needs at least ${MIN_CLASS_PASSWORD} characters`
    ),
    v.maxLength(MAX_CLASS_PASSWORD, 'the class password is too long'),
    v.regex(/^[\x21-\x7e]+$/, 'the class password uses letters, digits and symbols, without spaces')
  ),
  maxClients: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1, 'at least 1 client'),
    v.maxValue(1000, 'at most 1000 clients')
  ),
  maxMessageBytes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(64, 'at least 64 bytes'),
    v.maxValue(16 * 1024 * 1024, 'at most 16 MB')
  )
}
export const ClassroomSettingsSchema = v.object({
  openAtStart: v.optional(classroomFields.openAtStart, false),
  username: v.optional(classroomFields.username, 'clase'),
  maxClients: v.optional(classroomFields.maxClients, 60),
  maxMessageBytes: v.optional(classroomFields.maxMessageBytes, 256 * 1024)
})

/** The profile fields, each as a form validates it. */
export const profileFields = {
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, 'a profile id is 1 to 40 of a-z, 0-9 and -')),
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'give the profile a name'),
    v.maxLength(MAX_PROFILE_NAME, 'the name is too long')
  ),
  username: mqttFields.username,
  password: v.pipe(v.string(), v.maxLength(1024, 'the password is too long')),
  caFile: mqttFields.caFile
}
/** A saved custom profile; its password is in the secret store, never here. */
export const ProfileSchema = v.object({
  id: profileFields.id,
  name: profileFields.name,
  url: MqttUrlSchema,
  username: v.optional(profileFields.username, ''),
  hasPassword: v.optional(v.boolean(), false),
  caFile: v.optional(profileFields.caFile, '')
})
export const ProfilesSettingsSchema = v.object({
  active: v.optional(profileFields.id, 'local'),
  custom: v.optional(v.array(ProfileSchema), [])
})

/** One client of the embedded broker with its counters. */
export interface BrokerClientInfo {
  id: string
  address: string
  user: string
  /** Puente's own link. */
  internal: boolean
  messagesIn: number
  messagesOut: number
  bytesIn: number
  bytesOut: number
  since: string
}

/** $SYS-style totals of the embedded broker since it started. */
export interface BrokerStats {
  /** Connected clients besides Puente's own link. */
  clients: number
  maxClients: number
  maxMessageBytes: number
  messagesIn: number
  messagesOut: number
  bytesIn: number
  bytesOut: number
  /** Connections refused (wrong password, anonymous, full) and messages refused (too big). */
  refused: number
  uptime: number
}

/** What the class window shows. The class password is shown to the teacher on purpose. */
export interface ClassroomState {
  /** The embedded broker is in use (the active profile is "This computer"). */
  available: boolean
  open: boolean
  /** IPv4 addresses of this computer on its networks (non-internal). */
  addresses: string[]
  port: number
  wsPort: number
  username: string
  password: string
  /** MicroPython lines ready to paste. */
  snippet: string
  clients: BrokerClientInfo[]
  stats: BrokerStats
  problem?: Problem
}

/** A connection profile as windows see it: never a password, only whether one is saved. */
export interface ProfileView {
  id: string
  name: string
  /** 'embedded' for "This computer". */
  url: string
  username: string
  hasPassword: boolean
  caFile: string
  builtin: boolean
}

export interface ProfilesState {
  active: string
  /** The active profile's name (the tray tooltip shows it). */
  activeName: string
  profiles: ProfileView[]
}

export interface ProfileTestResult {
  ok: boolean
  url: string
  problem?: Problem
}

export const classroomCommands = {
  'classroom:get-state': EmptySchema,
  'classroom:open': v.strictObject({
    username: v.optional(classroomFields.username),
    password: v.optional(classroomFields.password),
    /** Make a new class password (students must then use the new one). */
    newPassword: v.optional(v.boolean(), false)
  }),
  'classroom:close': EmptySchema,
  'profiles:get-state': EmptySchema,
  'profiles:save': v.strictObject({
    /** Absent: a new profile. */
    id: v.optional(profileFields.id),
    name: profileFields.name,
    url: MqttUrlSchema,
    username: v.optional(profileFields.username, ''),
    /** Absent keeps the saved one, '' removes it. */
    password: v.optional(profileFields.password),
    caFile: v.optional(profileFields.caFile, '')
  }),
  'profiles:delete': v.strictObject({ id: profileFields.id }),
  'profiles:activate': v.strictObject({ id: profileFields.id }),
  'profiles:test': v.strictObject({
    /** A saved profile (its saved password is used unless one is given)… */
    id: v.optional(profileFields.id),
    /** …or the values of the form being edited. */
    url: v.optional(mqttFields.url),
    username: v.optional(profileFields.username),
    password: v.optional(profileFields.password),
    caFile: v.optional(profileFields.caFile)
  })
} as const

export interface ClassroomResults {
  'classroom:get-state': ClassroomState
  'classroom:open': ClassroomState
  'classroom:close': ClassroomState
  'profiles:get-state': ProfilesState
  'profiles:save': ProfilesState
  'profiles:delete': ProfilesState
  'profiles:activate': ProfilesState
  'profiles:test': ProfileTestResult
}

export interface ClassroomEvents {
  /** The class state, at most once a second. */
  'classroom:state': ClassroomState
  'profiles:state': ProfilesState
}
