import type { Notice, Problem } from '../contract'

/** How many notices a window opened later still sees. */
export const KEEP_NOTICES = 50

/** The problems shown in the windows: each numbered and stamped, the last few kept. */
export class NoticeCenter {
  private readonly kept: Notice[] = []
  private lastId = 0

  constructor(private readonly shown: (notice: Notice) => void) {}

  /** Shows a problem in the windows (and keeps it for windows opened later). */
  notify(level: Notice['level'], p: Problem): Notice {
    const notice: Notice = { ...p, id: ++this.lastId, level, at: new Date().toISOString() }
    this.kept.push(notice)
    if (this.kept.length > KEEP_NOTICES) this.kept.shift()
    this.shown(notice)
    return notice
  }

  /** The kept notices, oldest first. */
  list(): Notice[] {
    return [...this.kept]
  }
}
