import { electronRuntime } from './runtime'

/** Says once, in the run's output, why the tray-app tests skip (the reason is also on each test). */
export default function globalSetup(): void {
  const runtime = electronRuntime()
  if (runtime.why)
    console.log(`Electron tests are skipped: no Electron runtime here (${runtime.why}).`)
  else console.log(`Electron tests use ${runtime.path}`)
}
