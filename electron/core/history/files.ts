import fs from 'node:fs'
import path from 'node:path'
import { dayOf } from '../traffic/log'
import { FILE_RE } from '../traffic/log-file'

/** One file of the traffic log. */
export interface LogFile {
  path: string
  /** Local calendar day, YYYY-MM-DD. */
  day: string
  /** Rotation number: 0 for YYYY-MM-DD.jsonl, N for YYYY-MM-DD.N.jsonl. */
  part: number
  size: number
}

const DAY_MS = 86_400_000

/** The log files in `trafficDir`, oldest day first, then by rotation; [] when it is absent. */
export function listLogFiles(trafficDir: string): LogFile[] {
  let names: string[]
  try {
    names = fs.readdirSync(trafficDir)
  } catch {
    return []
  }
  const files: LogFile[] = []
  for (const name of names) {
    const m = FILE_RE.exec(name)
    if (!m) continue
    const file = path.join(trafficDir, name)
    let size: number
    try {
      const info = fs.statSync(file)
      if (!info.isFile()) continue
      size = info.size
    } catch {
      continue
    }
    files.push({ path: file, day: m[1], part: Number(m[2] ?? 0), size })
  }
  return files.sort((a, b) => (a.day === b.day ? a.part - b.part : a.day < b.day ? -1 : 1))
}

/**
 * The files that may hold messages of [fromMs, toMs], grouped by day (a day's rotated parts are
 * merged by time). Files are named by the local day they were written in; the day either side is
 * taken too (a laptop that changed time zone) when its first or last line says it may overlap.
 */
export function pickFiles(files: LogFile[], fromMs: number, toMs: number): LogFile[][] {
  const lo = Number.isFinite(fromMs) ? dayOf(fromMs) : '0000-00-00'
  const hi = Number.isFinite(toMs) ? dayOf(toMs) : '9999-99-99'
  const loMargin = Number.isFinite(fromMs) ? dayOf(fromMs - DAY_MS) : lo
  const hiMargin = Number.isFinite(toMs) ? dayOf(toMs + DAY_MS) : hi
  const groups = new Map<string, LogFile[]>()
  for (const f of files) {
    if (f.day < loMargin || f.day > hiMargin) continue
    if ((f.day < lo || f.day > hi) && !mayOverlap(f, fromMs, toMs)) continue
    const g = groups.get(f.day)
    if (g) g.push(f)
    else groups.set(f.day, [f])
  }
  return [...groups.values()]
}

/** Whether a file's first..last line times meet the range (unreadable ends: assume they do). */
function mayOverlap(f: LogFile, fromMs: number, toMs: number): boolean {
  const ends = endTimes(f)
  if (!ends) return true
  return !(ends.last < fromMs || ends.first > toMs)
}

function endTimes(f: LogFile): { first: number; last: number } | undefined {
  if (f.size === 0) return undefined
  const fd = fs.openSync(f.path, 'r')
  try {
    const head = Buffer.alloc(Math.min(64, f.size))
    fs.readSync(fd, head, 0, head.length, 0)
    const tailLen = Math.min(64 * 1024, f.size)
    const tail = Buffer.alloc(tailLen)
    fs.readSync(fd, tail, 0, tailLen, f.size - tailLen)
    const end = tail[tailLen - 1] === 0x0a ? tailLen - 1 : tailLen
    const start = tail.lastIndexOf(0x0a, end - 1) + 1
    const first = lineTime(head, 0)
    const last = lineTime(tail, start)
    return Number.isNaN(first) || Number.isNaN(last) ? undefined : { first, last }
  } finally {
    fs.closeSync(fd)
  }
}

/** The time of a line in Puente's own format, read from its fixed `{"t":"<ISO>"` prefix; NaN otherwise. */
export function lineTime(buf: Buffer, start: number): number {
  if (buf.length < start + 31 || buf[start + 30] !== 0x22) return NaN
  if (buf.toString('latin1', start, start + 6) !== '{"t":"') return NaN
  return Date.parse(buf.toString('latin1', start + 6, start + 30))
}
