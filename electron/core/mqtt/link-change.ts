import type { Settings } from '../../contract'

/**
 * What a settings change asks of the MQTT side: a new embedded broker (its ports changed), a new
 * link (the broker, the credentials or the session changed), or only the subscriptions again.
 */
export function linkChange(
  before: Settings,
  after: Settings,
  passwordTyped: boolean
): 'broker' | 'link' | 'filters' {
  const m0 = before.mqtt
  const m1 = after.mqtt
  const b0 = before.broker
  const b1 = after.broker
  if (m1.url === 'embedded' && (b0.port !== b1.port || b0.wsPort !== b1.wsPort)) return 'broker'
  const relink =
    passwordTyped ||
    m0.url !== m1.url ||
    m0.username !== m1.username ||
    m0.clientId !== m1.clientId ||
    m0.keepalive !== m1.keepalive ||
    m0.cleanSession !== m1.cleanSession ||
    m0.caFile !== m1.caFile
  return relink ? 'link' : 'filters'
}
