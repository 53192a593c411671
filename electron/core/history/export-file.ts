import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { rename, unlink } from 'node:fs/promises'
import path from 'node:path'
import type { HistoryFilter, Problem } from '../../contract'
import { errorText, problem, PuenteError } from '../util/problem'
import { exportHistory, type ExportOptions } from './export'
import type { ExportFormat } from './format'

export interface FileExportOptions extends Pick<ExportOptions, 'onBatch' | 'signal'> {
  format: ExportFormat
}

/** Thrown when the export was cancelled: nothing was left at the target or beside it. */
export class ExportCancelled extends Error {
  constructor() {
    super('the export was cancelled')
  }
}

/**
 * Streams the log's export for `filter` into `target`, atomically: it is written to a temporary
 * file beside the target and renamed over it only when whole, so a cancel, a full disk or a
 * crash never leaves a partial file under the teacher's name. A CSV starts with a byte-order
 * mark (spreadsheets read it as UTF-8). Resolves with the number of messages written.
 */
export async function exportToFile(
  dataDir: string,
  filter: HistoryFilter,
  target: string,
  opts: FileExportOptions
): Promise<number> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`
  )
  let failure: NodeJS.ErrnoException | undefined
  const out = fs.createWriteStream(temp, { flags: 'wx', mode: 0o644 })
  out.on('error', (err) => (failure ??= err))
  try {
    await new Promise<void>((resolve) => {
      out.once('ready', resolve)
      out.once('error', () => resolve())
    })
    if (failure) throw failure
    const count = await exportHistory(dataDir, filter, { ...opts, bom: true }, out)
    if (failure) throw failure
    if (opts.signal?.aborted) throw new ExportCancelled()
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve()))
    )
    await rename(temp, target)
    return count
  } catch (err) {
    out.destroy()
    await new Promise<void>((r) => (out.closed ? r() : out.once('close', () => r())))
    await unlink(temp).catch(() => undefined)
    if (err instanceof ExportCancelled) throw err
    throw new PuenteError(exportProblem(err, target))
  }
}

/** A failed export in words that name the file: no permission, a full disk, or the reason. */
export function exportProblem(err: unknown, target: string): Problem {
  const code = (err as NodeJS.ErrnoException).code
  const reason = errorText(err)
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return problem(
      'history-export-denied',
      `The export could not be saved in ${target}: that folder cannot be written (${code}). Choose another folder.`,
      { path: target, reason }
    )
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return problem(
      'history-export-full',
      `The export could not be saved in ${target}: the disk is full. Free some space or choose another disk.`,
      { path: target, reason }
    )
  return problem('history-export-failed', `The export could not be saved in ${target}: ${reason}`, {
    path: target,
    reason
  })
}
