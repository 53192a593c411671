/** The data directory's settings.json (secrets never live here) and what a window may change. */
import * as v from 'valibot'
import { BoardSettingsSchema, boardFields } from './board'
import {
  ClassroomSettingsSchema,
  ProfileSchema,
  ProfilesSettingsSchema,
  classroomFields,
  profileFields
} from './classroom'
import {
  BrokerSettingsSchema,
  MqttSettingsSchema,
  PublishSettingsSchema,
  TopicsSchema,
  mqttFields
} from './mqtt'
import { TrafficSettingsSchema, trafficFields } from './traffic'
import { VirtualSettingsSchema } from './virtual'
import { WeatherSettingsSchema, weatherFields } from './weather'

const LanguageSchema = v.picklist(['auto', 'es', 'en'])
const ThemeSchema = v.picklist(['auto', 'light', 'dark'])

/** The desktop shell's own choices (the web host ignores them). */
export const shellFields = {
  /** "Mostrar la ventana al arrancar": the window opens at every start, not only the first. */
  showWindowAtStart: v.boolean(),
  /** "Arrancar con el ordenador": the OS starts Puente at log-in. */
  openAtLogin: v.boolean()
}
export const ShellSettingsSchema = v.object({
  showWindowAtStart: v.optional(shellFields.showWindowAtStart, false),
  openAtLogin: v.optional(shellFields.openAtLogin, false)
})

export const SettingsSchema = v.object({
  version: v.optional(v.literal(1), 1),
  language: v.optional(LanguageSchema, 'auto'),
  theme: v.optional(ThemeSchema, 'auto'),
  app: v.optional(ShellSettingsSchema, {}),
  mqtt: v.optional(MqttSettingsSchema, {}),
  broker: v.optional(BrokerSettingsSchema, {}),
  topics: v.optional(TopicsSchema, {}),
  board: v.optional(BoardSettingsSchema, {}),
  traffic: v.optional(TrafficSettingsSchema, {}),
  weather: v.optional(WeatherSettingsSchema, {}),
  classroom: v.optional(ClassroomSettingsSchema, {}),
  profiles: v.optional(ProfilesSettingsSchema, {}),
  virtual: v.optional(VirtualSettingsSchema, {}),
  publish: v.optional(PublishSettingsSchema, {})
})
export type Settings = v.InferOutput<typeof SettingsSchema>

/** What a window may change: any subset of the settings, validated again as a whole on merge. */
export const SettingsPatchSchema = v.object({
  language: v.optional(LanguageSchema),
  theme: v.optional(ThemeSchema),
  app: v.optional(v.partial(v.object(shellFields))),
  mqtt: v.optional(v.partial(v.object(mqttFields))),
  /** A new broker password; stored in the secret store, never in settings.json. '' removes it. */
  password: v.optional(profileFields.password),
  /** The embedded broker's ports (a taken port is changed here). */
  broker: v.optional(v.partial(BrokerSettingsSchema)),
  board: v.optional(v.partial(v.object(boardFields))),
  topics: v.optional(v.partial(TopicsSchema)),
  weather: v.optional(v.partial(v.object(weatherFields))),
  virtual: v.optional(v.partial(VirtualSettingsSchema)),
  publish: v.optional(v.partial(PublishSettingsSchema)),
  /** The log's retention (applied at once: older files go when it changes). */
  traffic: v.optional(v.partial(v.object(trafficFields))),
  // profiles change through the profiles:* commands, which keep their passwords in the secret
  // store (a password field here would be dropped)
  classroom: v.optional(
    v.partial(
      v.object({
        openAtStart: classroomFields.openAtStart,
        username: classroomFields.username,
        maxClients: classroomFields.maxClients,
        maxMessageBytes: classroomFields.maxMessageBytes
      })
    )
  ),
  profiles: v.optional(
    v.partial(
      v.object({
        active: profileFields.id,
        custom: v.pipe(v.array(ProfileSchema), v.maxLength(100, 'at most 100 profiles'))
      })
    )
  )
})
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>
