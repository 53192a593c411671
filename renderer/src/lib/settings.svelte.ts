import type { AppSnapshot, Problem, Settings, SettingsPatch } from '../../../electron/contract'
import { api } from './api'
import { setLanguage } from './i18n/index.svelte'

/** Applies the colour setting: 'auto' leaves it to prefers-color-scheme in the stylesheet. */
function applyTheme(theme: Settings['theme']): void {
  const root = document.documentElement
  if (theme === 'auto') root.removeAttribute('data-theme')
  else root.setAttribute('data-theme', theme)
}

/** The settings in force, kept in step with the core, and the one way to change them. */
class SettingsState {
  current = $state.raw<Settings | undefined>()

  private set(s: Settings): void {
    this.current = s
    setLanguage(s.language)
    applyTheme(s.theme)
  }

  load(s: AppSnapshot): void {
    this.set(s.settings)
  }

  subscribe(): () => void {
    return api.on('settings:changed', (s) => this.set(s))
  }

  /** Sends a change; the core validates and saves it. The problem in words when refused. */
  async update(patch: SettingsPatch): Promise<Problem | undefined> {
    const r = await api.invoke('settings:update', patch)
    if (!r.ok) return r.error
    this.set(r.value)
    return undefined
  }
}

export const settings = new SettingsState()
