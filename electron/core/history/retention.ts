import fs from 'node:fs'
import { dayOf } from '../traffic/log'
import { listLogFiles } from './files'

export interface RetentionRule {
  /** Days kept, today included; 0 keeps every day. */
  keepDays: number
  /** Most bytes for the whole log; 0 means no cap. */
  maxTotalBytes: number
}

/**
 * Deletes the log files the rule no longer keeps: days older than keepDays, then the oldest
 * files while the log is over its size cap. Today's files are never deleted (one is being
 * written). Returns the deleted paths.
 */
export function applyRetention(
  trafficDir: string,
  rule: RetentionRule,
  now = Date.now()
): string[] {
  const today = dayOf(now)
  const d = new Date(now)
  const oldestKept = rule.keepDays
    ? dayOf(new Date(d.getFullYear(), d.getMonth(), d.getDate() - rule.keepDays + 1).getTime())
    : ''
  const deleted: string[] = []
  const remove = (file: string): boolean => {
    try {
      fs.unlinkSync(file)
      deleted.push(file)
      return true
    } catch {
      return false // gone already, or not ours to delete: the next run tries again
    }
  }
  const kept = []
  for (const f of listLogFiles(trafficDir)) {
    if (f.day < oldestKept && f.day !== today && remove(f.path)) continue
    kept.push(f)
  }
  if (rule.maxTotalBytes) {
    let total = kept.reduce((n, f) => n + f.size, 0)
    for (const f of kept) {
      if (total <= rule.maxTotalBytes || f.day === today) break
      if (remove(f.path)) total -= f.size
    }
  }
  return deleted
}
