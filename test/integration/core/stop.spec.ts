import fs from 'node:fs'
import { expect, it, vi } from 'vitest'
import { connected, startTestHub } from '../../helpers/hub'

it('a part that never stops does not hold the quit: the log is flushed and the broker closed', async () => {
  const h = await startTestHub()
  await connected(h)
  // a service whose stop never settles (a request left open, a socket that never closes)
  h.services.weather.stop = () => new Promise<void>(() => undefined)
  const said = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    await h.invoke('mqtt:publish', { topic: 'clase_eoi/fin', payload: 'adiós', qos: 1 })
    await h.stop()
    expect(said.mock.calls.map((c) => String(c[0]))).toContain(
      'stop: the weather service did not finish within 3 s; stopping the rest'
    )
  } finally {
    said.mockRestore()
  }
  const logged = h.traffic
    .log!.files()
    .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as { topic: string; payload: string })
  expect(logged).toContainEqual(
    expect.objectContaining({ topic: 'clase_eoi/fin', payload: 'adiós' })
  )
  expect(h.brokerStatus.running).toBe(false)
})
