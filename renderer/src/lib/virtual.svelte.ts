import type { ConsoleLine, Problem, VirtualState } from '../../../electron/contract'
import { api, onHostLink } from './api'
import { board } from './board.svelte'
import { problemText, t } from './i18n/index.svelte'
import { settings } from './settings.svelte'
import { files } from './virtual-files.svelte'

/** The serial setting that picks the virtual board. */
export const VIRTUAL = 'virtual'
const KEEP_LINES = 2000

/**
 * A runtime's hint or exit in words: a param can pick a variant of the text (a module name
 * with a suggestion), and an address the worker did not know reads as words, not a blank.
 */
export function virtualText(p: Problem): string {
  const params = p.params ?? {}
  if (p.code === 'virtual-hint-no-module' && params.suggestion)
    return t('problem.virtual-hint-no-module.suggestion', params)
  if ('target' in params && !params.target)
    return problemText({ ...p, params: { ...params, target: t('virtual.hint.somewhere') } })
  return problemText(p)
}

/** The virtual board's state, kept in step with the core, its console and its run controls. */
class VirtualModel {
  state = $state.raw<VirtualState | undefined>()
  lines = $state.raw<ConsoleLine[]>([])
  /** Lines the core or this window let go (too many too fast, or the oldest past KEEP_LINES). */
  dropped = $state(0)
  /** Why the board cannot be used (not running, not available), when it cannot. */
  unavailable = $state.raw<Problem | undefined>()
  /** The last refused or failed action, in words. */
  problem = $state.raw<Problem | undefined>()
  /** A command sent and not yet answered (buttons wait for it). */
  busy = $state(false)
  /** The USB choice to go back to (the serial setting before the virtual board was chosen). */
  private lastUsb = 'auto'

  /** True when the serial setting picks the virtual board. */
  get chosen(): boolean {
    return settings.current?.board?.serial === VIRTUAL
  }

  /** Subscribes to the board's events and loads its snapshot; returns the cleanup. */
  start(): () => void {
    const offs = [
      api.on('virtual:state', (s) => this.setState(s)),
      api.on('virtual:console', (b) => this.add(b.lines, b.dropped)),
      onHostLink((up) => {
        if (up) void this.load()
      })
    ]
    void this.load()
    return () => offs.forEach((off) => off())
  }

  /** Loads the snapshot again (after a switch to the virtual board, or the link came back). */
  async load(): Promise<void> {
    const r = await api.invoke('virtual:get-state')
    if (!r.ok) {
      this.unavailable = r.error
      return
    }
    this.unavailable = undefined
    this.lines = r.value.console.slice(-KEEP_LINES)
    this.setState(r.value.state)
  }

  private setState(s: VirtualState): void {
    this.state = s
    this.unavailable = undefined
    files.follow(s)
  }

  private add(lines: ConsoleLine[], dropped: number): void {
    const all = [...this.lines, ...lines]
    const over = Math.max(0, all.length - KEEP_LINES)
    this.dropped += dropped + over
    this.lines = over ? all.slice(over) : all
  }

  /** Switches to the virtual board, or back to the USB board that was in use. */
  async choose(useVirtual: boolean): Promise<void> {
    const serial = settings.current?.board?.serial
    if (useVirtual && serial && serial !== VIRTUAL) this.lastUsb = serial
    await board.selectPort(useVirtual ? VIRTUAL : this.lastUsb)
    if (useVirtual) await this.load()
  }

  /** Runs boot.py and main.py (a running program is stopped first by the core). */
  run(): Promise<void> {
    return this.command(() => api.invoke('virtual:run'))
  }

  /** Ctrl-C. */
  stop(): Promise<void> {
    return this.command(() => api.invoke('virtual:stop'))
  }

  /** Ctrl-D: a soft reset. */
  reset(): Promise<void> {
    return this.command(() => api.invoke('virtual:reset'))
  }

  /** Holds (true) or releases (false) the BOOT button. */
  async button(pressed: boolean): Promise<void> {
    const r = await api.invoke('virtual:button', { pressed })
    this.problem = r.ok ? undefined : r.error
    if (r.ok) this.setState(r.value)
  }

  private async command(
    send: () => Promise<{ ok: true; value: VirtualState } | { ok: false; error: Problem }>
  ): Promise<void> {
    this.busy = true
    try {
      const r = await send()
      this.problem = r.ok ? undefined : r.error
      if (r.ok) this.setState(r.value)
    } finally {
      this.busy = false
    }
  }

  /** Forgets the console lines shown (the board is not affected). */
  clearConsole(): void {
    this.lines = []
    this.dropped = 0
  }
}

export const virtual = new VirtualModel()
