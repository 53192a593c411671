import type { Problem } from '../../../contract'
import { problem } from '../../util/problem'

// A traceback in words: the class's common mistakes recognised from MicroPython's own error
// text (plus what the worker knew: the object's real attributes, the network's last failure).
// Codes are stable; the window translates them with the params.

/** What the worker knew when the program died. */
export interface HintContext {
  /** The real attributes of the object an AttributeError names (its class's dir()). */
  attrs?: string[]
  net?: {
    wifi: boolean
    failure?: { op: string; errno: number; target: string; noWifi?: boolean }
  }
}

/** Attributes of the tutorial's objects, for when the worker could not look them up. */
const KNOWN: Record<string, string[]> = {
  MQTTClient: [
    'connect',
    'disconnect',
    'ping',
    'publish',
    'subscribe',
    'set_callback',
    'set_last_will',
    'wait_msg',
    'check_msg'
  ],
  WLAN: ['active', 'connect', 'disconnect', 'isconnected', 'ifconfig', 'status', 'scan', 'config'],
  Pin: ['value', 'on', 'off', 'irq', 'init'],
  PWM: ['freq', 'duty', 'duty_u16', 'deinit', 'init'],
  NeoPixel: ['fill', 'write'],
  module: ['sleep', 'sleep_ms', 'sleep_us', 'ticks_ms', 'ticks_us', 'ticks_diff', 'ticks_add']
}

/** Where a name the program forgot to import lives. */
const IMPORTS: Record<string, string> = {
  Pin: 'machine',
  PWM: 'machine',
  Timer: 'machine',
  sleep: 'time',
  sleep_ms: 'time',
  MQTTClient: 'umqtt.simple',
  NeoPixel: 'neopixel',
  WLAN: 'network',
  time: 'time',
  machine: 'machine',
  network: 'network',
  json: 'json',
  ujson: 'json',
  urequests: 'urequests',
  requests: 'requests',
  neopixel: 'neopixel'
}

const MODULES = [
  'machine',
  'time',
  'network',
  'socket',
  'ssl',
  'json',
  'neopixel',
  'umqtt.simple',
  'umqtt.robust',
  'urequests',
  'requests',
  'select',
  'math',
  'random',
  'os',
  'sys',
  'gc',
  'struct',
  'binascii',
  'upip',
  'mip'
]

/** Levenshtein distance (names are short). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]
}

/** The option closest to a misspelled name, if one is close enough to be what was meant. */
export function closest(name: string, options: string[]): string | undefined {
  let best: string | undefined
  let bestD = Infinity
  for (const o of options) {
    const d = editDistance(name.toLowerCase(), o.toLowerCase())
    if (d < bestD && o !== name) [best, bestD] = [o, d]
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined
}

/** The exception's type and text: the traceback's last line. */
export function lastLine(traceback: string): { type: string; text: string; line: string } {
  const line =
    traceback
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  const m = /^([A-Za-z_][\w.]*)(?::\s*(.*))?$/.exec(line)
  return { type: m?.[1] ?? '', text: m?.[2] ?? '', line }
}

/** How a run ended, shown next to Run/Stop. */
export function exitProblem(
  how: 'finished' | 'error' | 'interrupted',
  traceback?: string
): Problem {
  if (how === 'interrupted')
    return problem('virtual-exit-interrupted', 'Stopped (KeyboardInterrupt).')
  if (how === 'finished' || !traceback)
    return problem('virtual-exit-finished', 'The program ended.')
  const { type, text, line } = lastLine(traceback)
  return problem('virtual-exit-error', line, { type, text })
}

const ERRNO_NAMES: Record<number, string> = {
  [-2]: 'ENONAME',
  103: 'ECONNABORTED',
  104: 'ECONNRESET',
  107: 'ENOTCONN',
  110: 'ETIMEDOUT',
  111: 'ECONNREFUSED',
  113: 'EHOSTUNREACH',
  116: 'ETIMEDOUT',
  128: 'ENOTCONN'
}

function osErrno(text: string): number | undefined {
  const m = /^\[Errno (-?\d+)\]/.exec(text) ?? /^(-?\d+)\b/.exec(text)
  if (m) return Number(m[1])
  const named = Object.entries(ERRNO_NAMES).find(([, n]) => text.includes(n))
  return named ? Number(named[0]) : undefined
}

function networkHint(errno: number | undefined, ctx: HintContext): Problem | undefined {
  const f = ctx.net?.failure
  const target = f?.target ?? ''
  if (f?.noWifi || (ctx.net && !ctx.net.wifi && (errno === 113 || errno === -2)))
    return problem(
      'virtual-hint-no-wifi',
      'The board is not connected to Wi-Fi: call network.WLAN(network.STA_IF).active(True) and .connect(...) before connecting to the broker.',
      { target }
    )
  const e = errno ?? f?.errno
  const where = target ? ` (${target})` : ''
  if (e === 111)
    return problem(
      'virtual-hint-refused',
      `Nothing answered at ${target || 'that address'}: check the broker's host and port, and that the broker is running.`,
      { target }
    )
  if (e === -2)
    return problem(
      'virtual-hint-unknown-host',
      `The host name${where} could not be found (OSError -2): check how it is written.`,
      { target }
    )
  if (e === 110 || e === 116)
    return problem(
      'virtual-hint-timeout',
      `No answer in time${where}: check the address and that the network lets you through.`,
      { target }
    )
  if (e === 107 || e === 128)
    return problem(
      'virtual-hint-not-connected',
      'The socket is not connected: call connect() first (and again after the connection was closed).',
      { target }
    )
  if (e === 104 || e === 103)
    return problem(
      'virtual-hint-reset',
      `The other side closed the connection${where}: the broker may have refused what the program sent.`,
      { target }
    )
  return undefined
}

/** A hint for the traceback a program died with, or undefined when there is nothing to add. */
export function hintFor(traceback: string, ctx: HintContext = {}): Problem | undefined {
  const { type, text } = lastLine(traceback)
  if (type === 'AttributeError') {
    const m = /'(\w+)' object has no attribute '(\w+)'/.exec(text)
    if (!m) return undefined
    const [, object, name] = m
    const options = ctx.attrs?.length ? ctx.attrs : (KNOWN[object] ?? [])
    const suggestion = closest(name, options)
    if (!suggestion) return undefined
    return problem(
      'virtual-hint-misspelled',
      `'${object}' has no '${name}': did you mean '${suggestion}'?`,
      { object, name, suggestion }
    )
  }
  if (type === 'OSError') return networkHint(osErrno(text), ctx)
  if (type === 'MQTTException' || type.endsWith('.MQTTException'))
    return problem(
      'virtual-hint-mqtt-refused',
      `The broker refused the connection (code ${text || '?'}): check the client id, user and password.`,
      { code: text }
    )
  if (type === 'KeyError') {
    const key = text.replace(/^['"]|['"]$/g, '')
    if (['r', 'g', 'b'].includes(key))
      return problem(
        'virtual-hint-colour-key',
        `The colour message has no '${key}': a colour is JSON like {"r":255,"g":0,"b":0}. Use .get('${key}', 0) or check the keys first.`,
        { key }
      )
    return problem('virtual-hint-key', `The dictionary has no key '${key}'.`, { key })
  }
  if (type === 'MemoryError')
    return problem(
      'virtual-hint-memory',
      'The board ran out of memory: look for a list, string or bytearray that keeps growing in a loop, or data too large for a microcontroller.'
    )
  if (type === 'ImportError') {
    const m = /no module named '([\w.]+)'/.exec(text)
    if (!m) return undefined
    const module = m[1]
    const suggestion = closest(module, MODULES)
    return problem(
      'virtual-hint-no-module',
      suggestion
        ? `The board has no module '${module}': did you mean '${suggestion}'?`
        : `The board has no module '${module}': put its .py file in the board's lib/ folder, or use a MicroPython module instead.`,
      suggestion ? { module, suggestion } : { module }
    )
  }
  if (type === 'NameError') {
    const m = /name '(\w+)' (?:isn't|is not) defined/.exec(text)
    const module = m && IMPORTS[m[1]]
    if (!m || !module) return undefined
    const name = m[1]
    const how = name === module.split('.')[0] ? `import ${name}` : `from ${module} import ${name}`
    return problem('virtual-hint-missing-import', `'${name}' is not imported: add '${how}'.`, {
      name,
      module,
      how
    })
  }
  return undefined
}
