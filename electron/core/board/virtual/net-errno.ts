// How the virtual board's sockets fail, in the numbers MicroPython on an ESP32 raises.

/** errno values MicroPython raises (OSError(n)); negative ones are lwIP/mbedTLS codes. */
export const ERRNO = {
  EPIPE: 32,
  EAGAIN: 11,
  EIO: 5,
  EBADF: 9,
  EINVAL: 22,
  ECONNABORTED: 103,
  ECONNRESET: 104,
  ENOTCONN: 107,
  ETIMEDOUT: 110,
  ECONNREFUSED: 111,
  EHOSTUNREACH: 113,
  /** getaddrinfo could not resolve the name (what `OSError: -2` means). */
  ENONAME: -2,
  /** mbedTLS: the server's certificate did not verify. */
  TLS_CERT: -9984,
  /** mbedTLS: the TLS handshake failed. */
  TLS_FAILED: -30592
} as const

/** Node's error codes as the errno an ESP32's socket layer would raise. */
export function errnoOf(e: unknown): number {
  const code = (e as NodeJS.ErrnoException).code ?? ''
  if (code in ERRNO) return ERRNO[code as keyof typeof ERRNO]
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA') return ERRNO.ENONAME
  if (code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return ERRNO.EHOSTUNREACH
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT')
    return ERRNO.TLS_CERT
  if (code.startsWith('ERR_SSL')) return ERRNO.TLS_FAILED
  return ERRNO.EIO
}
