import type { Notice, Problem } from '../contract'
import { trimIndex } from '../shared/notice-trim'

/** The condition of a serial port's warnings: they go when a board is connected again. */
export const SERIAL_NOTICES = 'serial'

/** The condition of the class broker's refusals: they go when it closes. */
export const CLASS_BROKER_NOTICES = 'class-broker'

/** How many notices a window opened later still sees. */
export const KEEP_NOTICES = 50

/** A notice repeated faster than this reaches the windows once per interval, with its count. */
const SHOW_EVERY_MS = 1000

/**
 * What makes two problems the same one: the code and the `fault` param (what is wrong, or the
 * address it came from: a stable word), not the words, which may carry what a sender chose (a
 * field name in a bad colour, a client id). A problem without a fault is told apart by its
 * words, which Puente wrote itself.
 */
export function problemIdentity(p: Problem): string {
  const fault = p.params?.fault
  return `${p.code}\u0000${typeof fault === 'string' ? fault : `\u0001${p.message}`}`
}

/**
 * The problems shown in the windows: each numbered and stamped, the last few kept. The same
 * notice again (level and problemIdentity alike) is not a new one: its count grows, so a flood
 * of 20,001 bad colours is one notice "×20 001" and the others stay in the history. When more
 * than KEEP_NOTICES differ, info goes before warnings and warnings before errors.
 */
export class NoticeCenter {
  private readonly kept: Notice[] = []
  private lastId = 0
  private readonly shownAt = new Map<number, number>()
  private readonly trailing = new Map<number, NodeJS.Timeout>()

  constructor(
    private readonly shown: (notice: Notice) => void,
    /** Notices gone from every window: their condition ended, or someone dismissed them. */
    private readonly cleared: (ids: number[]) => void = () => {}
  ) {}

  /**
   * Shows a problem in the windows (and keeps it for windows opened later). A `key` names the
   * condition it belongs to (a serial port, the class broker): `clear(key)` takes it away when
   * that condition ends.
   */
  notify(level: Notice['level'], p: Problem, key?: string): Notice {
    const at = new Date().toISOString()
    const identity = problemIdentity(p)
    const i = this.kept.findIndex((n) => n.level === level && problemIdentity(n) === identity)
    if (i >= 0) {
      const [same] = this.kept.splice(i, 1)
      same.count = (same.count ?? 1) + 1
      same.at = at
      same.message = p.message
      same.params = p.params
      if (key) same.key = key
      this.kept.push(same)
      this.show(same)
      return { ...same }
    }
    const notice: Notice = { ...p, id: ++this.lastId, level, at, count: 1, ...(key && { key }) }
    this.kept.push(notice)
    if (this.kept.length > KEEP_NOTICES) this.trim()
    this.show(notice)
    return { ...notice }
  }

  /** Forgets one notice: the oldest of the least important level kept. */
  private trim(): void {
    const i = trimIndex(this.kept)
    if (i >= 0) this.forget(this.kept.splice(i, 1)[0])
  }

  /** The kept notices, oldest first. */
  list(): Notice[] {
    return this.kept.map((n) => ({ ...n }))
  }

  /** The condition `key` ended: its notices leave every window. */
  clear(key: string): void {
    this.drop(this.kept.filter((n) => n.key === key))
  }

  /** Someone dismissed a notice: it leaves every window, and windows opened later never see it. */
  dismiss(id: number): void {
    this.drop(this.kept.filter((n) => n.id === id))
  }

  private drop(gone: Notice[]): void {
    if (!gone.length) return
    for (const n of gone) {
      this.kept.splice(this.kept.indexOf(n), 1)
      this.forget(n)
    }
    this.cleared(gone.map((n) => n.id))
  }

  /** Stops the pending repeats (Puente is stopping). */
  close(): void {
    for (const t of this.trailing.values()) clearTimeout(t)
    this.trailing.clear()
  }

  private show(n: Notice): void {
    const now = Date.now()
    const last = this.shownAt.get(n.id)
    if (last === undefined || now - last >= SHOW_EVERY_MS) {
      this.shownAt.set(n.id, now)
      this.shown({ ...n })
      return
    }
    if (this.trailing.has(n.id)) return
    const timer = setTimeout(
      () => {
        this.trailing.delete(n.id)
        if (!this.kept.includes(n)) return
        this.shownAt.set(n.id, Date.now())
        this.shown({ ...n })
      },
      SHOW_EVERY_MS - (now - last)
    )
    timer.unref?.()
    this.trailing.set(n.id, timer)
  }

  private forget(n: Notice): void {
    this.shownAt.delete(n.id)
    const t = this.trailing.get(n.id)
    if (t) clearTimeout(t)
    this.trailing.delete(n.id)
  }
}
