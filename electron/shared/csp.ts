/**
 * The renderer's Content-Security-Policy, one list for every place that sets it: the web host's
 * header (host/static.ts), the Electron session's header (main/security.ts) and the page's meta
 * tag (injected into renderer/index.html at build by electron.vite.config.ts).
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:*",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
]

/** The CSP as a response header. */
export const CSP = DIRECTIVES.join('; ')

/** The CSP as a meta tag carries it: browsers ignore (and warn about) frame-ancestors there. */
export const CSP_META = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ')
