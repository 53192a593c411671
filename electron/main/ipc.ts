// The contract over Electron IPC: every command through one handle() wrapper that refuses
// senders other than our own window, and every event pushed to that window. Only types come
// from 'electron', so this is tested in Node against a real hub.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import {
  commands,
  eventNames,
  type CommandName,
  type CommandResult,
  type EventName,
  type Events,
  type Result,
  type ShellCommandName
} from '../contract'
import { runCommand } from '../core/commands'
import { problem } from '../core/util/problem'
import type { ShellHandlers } from './shell-commands'

/** What IPC needs from the hub (the real Hub in the app). */
export interface IpcHub {
  dispatch(name: string, input: unknown): Promise<Result<unknown>>
  events: { on<K extends EventName>(name: K, listener: (payload: Events[K]) => void): () => void }
}

export type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>
/** Whether an IPC message comes from our window's own page (commands and the pacing word alike). */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean

/**
 * Registers every contract command; returns the function that removes them all. The shell's own
 * commands (`shell:*`) go to `shell`, validated the same way; all others go to the core.
 */
export function registerCommands(
  ipc: IpcRegistrar,
  hub: IpcHub,
  isOwnSender: SenderCheck,
  shell?: ShellHandlers
): () => void {
  const run = (name: CommandName, input: unknown): Promise<Result<unknown>> =>
    shell && Object.prototype.hasOwnProperty.call(shell, name)
      ? runCommand(shell, name as ShellCommandName, input)
      : hub.dispatch(name, input)
  const handle = <K extends CommandName>(name: K): void => {
    ipc.handle(
      name,
      async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<CommandResult<K>>> => {
        if (!isOwnSender(event)) {
          return {
            ok: false,
            error: problem(
              'forbidden-sender',
              `${name} was refused: it did not come from Puente's own window.`,
              {
                command: name
              }
            )
          }
        }
        // the hub (runCommand for the shell's own) validates `input` against the contract's
        // schema and answers failures as Problems; the catch is the net under it, so no
        // rejection reaches Electron unanswered
        try {
          return (await run(name, input)) as Result<CommandResult<K>>
        } catch (err) {
          return {
            ok: false,
            error: problem('internal', `${name} failed: ${String(err)}`, { command: name })
          }
        }
      }
    )
  }
  const names = Object.keys(commands) as CommandName[]
  for (const name of names) handle(name)
  return () => {
    for (const name of names) ipc.removeHandler(name)
  }
}

/** Pushes every contract event to the window (traffic arrives already batched by the core). */
export function forwardEvents(
  hub: IpcHub,
  send: <K extends EventName>(name: K, payload: Events[K]) => void
): () => void {
  const offs = eventNames.map((name) => hub.events.on(name, (payload) => send(name, payload)))
  return () => offs.forEach((off) => off())
}

/** True when `url` is the app's own page: the same file, or the same origin as the dev server. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const a = new URL(url)
    const b = new URL(appUrl)
    if (b.protocol === 'file:') return a.protocol === 'file:' && a.pathname === b.pathname
    return a.origin === b.origin
  } catch {
    return false
  }
}

export interface OwnSenderOptions {
  /** Electron's BrowserWindow.fromWebContents. */
  windowOf: (contents: WebContents) => unknown
  /** Our popover window, when it exists. */
  window: () => unknown
  /** The page our window loads. */
  appUrl: string
}

/**
 * The sender check of every command (fiddle's fromWebContents, VS Code's senderFrame): our
 * window, its top frame (no iframe), showing our page.
 */
export function ownSender({ windowOf, window, appUrl }: OwnSenderOptions): SenderCheck {
  return (event) => {
    const ours = window()
    if (!ours || windowOf(event.sender) !== ours) return false
    const frame = event.senderFrame
    if (!frame || frame.parent !== null) return false
    return isAppUrl(frame.url, appUrl)
  }
}
