// The preload's API, made from the contract: one named function per command (an allowlist:
// no channel outside `commands` can be reached), each validating its input before it crosses to
// main (main validates again), and `on` for the contract's events alone. ipcRenderer comes in as a
// parameter, so this is tested in Node.
import {
  commands,
  eventNames,
  parseCommand,
  type CommandName,
  type EventName,
  type Events,
  type PuenteBridge,
  type PuenteCommands,
  type Result,
  TRAFFIC_TAKEN_CHANNEL
} from '../contract'

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  send(channel: string): void
}

/** The events a window may follow: the hosts' ones and the shell's own tab request. */
const WINDOW_EVENTS: ReadonlySet<string> = new Set<EventName>([...eventNames, 'app:show-tab'])

/** Builds window.puente for the Electron window from the contract's command map. */
export function makeBridge(ipc: IpcRendererLike): PuenteBridge {
  // every batch that reaches this thread is acknowledged, so a stuck page gets no more queued
  ipc.on('traffic:batch', () => ipc.send(TRAFFIC_TAKEN_CHANNEL))
  const fns: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {}
  for (const name of Object.keys(commands) as CommandName[]) {
    fns[name] = async (input?: unknown): Promise<Result<unknown>> => {
      const parsed = parseCommand(name, input)
      if (!parsed.ok) return parsed
      return (await ipc.invoke(name, input ?? {})) as Result<unknown>
    }
  }
  return {
    host: 'electron',
    commands: Object.freeze(fns) as unknown as PuenteCommands,
    on<K extends EventName>(name: K, listener: (payload: Events[K]) => void): () => void {
      if (!WINDOW_EVENTS.has(name)) throw new Error(`${String(name)} is not an event of Puente`)
      const wrapped = (_e: unknown, payload: unknown): void => listener(payload as Events[K])
      ipc.on(name, wrapped)
      return () => void ipc.removeListener(name, wrapped)
    }
  }
}
