import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Notice, Problem } from '../../../electron/contract'
import { UsbOffer } from '../../../electron/core/board/virtual/offer'
import type { ServiceContext } from '../../../electron/core/context'

const cp2102 = { path: '/dev/ttyUSB0', vendorId: '10c4', productId: 'ea60' }
const other = { path: '/dev/ttyS0' }

describe('a USB board plugged in while the virtual board is bridged', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('is offered once by a notice naming its port, again after a replug, never while off', async () => {
    vi.useFakeTimers()
    let ports: { path: string; vendorId?: string; productId?: string }[] = [other]
    const notices: Problem[] = []
    const ctx: Pick<ServiceContext, 'notify'> = {
      notify: (_level: Notice['level'], p: Problem) => void notices.push(p)
    }
    const offer = new UsbOffer(ctx, async () => ports)
    offer.follow(true)
    await vi.advanceTimersByTimeAsync(3100)
    expect(notices).toEqual([])
    ports = [other, cp2102]
    await vi.advanceTimersByTimeAsync(6100)
    expect(notices.map((n) => [n.code, n.params?.port])).toEqual([
      ['usb-board-offered', '/dev/ttyUSB0']
    ])
    ports = [other]
    await vi.advanceTimersByTimeAsync(3100)
    ports = [cp2102]
    await vi.advanceTimersByTimeAsync(3100)
    expect(notices).toHaveLength(2)
    offer.follow(false)
    ports = []
    await vi.advanceTimersByTimeAsync(3100)
    ports = [cp2102]
    await vi.advanceTimersByTimeAsync(9100)
    expect(notices).toHaveLength(2)
  })
})
