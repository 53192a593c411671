/** Who may use the web host: loopback addresses, the access token, the page's own origin. */
import { timingSafeEqual } from 'node:crypto'
import type http from 'node:http'

/** True for an address only this computer can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** The cookie that keeps the token once the page was opened with ?token=. */
export const COOKIE = 'puente_token'

/** The token a request carries, in its query (?token=) or in the cookie set by the page. */
export function requestToken(req: http.IncomingMessage): string | undefined {
  const fromQuery = new URL(req.url ?? '/', 'http://x').searchParams.get('token')
  if (fromQuery) return fromQuery
  const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([0-9a-f]+)`).exec(req.headers.cookie ?? '')
  return m?.[1]
}

/** Compares tokens in constant time. */
export function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * A browser page of another site may open a WebSocket to 127.0.0.1 (browsers do not apply the
 * same-origin rule to WebSockets): refuse a browser whose Origin is not this host's own page.
 */
export function sameOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return true // not a browser (scripts, tests)
  try {
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}
