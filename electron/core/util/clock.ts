let lastMs = 0
let lastIso = ''

/** The time now as an ISO string, built once per millisecond: a burst of lines shares it. */
export function isoNow(now = Date.now()): string {
  if (now !== lastMs) {
    lastMs = now
    lastIso = new Date(now).toISOString()
  }
  return lastIso
}
