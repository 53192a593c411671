import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { problem, PuenteError } from '../util/problem'
import { ownSessionInMemory } from './own-session'

/** A store that cannot be written for want of disk (full, read-only, over quota), not a fault of its own. */
const DISK = /No space left|ENOSPC|Read-only file system|EROFS|quota exceeded|EDQUOT/i

/**
 * Whether opening the store failed only for want of a writable disk: the broker can then run with
 * its store in memory, where a store in use by another Puente or a damaged one must stop it.
 */
export function isDiskFault(err: unknown): err is PuenteError {
  return (
    err instanceof PuenteError &&
    err.problem.code === 'broker-store-failed' &&
    DISK.test(String(err.problem.params?.reason))
  )
}

/** The slice of aedes-persistence-level's async persistence that Puente uses beyond aedes. */
export interface DiskPersistence {
  setup(broker: unknown): Promise<void>
  destroy(): Promise<void>
}

/**
 * Opens the embedded broker's store in `<dataDir>/broker` (LevelDB through classic-level and
 * aedes-persistence-level, the aedes team's own on-disk persistence): retained messages,
 * persistent sessions (subscriptions and the QoS 1/2 messages queued for a client that is away)
 * and wills survive a restart of Puente. The queue of Puente's own link (`isOwn`) stays in memory.
 */
export async function openDiskPersistence(
  dataDir: string,
  isOwn: (clientId: string) => boolean = () => false,
  onOwnQueueFull?: (limit: number) => void,
  ownQueueLimit?: number
): Promise<DiskPersistence> {
  const dir = path.join(dataDir, 'broker')
  const { ClassicLevel } = await import('classic-level')
  // aedes 1.x calls the async API directly (it checks that setup is an AsyncFunction)
  const { default: AsyncPersistence } =
    (await import('aedes-persistence-level/asyncPersistence.js')) as {
      default: new (db: unknown) => DiskPersistence
    }
  const db = new ClassicLevel<string, Buffer>(dir, { valueEncoding: 'buffer' })
  try {
    mkdirSync(dir, { recursive: true })
    await db.open()
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message
    // LevelDB names its LOCK file in every open error: "lock" alone does not mean in use
    const locked =
      /lock/i.test(cause) && !/read-only|permission|EROFS|EACCES/i.test(cause) && !DISK.test(cause)
    throw new PuenteError(
      locked
        ? problem(
            'broker-store-locked',
            `The embedded broker's store in ${dir} is in use by another Puente: close it, or start this one with another --data-dir.`,
            { dir }
          )
        : problem(
            'broker-store-failed',
            `The embedded broker's store in ${dir} cannot be opened: ${cause}.`,
            { dir, reason: cause }
          )
    )
  }
  const store = retainedInPassing(new AsyncPersistence(db))
  return inOrder(ownSessionInMemory(store, isOwn, onOwnQueueFull, ownQueueLimit))
}

/**
 * aedes numbers a message, stores it when retained, then passes it on, and drops as a duplicate
 * any message numbered lower than the last one a client got (`dedupe` in aedes/lib/client.js).
 * Packets of one socket read are handled side by side, so a plain message published right after
 * a retained one overtook it while LevelDB wrote (even one microtask is enough) and the retained
 * one never reached the subscribers. Here the write is queued in call order and aedes is
 * answered in the same tick, so the message goes on at once.
 */
function retainedInPassing(store: DiskPersistence): DiskPersistence {
  const target = store as unknown as Record<string, (...args: unknown[]) => PromiseLike<unknown>>
  const original = target.storeRetained.bind(store)
  let tail: Promise<unknown> = Promise.resolve()
  target.storeRetained = (...args) => {
    tail = tail
      .then(() => original(...args))
      .catch((err: unknown) =>
        console.error('embedded broker: a retained message was not saved:', err)
      )
    // a thenable that calls back at once: aedes does `storeRetained(p).then(() => done(null))`
    return {
      then: (ok?: ((v: unknown) => unknown) | null) => ok?.(undefined)
    } as PromiseLike<unknown>
  }
  let closing = false
  // a subscriber reads the retained messages once the queued writes are made; a read the
  // broker's closing overtakes ends empty instead of failing on the closed database
  for (const name of ['createRetainedStream', 'createRetainedStreamCombi']) {
    const read = (target[name] as unknown as (...args: unknown[]) => Readable).bind(store)
    ;(target as unknown as Record<string, (...args: unknown[]) => Readable>)[name] = (...args) =>
      Readable.from(
        (async function* (): AsyncGenerator<unknown> {
          await tail
          if (closing) return
          try {
            yield* read(...args)
          } catch (err) {
            if (!closing) throw err
          }
        })()
      )
  }
  // the writes still queued are made before the store closes
  const destroy = store.destroy.bind(store)
  store.destroy = async () => {
    closing = true
    await tail
    await destroy()
  }
  return store
}

type Enqueue = (...args: unknown[]) => Promise<unknown>

/**
 * aedes numbers each message (brokerCounter) before queueing it for persistent sessions, then
 * drops as a duplicate any message whose number is lower than the last one a client received
 * (`dedupe` in aedes/lib/client.js). LevelDB writes can finish out of order, so a QoS 1 burst
 * lost acknowledged messages (moscajs/aedes#955, moscajs/aedes-persistence-mongodb#27): here
 * each enqueue resolves only after the ones called before it, so messages reach clients in order.
 */
function inOrder(store: DiskPersistence): DiskPersistence {
  let tail: Promise<unknown> = Promise.resolve()
  const target = store as unknown as Record<string, Enqueue>
  for (const name of ['outgoingEnqueue', 'outgoingEnqueueCombi']) {
    const original = target[name].bind(store)
    target[name] = (...args) => {
      const done = original(...args)
      const next = tail.then(() => done)
      tail = next.catch(() => undefined)
      return next
    }
  }
  return store
}
