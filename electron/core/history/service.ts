import path from 'node:path'
import type { Events, LogInfo, Qos } from '../../contract'
import type { ServiceHandlers } from '../commands'
import type { SettingsAccess } from '../context'
import type { Service } from '../service'
import { HistoryExports } from './exports'
import { listLogFiles, type LogFile } from './files'
import { HistoryQueries } from './queries'
import { Replayer } from './replay'
import { applyRetention, retentionPlan, type RetentionRule } from './retention'

type HistoryHandlers = Pick<ServiceHandlers, `history:${string}` & keyof ServiceHandlers>

/** What the history needs from the hub: the log, its settings, publishing, and events. */
export interface HistoryContext {
  dataDir: string
  /** Resolves once the log's lines so far are on disk (or held while the disk fails). */
  flushLog(): Promise<void>
  settings: Pick<SettingsAccess, 'current' | 'onChange'>
  publishReplay(topic: string, payload: Buffer, qos: Qos, retain: boolean): Promise<void>
  emit<K extends keyof Events>(name: K, payload: Events[K]): void
}

const DAY_MS = 86_400_000

/** The traffic log read back: searches pulled page by page, replay, and retention. */
export class HistoryService implements Service {
  readonly name = 'history'
  readonly queries: HistoryQueries
  readonly replayer: Replayer
  readonly exports: HistoryExports
  private retentionTimer: NodeJS.Timeout | undefined
  private offSettings: (() => void) | undefined

  constructor(private readonly ctx: HistoryContext) {
    this.queries = new HistoryQueries(ctx.dataDir, () => ctx.flushLog())
    this.replayer = new Replayer({
      dataDir: ctx.dataDir,
      flushLog: () => ctx.flushLog(),
      publishReplay: (...a) => ctx.publishReplay(...a),
      onState: (s) => ctx.emit('history:replay', s)
    })
    this.exports = new HistoryExports(ctx)
  }

  /** Applies the retention rule now, once a day, and whenever the teacher changes it. */
  start(): Promise<void> {
    this.retain()
    this.retentionTimer = setInterval(() => this.retain(), DAY_MS)
    this.retentionTimer.unref()
    let rule = this.rule()
    this.offSettings = this.ctx.settings.onChange(() => {
      const next = this.rule()
      if (next.keepDays === rule.keepDays && next.maxTotalBytes === rule.maxTotalBytes) return
      rule = next
      this.retain()
    })
    return Promise.resolve()
  }

  /** Deletes the log files the traffic settings no longer keep; returns them. */
  retain(now = Date.now()): string[] {
    return applyRetention(this.trafficDir, this.rule(), now)
  }

  /** The log's folder and size; with a rule, what that rule would delete now. */
  async logInfo(rule?: RetentionRule, now = Date.now()): Promise<LogInfo> {
    await this.ctx.flushLog()
    const files = listLogFiles(this.trafficDir)
    const days = (fs: LogFile[]): number => new Set(fs.map((f) => f.day)).size
    const bytes = (fs: LogFile[]): number => fs.reduce((n, f) => n + f.size, 0)
    const info: LogInfo = {
      dir: this.trafficDir,
      bytes: bytes(files),
      files: files.length,
      days: days(files)
    }
    if (files.length) [info.oldest, info.newest] = [files[0].day, files[files.length - 1].day]
    if (rule) {
      const drop = retentionPlan(files, rule, now)
      info.wouldDelete = { files: drop.length, days: days(drop), bytes: bytes(drop) }
    }
    return info
  }

  private get trafficDir(): string {
    return path.join(this.ctx.dataDir, 'traffic')
  }

  private rule(): RetentionRule {
    const { keepDays, maxTotalBytes } = this.ctx.settings.current.traffic
    return { keepDays, maxTotalBytes }
  }

  async stop(): Promise<void> {
    this.offSettings?.()
    if (this.retentionTimer) clearInterval(this.retentionTimer)
    this.exports.cancel()
    this.replayer.stop()
    this.queries.closeAll()
  }
}

/** The history's commands: searches, and replay into the current broker. */
export function historyHandlers(history: HistoryService): HistoryHandlers {
  return {
    'history:query': async (filter) => history.queries.start(filter),
    'history:page': ({ queryId }) => history.queries.page(queryId),
    'history:cancel': async ({ queryId }) => {
      history.queries.cancel(queryId)
      return null
    },
    'history:replay': async (req) => {
      // runs on; its progress and end come as history:replay events
      void history.replayer.start(req).catch(() => undefined)
      return null
    },
    'history:replay-stop': async () => {
      history.replayer.stop()
      return null
    },
    'history:log-info': async ({ rule }) => history.logInfo(rule),
    'history:export-cancel': async () => {
      history.exports.cancel()
      return null
    }
  }
}
