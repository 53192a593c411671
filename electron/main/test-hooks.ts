// Test-only switches of the tray app, read only when PUENTE_TEST=1 (the Playwright _electron
// tests set it): a user-data directory and broker ports of the test's choosing, a popover that
// stays on blur, and a handle on main's state for electronApp.evaluate().
import type { SettingsOverrides } from '../core/hub'

/** True when a test launched the app. */
export function underTest(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PUENTE_TEST === '1'
}

/** A port number from the environment, or undefined. */
function port(value: string | undefined): number | undefined {
  const n = Number(value)
  return value && Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined
}

/** Settings overrides a test asked for (free broker ports); none outside tests. */
export function testOverrides(env: NodeJS.ProcessEnv = process.env): SettingsOverrides {
  if (!underTest(env)) return {}
  const broker: { port?: number; wsPort?: number } = {}
  const tcp = port(env.PUENTE_BROKER_PORT)
  const ws = port(env.PUENTE_BROKER_WS_PORT)
  if (tcp) broker.port = tcp
  if (ws) broker.wsPort = ws
  return Object.keys(broker).length ? { broker } : {}
}

/** The user-data directory a test asked for, if any. */
export function testUserDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return underTest(env) ? env.PUENTE_USER_DATA_DIR || undefined : undefined
}

/**
 * PUENTE_KEEP_ON_BLUR=1 under test: the popover stays when it loses focus, so a test that drives
 * another window does not lose it; a test of hide-on-blur itself leaves it unset.
 */
export function testKeepsOnBlur(env: NodeJS.ProcessEnv = process.env): boolean {
  return underTest(env) && env.PUENTE_KEEP_ON_BLUR === '1'
}
