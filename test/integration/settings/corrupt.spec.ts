import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultSettings, SettingsStore } from '../../../electron/core/settings/store'
import { startTestHub, tempDir } from '../../helpers/hub'

/** The name settings.json was kept aside as. */
function aside(dir: string): string {
  const name = readdirSync(dir).find((f) => f.startsWith('settings.json.bad-'))
  expect(name, readdirSync(dir).join(', ')).toBeDefined()
  return path.join(dir, name!)
}

describe('settings.json that is not settings', () => {
  for (const [what, text] of [
    ['a list', '[1,2,3]'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"hola"']
  ]) {
    it(`holding ${what}: kept aside, defaults used, the user told`, async () => {
      const dir = tempDir()
      writeFileSync(path.join(dir, 'settings.json'), text)
      const loaded = await new SettingsStore(dir).load()
      expect(loaded.settings).toEqual(defaultSettings())
      expect(loaded.problem).toMatchObject({ code: 'settings-corrupt' })
      expect(loaded.problem?.message).toMatch(/not settings/)
      expect(readFileSync(aside(dir), 'utf8')).toBe(text)
    })
  }

  it('a directory named settings.json: put aside, and Puente starts on the defaults and saves', async () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'settings.json'))
    writeFileSync(path.join(dir, 'settings.json', 'dentro.txt'), 'algo')
    const hub = await startTestHub({}, dir)
    try {
      expect(hub.snapshot().notices).toMatchObject([{ code: 'settings-corrupt', level: 'warning' }])
      expect(hub.snapshot().notices[0].message).toMatch(/it is a directory, not a file/)
      expect(readFileSync(path.join(aside(dir), 'dentro.txt'), 'utf8')).toBe('algo')
      expect((await hub.invoke('settings:update', { language: 'es' })).ok).toBe(true)
      expect(statSync(path.join(dir, 'settings.json')).isFile()).toBe(true)
    } finally {
      await hub.stop()
    }
  })
})
