import type { ServiceHandlers } from '../commands'
import type { Service } from '../service'
import { HistoryQueries } from './queries'

type HistoryHandlers = Pick<ServiceHandlers, 'history:query' | 'history:page' | 'history:cancel'>

/** What the history needs from the hub: where the log is, and a way to write out its tail. */
export interface HistoryContext {
  dataDir: string
  flushLog(): void
}

/** The traffic log read back for the windows: searches pulled page by page. */
export class HistoryService implements Service {
  readonly name = 'history'
  readonly queries: HistoryQueries

  constructor(ctx: HistoryContext) {
    this.queries = new HistoryQueries(ctx.dataDir, () => ctx.flushLog())
  }

  /** Nothing runs until a window asks: queries open on demand. */
  start(): Promise<void> {
    return Promise.resolve()
  }

  async stop(): Promise<void> {
    this.queries.closeAll()
  }
}

/** The history's commands: open a search, pull its next page, cancel it. */
export function historyHandlers(history: HistoryService): HistoryHandlers {
  return {
    'history:query': async (filter) => history.queries.start(filter),
    'history:page': ({ queryId }) => history.queries.page(queryId),
    'history:cancel': async ({ queryId }) => {
      history.queries.cancel(queryId)
      return null
    }
  }
}
