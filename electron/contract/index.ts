/**
 * The one contract between the core and its windows: every command (name -> input schema ->
 * result) and every pushed event (name -> payload), composed from one file per domain. The
 * Electron IPC, the preload, the web host and the renderer all derive their types from here,
 * and every command is validated here before it reaches the core. Imports nothing from
 * electron, Node or the DOM.
 */
import * as v from 'valibot'
import { appCommands, type AppEvents, type AppResults } from './app'
import { boardCommands, type BoardEvents, type BoardResults } from './board'
import { classroomCommands, type ClassroomEvents, type ClassroomResults } from './classroom'
import type { Result } from './fields'
import { historyCommands, type HistoryEvents, type HistoryResults } from './history'
import { mqttCommands, type MqttEvents, type MqttResults } from './mqtt'
import { shellCommands, type ShellEvents, type ShellResults } from './shell'
import { trafficCommands, type TrafficEvents, type TrafficResults } from './traffic'
import { virtualCommands, type VirtualEvents, type VirtualResults } from './virtual'
import { weatherCommands, type WeatherEvents, type WeatherResults } from './weather'

export * from './app'
export * from './board'
export * from './classroom'
export * from './fields'
export * from './history'
export * from './mqtt'
export * from './problems'
export * from './settings'
export * from './shell'
export * from './traffic'
export * from './virtual'
export * from './weather'

/** Every command: its input schema. The result type of each is in `CommandResults`. */
export const commands = {
  ...appCommands,
  ...mqttCommands,
  ...boardCommands,
  ...trafficCommands,
  ...historyCommands,
  ...weatherCommands,
  ...classroomCommands,
  ...virtualCommands,
  ...shellCommands
} as const

export interface CommandResults
  extends
    AppResults,
    MqttResults,
    BoardResults,
    TrafficResults,
    HistoryResults,
    WeatherResults,
    ClassroomResults,
    VirtualResults,
    ShellResults {}

export type CommandName = keyof typeof commands
export type CommandInput<K extends CommandName> = v.InferInput<(typeof commands)[K]>
export type CommandArgs<K extends CommandName> = v.InferOutput<(typeof commands)[K]>
export type CommandResult<K extends CommandName> = CommandResults[K]

/** Pushed events; traffic and board lines are batched to at most ~10 pushes a second. */
export interface Events
  extends
    AppEvents,
    MqttEvents,
    BoardEvents,
    TrafficEvents,
    HistoryEvents,
    WeatherEvents,
    ClassroomEvents,
    VirtualEvents,
    ShellEvents {}
export type EventName = keyof Events

/** The events a host forwards to its windows (app:show-tab is the shell's own). */
export const eventNames: readonly EventName[] = [
  'mqtt:status',
  'broker:status',
  'settings:changed',
  'board:status',
  'board:line',
  'board:button',
  'board:rejected',
  'firmware:progress',
  'traffic:batch',
  'history:replay',
  'history:export',
  'traffic:log-state',
  'notice',
  'notice:cleared',
  'weather:state',
  'classroom:state',
  'profiles:state',
  'virtual:state',
  'virtual:console'
]

/** True for a known command name (guards lookups with strings from a window). */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name)
}

/** Validates a command from a window; the error says which field is wrong and why. */
export function parseCommand<K extends CommandName>(
  name: K,
  input: unknown
): Result<CommandArgs<K>> {
  // valibot's object schemas accept an array (its keys are ignored): every input is an object
  if (Array.isArray(input)) {
    const reason = 'the input must be an object, not a list'
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: `${name}: ${reason}`,
        params: { command: name, field: '', reason }
      }
    }
  }
  const parsed = v.safeParse(commands[name], input ?? {})
  if (parsed.success) return { ok: true, value: parsed.output as CommandArgs<K> }
  const issue = parsed.issues[0]
  const path = v.getDotPath(issue)
  return {
    ok: false,
    error: {
      code: 'invalid-input',
      message: `${name}: ${path ? `${path}: ` : ''}${issue.message}`,
      params: { command: name, field: path ?? '', reason: issue.message }
    }
  }
}

/** A request from a window over WebSocket. */
export interface RequestFrame {
  id: number
  cmd: string
  input?: unknown
}
/** The host's answer to one request. */
export interface ResponseFrame {
  id: number
  result: Result<unknown>
}
/** A pushed event. */
export interface EventFrame<K extends EventName = EventName> {
  event: K
  payload: Events[K]
}

export const RequestFrameSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  cmd: v.pipe(v.string(), v.maxLength(64)),
  input: v.optional(v.unknown())
})

/** What the preload exposes as window.puente and what the WebSocket client implements. */
export type PuenteApi = {
  invoke<K extends CommandName>(name: K, input?: CommandInput<K>): Promise<Result<CommandResult<K>>>
  on<K extends EventName>(name: K, listener: (payload: Events[K]) => void): () => void
  host: 'electron' | 'web'
}

/** One function per command: what the Electron preload exposes, an allowlist of channels. */
export type PuenteCommands = {
  [K in CommandName]: (input?: CommandInput<K>) => Promise<Result<CommandResult<K>>>
}

/** window.puente in the Electron window: the commands by name, and the events. */
export type PuenteBridge = {
  host: 'electron'
  commands: PuenteCommands
  on: PuenteApi['on']
}
