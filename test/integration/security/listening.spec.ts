import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/hub'
import { freePort } from '../../helpers/ports'
import { startServe, type Served } from '../../helpers/serve'
import { listeningSockets, loopback } from './sockets'

let served: Served | undefined
afterEach(async () => {
  await served?.stop()
  served = undefined
})

async function serve(
  extra: string[]
): Promise<{ s: Served; broker: number; ws: number; http: number }> {
  const [broker, ws, http] = [await freePort(), await freePort(), await freePort()]
  const s = await startServe([
    '--data-dir',
    tempDir(),
    '--broker-port',
    String(broker),
    '--broker-ws-port',
    String(ws),
    '--http-port',
    String(http),
    '--serial',
    'off',
    ...extra
  ])
  served = s
  return { s, broker, ws, http }
}

describe('listening sockets of the built web host process', () => {
  it('outside LAN mode nothing listens beyond 127.0.0.1', async () => {
    const { s, broker, ws, http } = await serve([])
    const sockets = listeningSockets(s.proc.pid!)
    expect(sockets.map((x) => x.port).sort()).toEqual([broker, ws, http].sort())
    for (const x of sockets)
      expect(loopback(x.address), `${x.address}:${x.port} is not loopback`).toBe(true)
  })

  it('in LAN mode only the broker (TCP and WebSocket) listens on every interface, with the credentials printed', async () => {
    const { s, broker, ws, http } = await serve([
      '--lan',
      '--lan-user',
      'aula3',
      '--lan-password',
      'pw-de-clase'
    ])
    expect(s.output()).toMatch(/^lan-user aula3$/m)
    expect(s.output()).toMatch(/^lan-password pw-de-clase$/m)
    const sockets = listeningSockets(s.proc.pid!)
    const wide = sockets.filter((x) => !loopback(x.address)).map((x) => x.port)
    expect(wide.sort()).toEqual([broker, ws].sort())
    expect(sockets.find((x) => x.port === http)?.address).toBe('127.0.0.1')
    // the class credentials work, over loopback
    const c = mqtt.connect(`mqtt://127.0.0.1:${broker}`, {
      username: 'aula3',
      password: 'pw-de-clase',
      reconnectPeriod: 0
    })
    await new Promise((resolve, reject) => {
      c.once('connect', resolve)
      c.once('error', reject)
    })
    c.end(true)
  })

  it('generates and prints a class password when none is given', async () => {
    const { s } = await serve(['--lan'])
    expect(s.output()).toMatch(/^lan-user clase$/m)
    expect(s.output()).toMatch(/^lan-password [a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/m)
    expect(s.output()).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+$/m)
  })
})

describe('the --lan flags', () => {
  it('refuse what cannot work, in one line', async () => {
    const { parseServeArgs } = await import('../../../electron/host/args')
    expect(() => parseServeArgs(['--lan-password', 'secreto-10'])).toThrow(
      '--lan-user and --lan-password go with --lan'
    )
    // nine characters are too few for a password anyone on the class Wi-Fi may try
    expect(() => parseServeArgs(['--lan', '--lan-password', 'nueve-car'])).toThrow(
      '--lan-password must be 10 to 128'
    )
    expect(() => parseServeArgs(['--lan', '--lan-user', 'con espacio'])).toThrow(
      '--lan-user must be 1 to 64'
    )
    expect(() => parseServeArgs(['--lan', '--broker', 'mqtt://127.0.0.1:1883'])).toThrow(
      'cannot go with --broker'
    )
    const ok = parseServeArgs(['--lan', '--lan-user', 'aula3', '--lan-password', 'secreto-10'])
    expect(ok.overrides.classroom).toEqual({ openAtStart: true, username: 'aula3' })
    expect(ok.lanPassword).toBe('secreto-10')
    expect(JSON.stringify(ok.overrides)).not.toContain('secreto-10') // a secret is never a setting
  })
})
