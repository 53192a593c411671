import type {
  CommandInput,
  CommandName,
  CommandResult,
  EventFrame,
  EventName,
  Events,
  PuenteApi,
  ResponseFrame,
  Result
} from '../../../electron/contract'
import { Backoff } from '../../../electron/shared/backoff'

type Listener = (payload: never) => void
type LinkListener = (up: boolean) => void

const HOST_GONE = { code: 'host-gone', message: 'The connection to Puente was lost.' }

/** The contract over the web host's WebSocket, reconnecting by itself when the host restarts. */
function webSocketApi(onLink: LinkListener): PuenteApi {
  const listeners = new Map<EventName, Set<Listener>>()
  const pending = new Map<number, (r: Result<unknown>) => void>()
  let nextId = 1
  let socket: WebSocket
  let ready: Promise<void>
  // a host that restarts is found again within a second; one that stays away, every ~5 s
  const backoff = new Backoff({ minMs: 500, maxMs: 5000, steadyMs: 30_000, jitter: 0.5 })

  const emit = (name: EventName, payload: never): void => {
    for (const l of listeners.get(name) ?? []) l(payload)
  }
  const open = (): void => {
    const url = new URL('ws', location.href)
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
    url.search = location.search // carries the access token, when the host asks for one
    socket = new WebSocket(url)
    ready = new Promise((resolve) =>
      socket.addEventListener('open', () => resolve(), { once: true })
    )
    socket.addEventListener('open', () => {
      backoff.succeeded()
      onLink(true)
    })
    socket.addEventListener('message', (ev) => {
      let frame: ResponseFrame | EventFrame
      try {
        frame = JSON.parse(String(ev.data)) as ResponseFrame | EventFrame
      } catch {
        return // not ours to crash on: the host only sends JSON
      }
      if ('event' in frame) emit(frame.event, frame.payload as never)
      else {
        pending.get(frame.id)?.(frame.result)
        pending.delete(frame.id)
      }
    })
    socket.addEventListener('close', () => {
      for (const resolve of pending.values()) resolve({ ok: false, error: HOST_GONE })
      pending.clear()
      onLink(false)
      setTimeout(open, backoff.failed(Date.now()))
    })
  }
  open()

  return {
    host: 'web',
    async invoke<K extends CommandName>(
      name: K,
      input?: CommandInput<K>
    ): Promise<Result<CommandResult<K>>> {
      await ready
      if (socket.readyState !== WebSocket.OPEN) return { ok: false, error: HOST_GONE }
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void)
        socket.send(JSON.stringify({ id, cmd: name, input: input ?? {} }))
      })
    },
    on<K extends EventName>(name: K, listener: (payload: Events[K]) => void): () => void {
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      set.add(listener as Listener)
      return () => set.delete(listener as Listener)
    }
  }
}

const linkListeners = new Set<LinkListener>()

/** The one PuenteApi of this window: the preload's under Electron, the WebSocket's otherwise. */
export const api: PuenteApi =
  window.puente ?? webSocketApi((up) => linkListeners.forEach((l) => l(up)))

/**
 * Follows the window's own link to the host (the web host's socket can drop and come back;
 * the Electron preload never does). State modules reload their snapshot when it comes back.
 */
export function onHostLink(listener: LinkListener): () => void {
  linkListeners.add(listener)
  return () => linkListeners.delete(listener)
}

/**
 * Keeps one piece of the core's state in step: loads it with `command` (again whenever the
 * link to the host comes back) and takes every `event` that carries it. Returns the cleanup.
 */
export function follow<C extends CommandName, E extends EventName>(
  command: C,
  event: E,
  set: (state: CommandResult<C> | Events[E]) => void
): () => void {
  const load = async (): Promise<void> => {
    const r = await api.invoke(command)
    if (r.ok) set(r.value)
  }
  const offs = [
    api.on(event, set),
    onHostLink((up) => {
      if (up) void load()
    })
  ]
  void load()
  return () => offs.forEach((off) => off())
}
