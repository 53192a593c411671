import fs from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import path from 'node:path'

/** A log file's name: its local day, and its rotation part (absent for the first). */
export const FILE_RE = /^(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.jsonl$/

/** traffic/YYYY-MM-DD.jsonl, then YYYY-MM-DD.1.jsonl, .2 … */
export function logFileName(dir: string, day: string, part: number): string {
  return path.join(dir, part ? `${day}.${part}.jsonl` : `${day}.jsonl`)
}

/**
 * The log file being appended to, all on the thread pool (fs promises) so the main loop, which
 * carries serial lines to MQTT, never waits on the disk. Calls must not overlap (the log chains
 * them). A file is opened for the day of the batch and rotated by size.
 */
export class LogFile {
  private fh: FileHandle | undefined
  private day = ''
  private part = 0
  private bytes = 0

  constructor(
    private readonly dir: string,
    private readonly maxFileBytes: number
  ) {}

  /** Appends one batch whole: a write cut short by the disk is taken back, never a torn line. */
  async append(day: string, data: Buffer): Promise<void> {
    const fh = await this.open(day, data.length)
    try {
      let off = 0
      while (off < data.length) {
        const { bytesWritten } = await fh.write(data, off, data.length - off, this.bytes + off)
        off += bytesWritten
      }
    } catch (err) {
      await fh.truncate(this.bytes).catch(() => undefined) // else cut when next opened
      await this.close()
      throw err
    }
    this.bytes += data.length
  }

  /**
   * Appends one batch with blocking calls, for the moment the OS ends the session and will not
   * wait for the thread pool. Only while no append runs. A file it cannot end cleanly (a torn
   * last line, over the size limit) gets the batch in the next part instead.
   */
  appendSync(day: string, data: Buffer): void {
    if (this.fh && day === this.day && this.bytes + data.length <= this.maxFileBytes) {
      for (let off = 0; off < data.length;)
        off += fs.writeSync(this.fh.fd, data, off, data.length - off, this.bytes + off)
      this.bytes += data.length
      return
    }
    let part = lastPartOf(fs.readdirSync(this.dir), day)
    const file = logFileName(this.dir, day, part)
    if (!endsCleanly(file, data.length, this.maxFileBytes)) part++
    // an async append of this day later finds this part by its name, as after a restart
    fs.appendFileSync(logFileName(this.dir, day, part), data)
  }

  /** Closes the file (the next append opens it again). */
  async close(): Promise<void> {
    const fh = this.fh
    this.fh = undefined
    await fh?.close().catch(() => undefined)
  }

  private async open(day: string, incoming: number): Promise<FileHandle> {
    if (this.fh && day === this.day) {
      if (this.bytes === 0 || this.bytes + incoming <= this.maxFileBytes) return this.fh
      await this.close()
      this.part++
    } else {
      await this.close()
      this.day = day
      this.part = lastPartOf(await fs.promises.readdir(this.dir), day)
    }
    for (;;) {
      this.bytes = await repairTail(logFileName(this.dir, day, this.part))
      if (this.bytes === 0 || this.bytes + incoming <= this.maxFileBytes) break
      this.part++
    }
    // positional writes at the known end: 'a' would be ignored by pwrite on Linux anyway
    this.fh = await fs.promises.open(logFileName(this.dir, day, this.part), 'r+').catch((err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      return fs.promises.open(logFileName(this.dir, day, this.part), 'wx')
    })
    return this.fh
  }
}

/** The day's highest part number among a folder's file names (0 when it has none). */
function lastPartOf(names: string[], day: string): number {
  let last = 0
  for (const f of names) {
    const m = FILE_RE.exec(f)
    if (m && m[1] === day) last = Math.max(last, Number(m[2] ?? 0))
  }
  return last
}

/** True when `incoming` bytes may be appended to `file`: absent, or ending in a newline with room. */
function endsCleanly(file: string, incoming: number, maxBytes: number): boolean {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch {
    return true
  }
  try {
    const size = fs.fstatSync(fd).size
    if (size === 0) return true
    if (size + incoming > maxBytes) return false
    const last = Buffer.alloc(1)
    fs.readSync(fd, last, 0, 1, size - 1)
    return last[0] === 0x0a
  } finally {
    fs.closeSync(fd)
  }
}

/** Cuts a torn last line (a crash mid-write) and returns the file's size; 0 when absent. */
export async function repairTail(file: string): Promise<number> {
  let fh: FileHandle
  try {
    fh = await fs.promises.open(file, 'r+')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw err
  }
  try {
    const size = (await fh.stat()).size
    const chunk = Buffer.alloc(Math.min(size, 64 * 1024))
    let end = size
    while (end > 0) {
      const start = Math.max(0, end - chunk.length)
      const { bytesRead } = await fh.read(chunk, 0, end - start, start)
      const nl = chunk.subarray(0, bytesRead).lastIndexOf(0x0a)
      if (nl >= 0) {
        const keep = start + nl + 1
        if (keep !== size) await fh.truncate(keep)
        return keep
      }
      end = start
    }
    if (size > 0) await fh.truncate(0)
    return 0
  } finally {
    await fh.close()
  }
}
