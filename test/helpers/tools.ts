import { execFileSync } from 'node:child_process'

/** True when a system tool (mosquitto, socat, chromium…) is on the PATH. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * The reason to skip a suite when `tools` are missing, or undefined when all are there.
 * Under PUENTE_STRICT=1 (CI) a missing tool is a failure, never a skip.
 */
export function missingTools(...tools: string[]): string | undefined {
  const missing = tools.filter((t) => !hasTool(t))
  if (!missing.length) return undefined
  const reason = `needs ${missing.join(', ')} (apt-get install ${missing.join(' ')})`
  if (process.env.PUENTE_STRICT === '1')
    throw new Error(`PUENTE_STRICT=1 and a system tool is missing: ${reason}`)
  return reason
}
