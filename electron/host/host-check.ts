import { problem } from '../core/util/problem'

/**
 * A DNS-rebinding page reaches 127.0.0.1 under its own name (evil.example:4817), with a matching
 * Origin: without a token, only the loopback names of this very port are served.
 */
export function loopbackHostHeader(host: string | undefined, port: number): boolean {
  if (!host) return false
  let url: URL
  try {
    url = new URL(`http://${host}`)
  } catch {
    return false
  }
  if (url.host !== host.toLowerCase() || Number(url.port || 80) !== port) return false
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}

export const HOST_REFUSED = problem(
  'host-refused',
  'Puente answers only to 127.0.0.1, localhost or [::1] without a token: refused.'
)
