import type { HistoryFilter, Qos, ReplayState } from '../../contract'
import { decodePayload } from '../traffic/encode'
import { problem, PuenteError } from '../util/problem'
import { HistoryReader } from './reader'

/** What a replay needs: the log, a way to publish marked as a replay, and word of its state. */
export interface ReplayContext {
  dataDir: string
  flushLog(): Promise<void>
  publishReplay(topic: string, payload: Buffer, qos: Qos, retain: boolean): Promise<void>
  onState(state: ReplayState): void
}

export interface ReplayRequest {
  filter: HistoryFilter
  /** 1 or 10 times real speed, 0 as fast as the broker takes them. */
  speed: 1 | 10 | 0
  keepRetain: boolean
}

/**
 * Replays a range of the log into the current broker, one at a time, keeping the gaps between
 * messages (divided by the speed). Messages that were themselves replays are left out, so a
 * replay of a replay never doubles a class's traffic.
 */
export class Replayer {
  private running: { stop: () => void } | undefined
  private last: ReplayState = { state: 'idle', sent: 0, bytesRead: 0, bytesTotal: 0 }

  constructor(private readonly ctx: ReplayContext) {}

  /** The current or last replay. */
  get state(): ReplayState {
    return this.last
  }

  /** Starts a replay; resolves when it has ended (the command does not wait for that). */
  start(req: ReplayRequest): Promise<ReplayState> {
    if (this.running)
      throw new PuenteError(
        problem('replay-running', 'A replay is already running: stop it first.')
      )
    // the log's latest lines reach the disk before the files are listed
    const flushed = this.ctx.flushLog()
    let reader: HistoryReader | undefined
    let wake: (() => void) | undefined
    let stopped = false
    this.running = {
      stop: () => {
        stopped = true
        reader?.cancel()
        wake?.()
      }
    }
    const sleep = (ms: number): Promise<void> =>
      new Promise((resolve) => {
        const t = setTimeout(resolve, ms)
        wake = () => {
          clearTimeout(t)
          resolve()
        }
      })
    const run = async (): Promise<ReplayState> => {
      await flushed
      let reading: HistoryReader
      try {
        reading = reader = new HistoryReader(this.ctx.dataDir, req.filter, { batch: 200 })
      } catch (err) {
        this.running = undefined
        throw err
      }
      if (stopped) reading.cancel()
      let sent = 0
      let first: { t: number; wall: number } | undefined
      let lastReport = 0
      const report = (state: ReplayState['state'], error?: ReplayState['error']): void => {
        const { bytesRead, bytesTotal } = reading.progress
        this.last = { state, sent, bytesRead, bytesTotal, ...(error ? { error } : {}) }
        this.ctx.onState(this.last)
      }
      report('running')
      try {
        for await (const batch of reading.batches()) {
          for (const { msg } of batch) {
            if (stopped) break
            if (msg.replay) continue
            const t = Date.parse(msg.t)
            first ??= { t, wall: Date.now() }
            if (req.speed) {
              const due = first.wall + (t - first.t) / req.speed - Date.now()
              if (due > 0) await sleep(due)
              if (stopped) break
            }
            const retain = req.keepRetain && msg.retain
            await this.ctx.publishReplay(
              msg.topic,
              decodePayload(msg.payload, msg.enc),
              msg.qos,
              retain
            )
            sent++
            if (Date.now() - lastReport > 250) {
              lastReport = Date.now()
              report('running')
            }
          }
        }
        report(stopped ? 'stopped' : 'done')
      } catch (err) {
        report(
          'failed',
          err instanceof PuenteError
            ? err.problem
            : problem('replay-failed', `The replay stopped: ${(err as Error).message}`, {
                reason: (err as Error).message
              })
        )
      } finally {
        this.running = undefined
      }
      return this.last
    }
    return run()
  }

  /** Stops the running replay, if any. */
  stop(): void {
    this.running?.stop()
  }
}
