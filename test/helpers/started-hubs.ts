import { afterEach } from 'vitest'
import type { Puente as Hub } from '../../electron/core/puente'
import { connected, startTestHub, tempDir } from './hub'

/** A `hub()` that starts a connected core, and the hook that stops each one after its test. */
export function startedHubs(): (dataDir?: string) => Promise<Hub> {
  const hubs: Hub[] = []
  afterEach(async () => {
    for (const h of hubs.splice(0)) await h.stop()
  })
  return async (dataDir = tempDir()) => {
    const h = await startTestHub({}, dataDir)
    hubs.push(h)
    await connected(h)
    return h
  }
}
