import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  commands,
  isCommandName,
  parseCommand,
  type CommandName,
  type Settings
} from '../../../electron/contract'
import { startTestServe, type Served } from '../../helpers/serve'
import { record } from './ws'

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const names = Object.keys(commands) as CommandName[]
const junkValues: unknown[] = [
  42,
  -1,
  1.5,
  NaN,
  'x',
  '',
  'a'.repeat(70_000),
  true,
  false,
  [],
  [1, 2],
  { __proto__: { x: 1 } },
  { constructor: 'x' },
  '\u0000',
  '{}',
  1e308,
  -0
]

/**
 * Inputs invalid by construction (each kind below breaks a rule every command schema has),
 * so every one must be refused: a fuzz case that happened to be valid would prove nothing.
 */
function badInput(r: () => number, name: CommandName): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  switch (Math.floor(r() * 4)) {
    case 0: // not an object at all
      return pick([42, 'texto', true, false, 1.5, -7, 'null'])
    case 1: // an array where an object is expected
      return pick([[], [1], [{}], ['a', 'b']])
    case 2: {
      // a field of a known type given the wrong one (every schema is an object of typed fields)
      const schema = commands[name] as unknown as {
        entries?: Record<string, unknown>
        wrapped?: { entries?: Record<string, unknown> }
      }
      const keys = Object.keys(schema.entries ?? schema.wrapped?.entries ?? {})
      if (!keys.length) return { [`extra_${Math.floor(r() * 1e6)}`]: pick(junkValues) } // strict empty object
      const entries = schema.entries ?? schema.wrapped?.entries ?? {}
      const key = pick(keys)
      let field = entries[key] as { type: string; wrapped?: { type: string } }
      if (field.type === 'optional' && field.wrapped) field = field.wrapped as typeof field
      // an object-shaped field gets a string, any other field (string, number, picklist…) an object
      const objectish = ['object', 'strict_object', 'array', 'tuple'].includes(field.type)
      return { [key]: objectish ? pick(['texto', 'a,b']) : pick([{ nested: 'object' }, { a: 1 }]) }
    }
    default: // an unknown key on a strict object, or a wrong-typed known field
      return name === 'settings:update'
        ? { language: pick(['xx', 42, null, 'ES ']) }
        : {
            [`campo_${Math.floor(r() * 1e6)}`]: pick(junkValues),
            ...(r() < 0.5 ? {} : { topic: 12 })
          }
  }
}

/** A frame that is not a valid request, or a request no command accepts. */
function badFrame(r: () => number, i: number): { text: string; id: number } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  const id = 1000 + i
  switch (Math.floor(r() * 6)) {
    case 0: {
      const text = JSON.stringify({ id, cmd: pick(names), input: {} })
      return { text: text.slice(0, Math.max(1, Math.floor(r() * (text.length - 1)))), id: -1 } // torn JSON
    }
    case 1:
      return {
        text: JSON.stringify({ id, cmd: pick(names), input: {}, extra: pick(junkValues) }),
        id
      } // not a frame
    case 2:
      return { text: JSON.stringify({ id, cmd: pick([42, null, [], {}, 'x'.repeat(65)]) }), id }
    case 3: {
      let cmd = ''
      do
        cmd =
          pick([
            '',
            'mqtt:',
            'app:get-snapshotx',
            '__proto__',
            'constructor',
            'toString',
            'hasOwnProperty'
          ]) + Math.floor(r() * 100)
      while (isCommandName(cmd))
      return { text: JSON.stringify({ id, cmd, input: {} }), id } // unknown command
    }
    case 4:
      return { text: JSON.stringify(pick([null, 7, 'hola', [1, 2, 3], true])), id: -1 } // JSON, not an object
    default: {
      const name = pick(names)
      return { text: JSON.stringify({ id, cmd: name, input: badInput(r, name) }), id } // bad input
    }
  }
}

describe('fuzzed commands are all refused with a reason', () => {
  it('10,000 through the IPC schema validation (parseCommand)', () => {
    const r = rng(6)
    for (let i = 0; i < 10_000; i++) {
      const name = names[Math.floor(r() * names.length)]
      const input = badInput(r, name)
      const parsed = parseCommand(name, input)
      expect(parsed.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false)
      if (!parsed.ok) {
        expect(parsed.error.code).toBe('invalid-input')
        expect(parsed.error.message.length).toBeGreaterThan(name.length + 2)
      }
    }
  })

  describe('10,000 through the web host WebSocket', () => {
    let host: Served
    beforeAll(async () => {
      host = await startTestServe(['--serial', 'off'])
    })
    afterAll(() => host.stop())

    it(
      'all rejected with a reason, nothing changed, and the host keeps serving',
      { timeout: 120_000 },
      async () => {
        const c = await record(`${host.url.replace('http', 'ws')}/ws`)
        const before = await c.ask('app:get-snapshot')
        expect(before.ok).toBe(true)
        const settingsBefore = (before as { value: { settings: Settings } }).value.settings
        const r = rng(60)
        const answered: Promise<void>[] = []
        const untracked: string[] = []
        for (let i = 0; i < 10_000; i++) {
          const { text, id } = badFrame(r, i)
          if (id === -1) {
            untracked.push(text)
            c.ws.send(text)
            continue
          }
          answered.push(
            c.raw(text, id).then((res) => {
              expect(res.ok, `accepted: ${text.slice(0, 200)}`).toBe(false)
              if (!res.ok) expect(res.error.message, text).toMatch(/\w{3,}/)
            })
          )
          if (answered.length % 500 === 0) await Promise.all(answered.slice(-500))
        }
        await Promise.all(answered)
        // frames without a usable id are answered with id -1, each with a reason
        const after = await c.ask('app:get-snapshot')
        expect(after.ok).toBe(true)
        const minusOne = c.frames.filter((f) => f.startsWith('{"id":-1'))
        expect(minusOne.length).toBe(untracked.length)
        for (const f of minusOne) expect(JSON.parse(f).result.error.code).toBe('bad-frame')
        expect((after as { value: { settings: Settings } }).value.settings).toEqual(settingsBefore)
        // a valid command that changes something still works
        expect(await c.ask('mqtt:subscribe', { filter: 'tras/el/fuzz' })).toMatchObject({
          ok: true
        })
        expect(host.proc.exitCode).toBeNull()
        c.ws.close()
      }
    )
  })
})
