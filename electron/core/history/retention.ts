import fs from 'node:fs'
import { dayOf } from '../traffic/log'
import { listLogFiles, type LogFile } from './files'

export interface RetentionRule {
  /** Days kept, today included; 0 keeps every day. */
  keepDays: number
  /** Most bytes for the whole log; 0 means no cap. */
  maxTotalBytes: number
}

/**
 * The log files the rule no longer keeps, oldest first: days older than keepDays, then the oldest
 * files while the log is over its size cap. Today's files are never among them (one is being
 * written). Deletes nothing, so the Settings tab can say what a new rule would take.
 */
export function retentionPlan(files: LogFile[], rule: RetentionRule, now = Date.now()): LogFile[] {
  const today = dayOf(now)
  const d = new Date(now)
  const oldestKept = rule.keepDays
    ? dayOf(new Date(d.getFullYear(), d.getMonth(), d.getDate() - rule.keepDays + 1).getTime())
    : ''
  const drop: LogFile[] = []
  const kept: LogFile[] = []
  for (const f of files) (f.day < oldestKept && f.day !== today ? drop : kept).push(f)
  if (rule.maxTotalBytes) {
    let total = kept.reduce((n, f) => n + f.size, 0)
    for (const f of kept) {
      if (total <= rule.maxTotalBytes || f.day === today) break
      drop.push(f)
      total -= f.size
    }
  }
  return drop
}

/** Deletes the log files the rule no longer keeps (see retentionPlan); returns their paths. */
export function applyRetention(
  trafficDir: string,
  rule: RetentionRule,
  now = Date.now()
): string[] {
  const deleted: string[] = []
  for (const f of retentionPlan(listLogFiles(trafficDir), rule, now)) {
    try {
      fs.unlinkSync(f.path)
      deleted.push(f.path)
    } catch {
      // gone already, or not ours to delete: the next run tries again
    }
  }
  return deleted
}
