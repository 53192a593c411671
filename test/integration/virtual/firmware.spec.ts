import { afterEach, describe, expect, it } from 'vitest'
import { defaultBoard, TestBoard } from '../../helpers/virtual-board'

// Without a folder the virtual board runs Puente's own firmware (resources/firmware, config.py
// from the board settings) and its stdin/stdout are the USB serial line.

const boards: TestBoard[] = []
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.dispose()))
})

const serialLines = (b: TestBoard): string[] =>
  b.serial
    .toString('utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter(Boolean)

describe('virtual board with Puente firmware', () => {
  it('says hello on the serial line, lights the LED for a colour line, reports the button', async () => {
    const b = new TestBoard(undefined, { id: '0a0b0c0d0e0f' })
    boards.push(b)
    await b.board.start()
    await b.until(() => serialLines(b).length > 0, 'the hello')
    expect(JSON.parse(serialLines(b)[0])).toEqual({
      hello: 'puente',
      fw: '1.0.0',
      id: '0a0b0c0d0e0f'
    })
    expect(b.led).toEqual({ r: 0, g: 0, b: 0 })

    b.board.writeSerial(Buffer.from('{"r":255,"g":128,"b":0}\n'))
    await b.until(() => serialLines(b).some((l) => l.includes('"led"')), 'the led report')
    expect(b.leds).toEqual([
      { r: 0, g: 0, b: 0 },
      { r: 255, g: 128, b: 0 }
    ])
    expect(JSON.parse(serialLines(b).find((l) => l.includes('"led"'))!)).toEqual({
      led: { r: 255, g: 128, b: 0 }
    })

    b.board.button(true)
    await b.until(() => serialLines(b).some((l) => l.includes('pressed')), 'the press')
    b.board.button(false)
    await b.until(() => serialLines(b).some((l) => l.includes('released')), 'the release')
    const buttons = serialLines(b)
      .filter((l) => l.includes('button'))
      .map((l) => JSON.parse(l))
    expect(buttons).toEqual([{ button: 'pressed' }, { button: 'released' }])
    // what went over the serial line is also the console
    expect(b.out).toEqual(serialLines(b))
  })

  it('bytes written while it starts (a bridge greeting at once) reach the firmware', async () => {
    const b = new TestBoard(undefined)
    boards.push(b)
    const started = b.board.start()
    b.board.writeSerial(Buffer.from('{"r":9,"g":8,"b":7}\n'))
    await started
    await b.until(() => b.led?.r === 9, 'the colour')
    expect(b.led).toEqual({ r: 9, g: 8, b: 7 })
    await b.board.stop()
    // a stopped board drops what is written to it
    b.board.writeSerial(Buffer.from('{"r":1,"g":1,"b":1}\n'))
    await b.board.start()
    await b.until(() => serialLines(b).filter((l) => l.includes('hello')).length === 2, 'hello')
    // the firmware reads its input in order: once it answers a hello written now, a colour
    // kept from before would have been shown and reported
    const leds = b.leds.length
    b.board.writeSerial(Buffer.from('{"hello":"?"}\n'))
    await b.until(() => serialLines(b).filter((l) => l.includes('hello')).length === 3, 'hello')
    expect(b.leds.slice(leds)).toEqual([])
    expect(b.led).toEqual({ r: 0, g: 0, b: 0 })
    expect(serialLines(b).filter((l) => l.includes('"led"'))).toHaveLength(1)
  })

  it('follows the settings: a common anode on other pins, a NeoPixel', async () => {
    const anode = new TestBoard(undefined, {
      board: { ...defaultBoard, pins: [12, 13, 14], commonAnode: true }
    })
    boards.push(anode)
    await anode.board.start()
    anode.board.writeSerial(Buffer.from('{"r":0,"g":255,"b":10}\n'))
    await anode.until(() => anode.led?.b === 10, 'the LED')
    // one event per colour, not one per duty written
    expect(anode.leds).toEqual([
      { r: 0, g: 0, b: 0 },
      { r: 0, g: 255, b: 10 }
    ])

    const np = new TestBoard(undefined, { board: { ...defaultBoard, led: 'neopixel' } })
    boards.push(np)
    await np.board.start()
    np.board.writeSerial(Buffer.from('{"r":1,"g":2,"b":3}\n'))
    await np.until(() => np.led?.b === 3, 'the NeoPixel')
    expect(np.led).toEqual({ r: 1, g: 2, b: 3 })
  })

  it('takes a burst of a thousand colour lines, the last one shown last', async () => {
    const b = new TestBoard(undefined)
    boards.push(b)
    await b.board.start()
    const line = (i: number): string => `{"r":${i % 256},"g":0,"b":0}\n`
    for (let i = 0; i < 1000; i++) b.board.writeSerial(Buffer.from(line(i)))
    await b.until(() => b.led?.r === 999 % 256, 'the last colour', 20_000)
    b.board.writeSerial(Buffer.from('{"hello":"puente"}\n'))
    await b.until(() => serialLines(b).filter((l) => l.includes('hello')).length === 2, 'hello')
  })

  it("a folder's program reads the serial line with input() and sys.stdin", async () => {
    const b = TestBoard.withFiles({
      'main.py':
        'import sys\nnombre = input("nombre? ")\nprint("hola", nombre)\nprint(repr(sys.stdin.read(3)))\n'
    })
    boards.push(b)
    await b.board.start()
    await b.until(() => b.serial.toString().includes('nombre? '), 'the prompt')
    b.board.writeSerial(Buffer.from('Ana\r\n'))
    await b.line('hola Ana')
    b.board.writeSerial(Buffer.from('x'))
    b.board.writeSerial(Buffer.from('yz'))
    await b.until(() => b.run === 'finished', 'the end')
    expect(b.out).toEqual(['nombre? hola Ana', "'xyz'"])
  })
})
