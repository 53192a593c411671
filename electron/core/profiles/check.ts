import { randomBytes } from 'node:crypto'
import mqtt from 'mqtt'
import type { Problem, ProfileTestResult } from '../../contract'
import { displayUrl } from '../mqtt/link'
import { describeMqttError, timeoutProblem } from '../mqtt/reasons'

export interface CheckOptions {
  url: string
  username?: string
  password?: string
  ca?: Buffer
  timeoutMs?: number
}

/**
 * Tries a throwaway connection (clean session, a random client id, no retries, no will) and says
 * in words what went wrong: the test button of a profile.
 */
export function checkConnection(opts: CheckOptions): Promise<ProfileTestResult> {
  const where = displayUrl(opts.url)
  const timeoutMs = opts.timeoutMs ?? 8000
  return new Promise((resolve) => {
    let lastError: Problem | undefined
    let done = false
    const client = mqtt.connect(opts.url, {
      clientId: `puente-test-${randomBytes(4).toString('hex')}`,
      clean: true,
      username: opts.username || undefined,
      password: opts.password || undefined,
      ca: opts.ca,
      connectTimeout: timeoutMs,
      reconnectPeriod: 0
    })
    const finish = (result: ProfileTestResult): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      client.end(true)
      resolve(result)
    }
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          url: where,
          problem: lastError ?? timeoutProblem(where, timeoutMs / 1000)
        }),
      timeoutMs + 500
    )
    client.on('connect', () => finish({ ok: true, url: where }))
    client.on('error', (err) => {
      lastError = describeMqttError(err, where)
      // a refused CONNACK (bad password…) is final: say it now
      if (typeof (err as { code?: unknown }).code === 'number')
        finish({ ok: false, url: where, problem: lastError })
    })
    // closed before CONNACK without an error: the other side hung up (not an MQTT broker?)
    client.on('close', () =>
      finish({
        ok: false,
        url: where,
        problem: lastError ?? describeMqttError({ code: 'ECONNRESET' }, where)
      })
    )
  })
}
