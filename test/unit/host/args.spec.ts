// npm run serve's command line, parsed without starting anything: the flags and their refusals.
import { describe, expect, it } from 'vitest'
import { parseServeArgs, UsageError } from '../../../electron/host/args'

describe('npm run serve: the command line', () => {
  it('maps the documented flags', () => {
    const c = parseServeArgs([
      '--broker',
      'mqtt://broker.hivemq.com:1883',
      '--topic-led',
      'aula/led',
      '--host',
      '127.0.0.1',
      '--http-port',
      '5000',
      '--data-dir',
      '/tmp/x'
    ])
    expect(c.overrides).toMatchObject({
      mqtt: { url: 'mqtt://broker.hivemq.com:1883' },
      topics: { led: 'aula/led' }
    })
    expect(c).toMatchObject({ host: '127.0.0.1', httpPort: 5000, dataDir: '/tmp/x' })
  })

  it('refuses bad values with one line saying which flag', () => {
    expect(() => parseServeArgs(['--broker', 'http://x'])).toThrow(/--broker: .*mqtt:\/\/host:1883/)
    expect(() => parseServeArgs(['--broker-port', '99999'])).toThrow(
      /--broker-port must be a port number/
    )
    expect(() => parseServeArgs(['--topic-button', 'a/#'])).toThrow(/--topic-button/)
    expect(() => parseServeArgs(['--nope'])).toThrow(UsageError)
  })

  it('maps the flags to the board settings', () => {
    const c = parseServeArgs(['--serial', '/dev/ttyUSB0', '--baud', '9600'])
    expect(c.overrides.board).toEqual({ serial: '/dev/ttyUSB0', baud: 9600 })
    expect(() => parseServeArgs(['--baud', 'fast'])).toThrow(/--baud/)
  })
})
