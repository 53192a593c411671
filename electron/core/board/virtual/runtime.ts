import type { VirtualBoardEvents, VirtualBoardOptions } from './board'

/** What the interpreter tells the service: the VirtualBoard's own events. */
export type RuntimeEvents = VirtualBoardEvents

/** How the interpreter is started: the VirtualBoard's own options. */
export type RuntimeOptions = VirtualBoardOptions

/** The interpreter as the service drives it (the VirtualBoard in its worker). */
export interface BoardRuntime {
  start(): Promise<void>
  stop(): Promise<void>
  reset(): Promise<void>
  button(pressed: boolean): void
  writeSerial(bytes: Uint8Array): void
  dispose(): Promise<void>
  on<K extends keyof RuntimeEvents>(name: K, listener: (payload: RuntimeEvents[K]) => void): unknown
}

export type CreateRuntime = (opts: RuntimeOptions) => BoardRuntime

/**
 * The Open-Meteo host names a student's program uses, mapped to the endpoints in the weather
 * settings (a class without internet, a school mirror, the tests' fixture server).
 */
export function openMeteoHosts(forecastUrl: string, geocodingUrl: string): Record<string, string> {
  const hosts: Record<string, string> = {}
  const map = (name: string, url: string): void => {
    const u = new URL(url)
    // the socket layer takes URL bases: the scheme says whether TLS is spoken
    if (u.hostname !== name) hosts[name] = `${u.protocol}//${u.host}`
  }
  map('api.open-meteo.com', forecastUrl)
  map('geocoding-api.open-meteo.com', geocodingUrl)
  return hosts
}
