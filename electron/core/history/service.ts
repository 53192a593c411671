import path from 'node:path'
import type { Events, Qos, Settings } from '../../contract'
import type { ServiceHandlers } from '../commands'
import type { Service } from '../service'
import { HistoryQueries } from './queries'
import { Replayer } from './replay'
import { applyRetention } from './retention'

type HistoryName = 'history:query' | 'history:page' | 'history:cancel'
type HistoryHandlers = Pick<ServiceHandlers, HistoryName | 'history:replay' | 'history:replay-stop'>

/** What the history needs from the hub: the log, its settings, publishing, and events. */
export interface HistoryContext {
  dataDir: string
  /** Resolves once the log's lines so far are on disk (or held while the disk fails). */
  flushLog(): Promise<void>
  settings: { readonly current: Settings }
  publishReplay(topic: string, payload: Buffer, qos: Qos, retain: boolean): Promise<void>
  emit<K extends keyof Events>(name: K, payload: Events[K]): void
}

const DAY_MS = 86_400_000

/** The traffic log read back: searches pulled page by page, replay, and retention. */
export class HistoryService implements Service {
  readonly name = 'history'
  readonly queries: HistoryQueries
  readonly replayer: Replayer
  private retentionTimer: NodeJS.Timeout | undefined

  constructor(private readonly ctx: HistoryContext) {
    this.queries = new HistoryQueries(ctx.dataDir, () => ctx.flushLog())
    this.replayer = new Replayer({
      dataDir: ctx.dataDir,
      flushLog: () => ctx.flushLog(),
      publishReplay: (...a) => ctx.publishReplay(...a),
      onState: (s) => ctx.emit('history:replay', s)
    })
  }

  /** Applies the retention rule now and then once a day. */
  start(): Promise<void> {
    this.retain()
    this.retentionTimer = setInterval(() => this.retain(), DAY_MS)
    this.retentionTimer.unref()
    return Promise.resolve()
  }

  /** Deletes the log files the traffic settings no longer keep; returns them. */
  retain(now = Date.now()): string[] {
    const { keepDays, maxTotalBytes } = this.ctx.settings.current.traffic
    return applyRetention(path.join(this.ctx.dataDir, 'traffic'), { keepDays, maxTotalBytes }, now)
  }

  async stop(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer)
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
    }
  }
}
