import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PASSWORD_KEY } from '../../../electron/core/settings/service'
import { defaultSettings, SettingsStore } from '../../../electron/core/settings/store'
import { startTestHub, tempDir } from '../../helpers/hub'

describe('settings.json', () => {
  it('a corrupt file is kept aside, defaults are used, and the user is told', async () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'settings.json'), '{"mqtt": {"url": 42')
    const loaded = await new SettingsStore(dir).load()
    expect(loaded.settings).toEqual(defaultSettings())
    expect(loaded.problem?.code).toBe('settings-corrupt')
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.bad-'))
    expect(aside).toBeDefined()
    expect(readFileSync(path.join(dir, aside!), 'utf8')).toBe('{"mqtt": {"url": 42')
  })

  it('a file that is JSON but invalid is also put aside, with the field that is wrong', async () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ mqtt: { keepalive: -3 } }))
    const loaded = await new SettingsStore(dir).load()
    expect(loaded.problem?.message).toContain('mqtt.keepalive')
  })

  it('the hub shows the notice, keeps running and saves good settings again', async () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'settings.json'), 'not json')
    const hub = await startTestHub({}, dir)
    try {
      const snap = await hub.invoke('app:get-snapshot', {})
      expect(snap.ok && snap.value).toMatchObject({
        notices: [{ code: 'settings-corrupt', level: 'warning' }]
      })
      const r = await hub.invoke('settings:update', { language: 'es' })
      expect(r.ok).toBe(true)
      const saved = JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))
      expect(saved.language).toBe('es')
      expect(saved.mqtt.clientId).toMatch(/^puente-[0-9a-f]{6}$/)
    } finally {
      await hub.stop()
    }
  })

  it('command-line overrides win for the run but are not written to settings.json', async () => {
    const dir = tempDir()
    const hub = await startTestHub({ topics: { button: 'aula3/boton' } }, dir)
    try {
      expect(hub.settings.topics.button).toBe('aula3/boton')
      await hub.invoke('settings:update', { theme: 'dark' })
      const saved = JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))
      expect(saved.topics.button).toBe('clase_eoi/boton')
      expect(saved.theme).toBe('dark')
    } finally {
      await hub.stop()
    }
  })

  it('the broker password never lands in settings.json nor in what windows receive', async () => {
    const dir = tempDir()
    const hub = await startTestHub({}, dir)
    try {
      await hub.invoke('settings:update', { password: 'muy-secreta-123' })
      const snap = JSON.stringify(await hub.invoke('app:get-snapshot', {}))
      expect(snap).not.toContain('muy-secreta-123')
      expect(readFileSync(path.join(dir, 'settings.json'), 'utf8')).not.toContain('muy-secreta-123')
      expect(hub.settings.mqtt.hasPassword).toBe(true)
    } finally {
      await hub.stop()
    }
  })

  it('a saved broker password is dropped when the broker changes, so it is never sent to another broker', async () => {
    const hub = await startTestHub({}, tempDir())
    try {
      await hub.invoke('settings:update', {
        mqtt: { url: 'mqtt://127.0.0.1:1', username: 'profe' },
        password: 'para-el-primero'
      })
      expect(hub.settings.mqtt.hasPassword).toBe(true)
      await hub.invoke('settings:update', { mqtt: { url: 'mqtt://127.0.0.1:2' } })
      expect(hub.settings.mqtt.hasPassword).toBe(false)
      expect(await hub.config.secrets.get(PASSWORD_KEY)).toBeUndefined()
      await hub.invoke('settings:update', {
        mqtt: { url: 'mqtt://127.0.0.1:3' },
        password: 'nueva'
      })
      expect(await hub.config.secrets.get(PASSWORD_KEY)).toBe('nueva')
    } finally {
      await hub.stop()
    }
  })
})
