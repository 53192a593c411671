import { describe, expect, it } from 'vitest'
import {
  closest,
  editDistance,
  exitProblem,
  hintFor,
  lastLine
} from '../../../electron/core/board/virtual/hints'

const tb = (last: string): string =>
  `Traceback (most recent call last):\n  File "main.py", line 12, in <module>\n${last}\n`

describe('virtual board hints', () => {
  it("names the method the tutorial's client.suscribe meant, from the object's real attributes", () => {
    const attrs = ['connect', 'disconnect', 'publish', 'subscribe', 'set_callback', 'wait_msg']
    const h = hintFor(tb("AttributeError: 'MQTTClient' object has no attribute 'suscribe'"), {
      attrs
    })
    expect(h).toMatchObject({
      code: 'virtual-hint-misspelled',
      params: { object: 'MQTTClient', name: 'suscribe', suggestion: 'subscribe' }
    })
    expect(h?.message).toContain("'subscribe'")
  })

  it('falls back to the known objects, and stays quiet when nothing is close', () => {
    const t = tb("AttributeError: 'MQTTClient' object has no attribute 'set_calback'")
    expect(hintFor(t)?.params).toMatchObject({ suggestion: 'set_callback' })
    expect(
      hintFor(tb("AttributeError: 'MQTTClient' object has no attribute 'fly_to_the_moon'"))
    ).toBeUndefined()
    expect(
      hintFor(tb("AttributeError: 'Pin' object has no attribute 'valor'"))?.params
    ).toMatchObject({ suggestion: 'value' })
  })

  it('says the Wi-Fi was not connected before MQTT', () => {
    const h = hintFor(tb('OSError: [Errno 113] EHOSTUNREACH'), {
      net: {
        wifi: false,
        failure: { op: 'connect', errno: 113, target: '127.0.0.1:1883', noWifi: true }
      }
    })
    expect(h).toMatchObject({ code: 'virtual-hint-no-wifi', params: { target: '127.0.0.1:1883' } })
  })

  it('says which host and port refused, in both ways MicroPython writes the errno', () => {
    const net = {
      wifi: true,
      failure: { op: 'connect', errno: 111, target: '192.168.1.10:1883' }
    }
    for (const last of [
      'OSError: [Errno 111] ECONNREFUSED',
      'OSError: 111',
      'OSError: ECONNREFUSED'
    ])
      expect(hintFor(tb(last), { net })).toMatchObject({
        code: 'virtual-hint-refused',
        params: { target: '192.168.1.10:1883' }
      })
    expect(hintFor(tb('OSError: -2'), { net: { wifi: true } })?.code).toBe(
      'virtual-hint-unknown-host'
    )
    expect(hintFor(tb('OSError: [Errno 107] ENOTCONN'), { net: { wifi: true } })?.code).toBe(
      'virtual-hint-not-connected'
    )
    expect(hintFor(tb('OSError: [Errno 110] ETIMEDOUT'))?.code).toBe('virtual-hint-timeout')
    expect(hintFor(tb('OSError: [Errno 2] ENOENT'))).toBeUndefined()
  })

  it('explains a colour JSON without one of its keys', () => {
    for (const last of ["KeyError: 'b'", 'KeyError: b'])
      expect(hintFor(tb(last))).toMatchObject({
        code: 'virtual-hint-colour-key',
        params: { key: 'b' }
      })
    expect(hintFor(tb("KeyError: 'temperatura'"))).toMatchObject({
      code: 'virtual-hint-key',
      params: { key: 'temperatura' }
    })
  })

  it('puts MemoryError, a missing module, a missing import and a broker refusal in words', () => {
    expect(
      hintFor(tb('MemoryError: memory allocation failed, allocating 100000 bytes'))?.code
    ).toBe('virtual-hint-memory')
    expect(hintFor(tb("ImportError: no module named 'umqtt.simpel'"))).toMatchObject({
      code: 'virtual-hint-no-module',
      params: { module: 'umqtt.simpel', suggestion: 'umqtt.simple' }
    })
    expect(hintFor(tb("ImportError: no module named 'paho'"))).toMatchObject({
      code: 'virtual-hint-no-module',
      params: { module: 'paho' }
    })
    expect(hintFor(tb("NameError: name 'Pin' isn't defined"))).toMatchObject({
      code: 'virtual-hint-missing-import',
      params: { how: 'from machine import Pin' }
    })
    expect(hintFor(tb("NameError: name 'time' isn't defined"))?.params?.how).toBe('import time')
    expect(hintFor(tb('MQTTException: 5'))).toMatchObject({
      code: 'virtual-hint-mqtt-refused',
      params: { code: '5' }
    })
    expect(hintFor(tb('ZeroDivisionError: divide by zero'))).toBeUndefined()
  })

  it('gives the exit of a run from the traceback', () => {
    expect(exitProblem('error', tb('ValueError: bad value'))).toEqual({
      code: 'virtual-exit-error',
      message: 'ValueError: bad value',
      params: { type: 'ValueError', text: 'bad value' }
    })
    expect(exitProblem('interrupted', tb('KeyboardInterrupt: ')).code).toBe(
      'virtual-exit-interrupted'
    )
    expect(exitProblem('finished').code).toBe('virtual-exit-finished')
    expect(lastLine('Traceback:\n  File "x"\nKeyboardInterrupt: \n').type).toBe('KeyboardInterrupt')
  })

  it('measures names by edit distance', () => {
    expect(editDistance('suscribe', 'subscribe')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(closest('publsh', ['publish', 'ping'])).toBe('publish')
    expect(closest('x', ['publish'])).toBeUndefined()
  })
})
