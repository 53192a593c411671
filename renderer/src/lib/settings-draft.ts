import type { Settings, SettingsPatch, Topics } from '../../../electron/contract'
import {
  fieldError,
  MqttUrlSchema,
  PortSchema,
  TopicNameSchema
} from '../../../electron/contract/fields'
import { mqttFields } from '../../../electron/contract/mqtt'
import { t } from './i18n/index.svelte'

export const HIVEMQ = 'mqtt://broker.hivemq.com:1883'
export const TOPIC_KEYS: (keyof Topics)[] = ['channel', 'button', 'led', 'temperature', 'serial']

/** The Settings form's editable copy of the connection, watch list, topics and broker ports. */
export interface Draft {
  mode: 'embedded' | 'other'
  url: string
  username: string
  clientId: string
  keepalive: number | null
  cleanSession: boolean
  watch: string[]
  topics: Topics
  port: number | null
  wsPort: number | null
}

/** A fresh draft from the saved settings, so the form starts from (and reverts to) what is in force. */
export function fromSettings(s: Settings | undefined): Draft {
  const m = s?.mqtt
  return {
    mode: !m || m.url === 'embedded' ? 'embedded' : 'other',
    url: m && m.url !== 'embedded' ? m.url : '',
    username: m?.username ?? '',
    clientId: m?.clientId ?? '',
    keepalive: m?.keepalive ?? 30,
    cleanSession: m?.cleanSession ?? false,
    watch: [...(m?.watch ?? [])],
    topics: { channel: '', button: '', led: '', temperature: '', serial: '', ...s?.topics },
    port: s?.broker.port ?? 1883,
    wsPort: s?.broker.wsPort ?? 9001
  }
}

/** The draft's errors in words by field, checked with the contract's own field schemas. */
export function draftErrors(draft: Draft): Record<string, string> {
  const e: Record<string, string> = {}
  if (draft.mode === 'other' && fieldError(MqttUrlSchema, draft.url)) e.url = t('settings.url.bad')
  if (fieldError(mqttFields.keepalive, draft.keepalive)) e.keepalive = t('settings.keepalive.bad')
  for (const key of ['port', 'wsPort'] as const)
    if (draft.mode === 'embedded' && fieldError(PortSchema, draft[key]))
      e[key] = t('settings.port.bad')
  if (fieldError(mqttFields.clientId, draft.clientId)) e.clientId = t('settings.clientId.bad')
  for (const key of TOPIC_KEYS)
    if (fieldError(TopicNameSchema, draft.topics[key].trim())) e[key] = t('settings.topic.bad')
  return e
}

/** The change a valid draft asks of the core; an empty password with `forget` clears the saved one. */
export function draftPatch(draft: Draft, password: string, forget: boolean): SettingsPatch {
  const patch: SettingsPatch = {
    mqtt: {
      url: draft.mode === 'embedded' ? 'embedded' : draft.url.trim(),
      username: draft.username,
      clientId: draft.clientId,
      keepalive: draft.keepalive ?? 30,
      cleanSession: draft.cleanSession,
      watch: [...draft.watch]
    },
    topics: Object.fromEntries(TOPIC_KEYS.map((k) => [k, draft.topics[k].trim()]))
  }
  if (draft.mode === 'embedded')
    patch.broker = { port: draft.port ?? 1883, wsPort: draft.wsPort ?? 9001 }
  if (password) patch.password = password
  else if (forget) patch.password = ''
  return patch
}
