import { describe, expect, it } from 'vitest'
import { LatestWriter } from '../../../electron/core/board/latest-writer'
import type { BoardLink } from '../../../electron/core/board/link-types'

/** A board link whose port drains when the test says so. */
class SlowLink implements BoardLink {
  readonly written: string[] = []
  isOpen = true
  private drains: (() => void)[] = []
  constructor(readonly path = '/dev/slow') {}
  async open(): Promise<void> {
    this.isOpen = true
  }
  write(data: string | Buffer): boolean {
    if (!this.isOpen) return false
    this.written.push(String(data))
    return true
  }
  drain(): Promise<void> {
    return new Promise((resolve) => this.drains.push(resolve))
  }
  /** The port has sent everything written so far. */
  async drained(): Promise<void> {
    for (const d of this.drains.splice(0)) d()
    await new Promise((r) => setImmediate(r))
  }
  async stop(): Promise<void> {
    this.isOpen = false
  }
}

const setup = (): { link: SlowLink; w: LatestWriter<number>; sent: number[] } => {
  const sent: number[] = []
  return {
    link: new SlowLink(),
    w: new LatestWriter<number>(
      (n) => `${n}\n`,
      (n) => sent.push(n)
    ),
    sent
  }
}

describe('LatestWriter: the newest value wins while the port is busy', () => {
  it('writes at once when idle, keeps only the newest while busy, writes it on drain', async () => {
    const { link, w, sent } = setup()
    expect(w.offer(link, 1)).toBe(true)
    for (let i = 2; i <= 1000; i++) w.offer(link, i)
    expect(link.written).toEqual(['1\n'])
    await link.drained()
    expect(link.written).toEqual(['1\n', '1000\n'])
    await link.drained()
    expect(link.written).toEqual(['1\n', '1000\n'])
    expect(sent).toEqual([1, 1000])
  })

  it('says false when the link is closed, and starts over on another link', async () => {
    const { link, w } = setup()
    w.offer(link, 1)
    w.offer(link, 2) // waits for link's drain
    const other = new SlowLink('/dev/other')
    w.offer(other, 3)
    expect(other.written).toEqual(['3\n'])
    await link.drained() // the old link's drain must not write there any more
    expect(link.written).toEqual(['1\n'])
    other.isOpen = false
    await other.drained()
    expect(w.offer(other, 4)).toBe(false)
  })

  it('reset() forgets a waiting value (the port reopened)', async () => {
    const { link, w } = setup()
    w.offer(link, 1)
    w.offer(link, 2)
    w.reset(link)
    w.offer(link, 3)
    expect(link.written).toEqual(['1\n', '3\n'])
  })
})
