// The bridge rules against an in-memory board line: no broker, no port. The hub's side is the
// ServiceContext interface implemented over a real emitter and the real settings merge.
import { describe, expect, it } from 'vitest'
import type { Events, Notice, Qos, Settings } from '../../../electron/contract'
import { BoardBridge, HELLO_QUERY } from '../../../electron/core/board/bridge'
import { BoardService } from '../../../electron/core/board/service'
import type { ServiceContext } from '../../../electron/core/context'
import { defaultSettings, mergeSettings } from '../../../electron/core/settings/store'
import { Emitter } from '../../../electron/core/util/events'
import { memoryLinks, type MemoryLink } from '../../helpers/memory-link'

interface Sent {
  topic: string
  text: string
  qos: Qos
  queue: boolean
}

/** The hub's side: settings in memory, events on an emitter, publishes and notices kept. */
function hubSide(): {
  ctx: ServiceContext
  sent: Sent[]
  notices: Notice[]
  events: Emitter<Events>
} {
  const events = new Emitter<Events>()
  const sent: Sent[] = []
  const notices: Notice[] = []
  let settings: Settings = mergeSettings(defaultSettings(), { mqtt: { clientId: 'puente-test' } })
  const ctx: ServiceContext = {
    settings: {
      get current() {
        return settings
      },
      update: async (patch) => {
        settings = mergeSettings(settings, patch)
        events.emit('settings:changed', settings)
        return settings
      },
      onChange: (fn) => events.on('settings:changed', fn)
    },
    events,
    publish: async (topic, payload, qos, _retain, queue = false) => {
      sent.push({ topic, text: payload.toString(), qos, queue })
    },
    notify: (level, p, key) => {
      notices.push({ ...p, id: notices.length + 1, level, at: new Date().toISOString(), key })
    },
    clearNotices: (key) => {
      for (let i = notices.length - 1; i >= 0; i--) if (notices[i].key === key) notices.splice(i, 1)
    },
    mqttStatus: () => ({
      state: 'connected',
      url: 'mqtt://127.0.0.1:1883',
      clientId: 'puente-test',
      since: ''
    })
  }
  return { ctx, sent, notices, events }
}

/** A bridge on a fresh, opened in-memory link. */
async function bridged(): Promise<
  ReturnType<typeof hubSide> & { bridge: BoardBridge; board: MemoryLink }
> {
  const side = hubSide()
  const links = memoryLinks()
  let link: MemoryLink | undefined
  const bridge = new BoardBridge(side.ctx, () => link)
  link = links.factory('memory', 115200, {
    opened: () => bridge.opened(link!),
    data: (chunk) => bridge.data(chunk),
    lost: (p, unplugged) => bridge.lost(link!, p, unplugged)
  }) as MemoryLink
  await link.open()
  return { ...side, bridge, board: link }
}

describe('the bridge rules on any board link', () => {
  it('greets the board when the link opens', async () => {
    const { bridge, board } = await bridged()
    expect(board.written).toEqual([HELLO_QUERY])
    expect(bridge.status).toMatchObject({ state: 'connected', port: 'memory' })
  })

  it('turns a button line into a message on the button topic, named by the board', async () => {
    const { bridge, board, sent } = await bridged()
    board.say('{"hello":"puente","id":"ab12","fw":"3"}\n{"butt')
    board.say('on":"pressed"}\n{"button":"released"}\n')
    expect(bridge.status).toMatchObject({ boardId: 'ab12', firmware: '3' })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ topic: 'clase_eoi/boton', qos: 1, queue: true })
    expect(JSON.parse(sent[0].text)).toMatchObject({ pressed: true, board: 'ab12' })
    expect(bridge.history().lastPress).toMatchObject({ pressed: true, board: 'ab12', presses: 1 })
  })

  it('writes a colour from the LED topic to the board as one line', async () => {
    const { bridge, board } = await bridged()
    bridge.onMessage('clase_eoi/led', Buffer.from('{"r":1,"g":2,"b":3}'))
    bridge.onMessage('clase_eoi/led', Buffer.from('#ff8000'))
    // the second waits until the link has drained the first (newest wins meanwhile)
    expect(board.written.slice(1)).toEqual(['{"r":1,"g":2,"b":3}\n'])
    await board.drain()
    await new Promise((r) => setImmediate(r))
    expect(board.written.slice(1)).toEqual(['{"r":1,"g":2,"b":3}\n', '{"r":255,"g":128,"b":0}\n'])
    expect(bridge.status.sent).toEqual({ r: 255, g: 128, b: 0 })
    bridge.onMessage('clase_eoi/otro', Buffer.from('#000000'))
    expect(board.written).toHaveLength(3)
  })

  it('refuses a bad colour on puente/<id>/error, and the LED keeps its colour', async () => {
    const { bridge, board, sent, notices } = await bridged()
    bridge.onMessage('clase_eoi/led', Buffer.from('{"r":300,"g":0,"b":0}'))
    expect(board.written).toEqual([HELLO_QUERY])
    expect(sent.map((s) => s.topic)).toEqual(['puente/puente-test/error'])
    expect(JSON.parse(sent[0].text)).toMatchObject({
      what: 'colour',
      topic: 'clase_eoi/led',
      code: 'bad-colour',
      payload: '{"r":300,"g":0,"b":0}'
    })
    expect(notices.map((n) => n.code)).toEqual(['bad-colour'])
    expect(bridge.history().rejected).toHaveLength(1)
  })

  it('sends every other line to the serial topic at once, and to the window in a batch', async () => {
    const { board, sent, events } = await bridged()
    const batch = new Promise<Events['board:line']>((resolve) => events.on('board:line', resolve))
    board.say('hola\nadiós\n')
    expect(sent.map((s) => [s.topic, s.text])).toEqual([
      ['clase_eoi/serial', 'hola'],
      ['clase_eoi/serial', 'adiós']
    ])
    expect((await batch).lines.map((l) => l.text)).toEqual(['hola', 'adiós'])
  })

  it('re-sends the wanted colour after the board comes back', async () => {
    const { bridge, board } = await bridged()
    bridge.onMessage('clase_eoi/led', Buffer.from('#010203'))
    board.unplug({ code: 'board-unplugged', message: 'unplugged' })
    expect(bridge.status.state).toBe('disconnected')
    bridge.onMessage('clase_eoi/led', Buffer.from('#040506'))
    expect(board.written).toEqual([HELLO_QUERY, '{"r":1,"g":2,"b":3}\n'])
    await board.open()
    expect(board.written.slice(2)).toEqual([HELLO_QUERY, '{"r":4,"g":5,"b":6}\n'])
  })

  it('hands the bytes to whoever they are diverted to (the installer), not the rules', async () => {
    const { bridge, board, sent } = await bridged()
    const got: string[] = []
    bridge.divert((chunk) => got.push(chunk.toString()))
    board.say('raw REPL; CTRL-B to exit\n')
    bridge.onMessage('clase_eoi/led', Buffer.from('#010203'))
    expect(got).toEqual(['raw REPL; CTRL-B to exit\n'])
    expect(sent).toEqual([])
    expect(board.written).toEqual([HELLO_QUERY])
    bridge.divert(undefined)
    board.say('hola\n')
    expect(sent.map((s) => s.text)).toEqual(['hola'])
  })
})

describe('the board service picks the link by path', () => {
  it('plugs a special path into the same bridge as a serial port', async () => {
    const { ctx, sent } = hubSide()
    const links = memoryLinks()
    const service = new BoardService(ctx, {
      links: { memory: links.factory },
      lister: async () => []
    })
    await service.start()
    await service.selectPort('memory')
    expect(links.made.map((l) => l.path)).toEqual(['memory'])
    expect(service.status).toMatchObject({ state: 'connected', mode: 'path', port: 'memory' })
    links.made[0].say('hola\n')
    expect(sent.map((s) => [s.topic, s.text])).toEqual([['clase_eoi/serial', 'hola']])
    await service.stop()
  })
})
