import { afterEach, describe, expect, it } from 'vitest'
import { TestBoard } from '../../helpers/virtual-board'

const boards: TestBoard[] = []
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.dispose()))
})

describe('smoke', () => {
  it('runs main.py', async () => {
    const b = TestBoard.withFiles({
      'main.py': 'import time\nprint("hola")\ntime.sleep_ms(50)\nprint("adios")\n'
    })
    boards.push(b)
    const t = Date.now()
    await b.board.start()
    console.log('started in', Date.now() - t)
    await b.until(() => b.run === 'finished', 'finished')
    console.log(b.lines, b.states)
    expect(b.out).toEqual(['hola', 'adios'])
  })
})
