import type { Problem } from '../../contract'
import { problem } from '../util/problem'

/** Turns what mqtt.js or the socket reported into a sentence a teacher can act on. */
export function describeMqttError(err: unknown, where: string): Problem {
  const e = err as { code?: string | number; message?: string }
  const code = e?.code
  const params = { broker: where }
  switch (code) {
    case 'ECONNREFUSED':
      return problem(
        'mqtt-refused',
        `${where} refused the connection: is a broker running there, on that port?`,
        params
      )
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return problem(
        'mqtt-host-not-found',
        `The host of ${where} was not found: check the address and the network.`,
        params
      )
    case 'ETIMEDOUT':
      return problem(
        'mqtt-timeout',
        `${where} did not answer in time: check the address, the port and the network.`,
        params
      )
    case 'ECONNRESET':
    case 'EPIPE':
      return problem('mqtt-reset', `The connection to ${where} was cut by the other side.`, params)
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return problem('mqtt-unreachable', `${where} cannot be reached from this network.`, params)
    case 4:
    case 134:
      return problem('mqtt-bad-credentials', `${where} refused the user name or password.`, params)
    case 5:
    case 135:
      return problem(
        'mqtt-not-authorized',
        `${where} refused this client as not authorised: check the user name and password.`,
        params
      )
    case 2:
    case 133:
      return problem(
        'mqtt-bad-client-id',
        `${where} rejected the client id: choose another in settings.`,
        params
      )
    case 3:
    case 136:
      return problem(
        'mqtt-unavailable',
        `${where} says the MQTT service is unavailable right now.`,
        params
      )
    case 1:
    case 132:
      return problem('mqtt-bad-protocol', `${where} does not speak this MQTT version.`, params)
  }
  const message = e?.message ?? String(err)
  if (/certificate|self[- ]signed|TLS|SSL/i.test(message))
    return problem('mqtt-tls', `The secure connection to ${where} failed: ${message}`, {
      ...params,
      reason: message
    })
  return problem('mqtt-error', `The connection to ${where} failed: ${message}`, {
    ...params,
    reason: message
  })
}

/** The timeout problem (mqtt.js closes silently when CONNACK never comes). */
export function timeoutProblem(where: string, seconds: number): Problem {
  return problem(
    'mqtt-timeout',
    `${where} did not answer within ${seconds} s: check the address, the port and the network.`,
    { broker: where, seconds }
  )
}
