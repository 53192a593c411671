import { Readable } from 'node:stream'
import type { DiskPersistence } from './persistence'

/** The fields of an aedes packet this queue reads; aedes passes whole packets. */
interface Queued {
  brokerId?: string
  brokerCounter?: number
  messageId?: number
  [field: string]: unknown
}
interface Sub {
  clientId: string
}
interface Client {
  id: string
}
type Method = (...args: never[]) => unknown

/** Most messages kept for Puente's own link while it is away (about 10 MB of class traffic). */
export const OWN_QUEUE_LIMIT = 10_000

/** As aedes-persistence's memory store: the message id goes to the packet with its broker counter. */
function updated(q: Queued[], packet: Queued): boolean {
  for (let i = 0; i < q.length; i++) {
    const p = q[i]
    if (p.brokerId === packet.brokerId && p.brokerCounter === packet.brokerCounter) {
      p.messageId = packet.messageId
      return true
    }
    // a message id reused by another broker's packet
    if (p.brokerId !== packet.brokerId && p.messageId === packet.messageId) {
      q[i] = packet
      return true
    }
  }
  return false
}

/**
 * Keeps the QoS 1/2 messages queued for Puente's own link in memory instead of on disk. aedes
 * writes every QoS > 0 message for a persistent subscriber to the store before it delivers it
 * to anyone; Puente's link watches `clase_eoi/#` with a persistent session, so each button
 * press and every student's QoS 1 message waited for LevelDB writes (a put, an update, a get
 * and a delete). The link lives in the same process as the broker, so a queue that lasts as
 * long as the broker holds everything it could miss: a disconnect on the user's word or a
 * settings change. Every other client's session stays on disk. `isOwn` says which client ids
 * are Puente's (known once the link has authenticated); what was queued on disk for it before
 * that (right after a broker restart) is still delivered, updated and cleared on disk.
 */
export function ownSessionInMemory(
  store: DiskPersistence,
  isOwn: (clientId: string) => boolean,
  onFull: (limit: number) => void = () => undefined,
  limit = OWN_QUEUE_LIMIT
): DiskPersistence {
  const queues = new Map<string, Queued[]>()
  const queue = (id: string): Queued[] => {
    let q = queues.get(id)
    if (!q) queues.set(id, (q = []))
    return q
  }
  // a disconnect left for hours under a class's QoS 1 traffic must not fill the memory: past
  // the limit newer messages are not kept (as mosquitto's max_queued_messages), said once a time
  let full = false
  const keep = (id: string, packet: Queued): void => {
    const q = queue(id)
    if (q.length < limit) {
      // as aedes-packet does: the publisher's message id is not this client's; keeping it let a
      // PUBACK for another message clear this one before it was sent (a lost QoS 1 message)
      q.push({ ...packet, messageId: undefined })
      if (q.length < limit / 2) full = false
      return
    }
    if (!full) onFull(limit)
    full = true
  }
  const target = store as unknown as Record<string, Method>
  const disk = <F extends Method>(name: string): F => (target[name] as F).bind(store) as F

  const enqueue = disk<(sub: Sub, packet: Queued) => Promise<void>>('outgoingEnqueue')
  target.outgoingEnqueue = (async (sub: Sub, packet: Queued): Promise<void> => {
    if (!isOwn(sub.clientId)) return enqueue(sub, packet)
    keep(sub.clientId, packet)
  }) as Method

  const combi = disk<(subs: Sub[], packet: Queued) => Promise<unknown>>('outgoingEnqueueCombi')
  target.outgoingEnqueueCombi = (async (subs: Sub[], packet: Queued): Promise<void> => {
    const others = (subs ?? []).filter((s) => !isOwn(s.clientId))
    for (const s of subs ?? []) if (isOwn(s.clientId)) keep(s.clientId, packet)
    if (others.length > 0) await combi(others, packet)
  }) as Method

  const update = disk<(client: Client, packet: Queued) => Promise<void>>('outgoingUpdate')
  target.outgoingUpdate = (async (client: Client, packet: Queued): Promise<void> => {
    if (!isOwn(client.id) || !updated(queue(client.id), packet)) return update(client, packet)
  }) as Method

  const clear = disk<(client: Client, packet: Queued) => Promise<unknown>>('outgoingClearMessageId')
  target.outgoingClearMessageId = (async (client: Client, packet: Queued): Promise<unknown> => {
    const q = isOwn(client.id) && packet.messageId !== undefined ? queue(client.id) : []
    const i = q.findIndex((p) => p.messageId === packet.messageId)
    return i < 0 ? clear(client, packet) : q.splice(i, 1)[0]
  }) as Method

  // what was queued on disk before the link was known as Puente's (the broker had just
  // restarted) comes first, then the memory queue
  const stream = disk<(client: Client) => Readable>('outgoingStream')
  target.outgoingStream = ((client: Client): Readable => {
    if (!isOwn(client.id)) return stream(client)
    const mine = [...queue(client.id)]
    return Readable.from(
      (async function* (): AsyncGenerator<unknown> {
        yield* stream(client)
        yield* mine
      })()
    )
  }) as Method

  return store
}
