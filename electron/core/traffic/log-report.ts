import type { LogState } from '../../contract'
import type { ServiceContext } from '../context'
import { problem } from '../util/problem'

/** What the log needs to tell of itself: the windows, the tray (events) and the class (MQTT). */
export type LogReportContext = Pick<
  ServiceContext,
  'events' | 'notify' | 'clearNotices' | 'publish' | 'settings'
>

/** The condition of the log-stopped notice: it goes when the log writes again. */
const LOG_STOPPED_NOTICES = 'traffic-log-stopped'

/**
 * Tells everyone when the log stops writing (a full or read-only disk) and when it resumes: the
 * `traffic:log-state` event (the window and the tray show it), a notice, and
 * `puente/<id>/error` for whoever watches Puente from MQTT.
 */
export function logStateReporter(ctx: LogReportContext, dir: string): (s: LogState) => void {
  return (s) => {
    ctx.events.emit('traffic:log-state', s)
    const lost = s.dropped ? ` ${s.dropped} messages could not be kept meanwhile.` : ''
    const p =
      s.problem ??
      problem('traffic-log-resumed', `The traffic log writes again to ${dir}.${lost}`, {
        dir,
        dropped: s.dropped
      })
    if (s.writing) {
      ctx.clearNotices(LOG_STOPPED_NOTICES)
      ctx.notify('info', p)
    } else ctx.notify('error', p, LOG_STOPPED_NOTICES)
    const body = {
      what: 'traffic log',
      code: p.code,
      reason: p.message,
      at: new Date().toISOString()
    }
    ctx
      .publish(
        `puente/${ctx.settings.current.mqtt.clientId}/error`,
        Buffer.from(JSON.stringify(body)),
        0,
        false
      )
      .catch(() => undefined)
  }
}
