import { describe, expect, it } from 'vitest'
import { openDiskPersistence } from '../../../electron/core/broker/persistence'
import { mosquittoPub } from '../../helpers/mosquitto'
import { missingTools } from '../../helpers/tools'
import { cmd, connected, received, tempDir, until } from '../../helpers/hub'
import { startedHubs } from '../../helpers/started-hubs'

const skip = missingTools('mosquitto_pub')
const hub = startedHubs()
const N = 2000

/** `N` QoS 1 messages `<prefix>-<i>` on `topic` through mosquitto_pub -l (exits 0 once all are acked). */
function burst(port: number, topic: string, prefix: string): Promise<void> {
  const lines = Array.from({ length: N }, (_, i) => `${prefix}-${i}`).join('\n') + '\n'
  return mosquittoPub(port, ['-q', '1', '-t', topic, '-l'], lines)
}

const payloads = (h: Awaited<ReturnType<typeof hub>>, topic: string): string[] =>
  received(h, topic).map((m) => m.payload)

describe.skipIf(skip)("embedded broker: Puente's own session (its queue kept in memory)", () => {
  it('a QoS 1 burst sent while Puente was disconnected arrives after it reconnects, all and in order', async () => {
    const h = await hub()
    const port = h.brokerStatus.port
    await cmd(h, 'mqtt:disconnect')
    await burst(port, 'clase_eoi/ausente', 'a')
    expect(received(h, 'clase_eoi/ausente')).toHaveLength(0)
    await cmd(h, 'mqtt:connect')
    await connected(h)
    await until(
      () => received(h, 'clase_eoi/ausente').length >= N,
      `the queued burst (${received(h, 'clase_eoi/ausente').length} of ${N})`,
      30_000
    )
    expect(payloads(h, 'clase_eoi/ausente')).toEqual(Array.from({ length: N }, (_, i) => `a-${i}`))
    // and live messages still come through the same session
    await burst(port, 'clase_eoi/vivo', 'b')
    await until(() => received(h, 'clase_eoi/vivo').length >= N, 'the live burst', 30_000)
    expect(payloads(h, 'clase_eoi/vivo')).toEqual(Array.from({ length: N }, (_, i) => `b-${i}`))
  }, 90_000)

  it('after the broker restarts, retained and queued messages sent before Puente is back still arrive', async () => {
    const h = await hub()
    const port = h.brokerStatus.port
    await mosquittoPub(port, ['-q', '1', '-r', '-t', 'clase_eoi/retenido', '-m', '21.5'])
    await until(() => received(h, 'clase_eoi/retenido').length === 1, 'the retained message')
    await cmd(h, 'mqtt:disconnect')
    await h.broker!.stop()
    await h.broker!.start()
    // the new broker does not know the link yet: this one waits in Puente's session on disk
    await mosquittoPub(port, ['-q', '1', '-t', 'clase_eoi/reinicio', '-m', 'mientras'])
    await cmd(h, 'mqtt:connect')
    await connected(h)
    await until(
      () => received(h, 'clase_eoi/reinicio').length === 1,
      'the message queued before Puente was back'
    )
    await until(
      () => received(h, 'clase_eoi/retenido').length === 2,
      'the retained message again on resubscribe'
    )
    expect(payloads(h, 'clase_eoi/reinicio')).toEqual(['mientras'])
    expect(payloads(h, 'clase_eoi/retenido')).toEqual(['21.5', '21.5'])
    // a message after that reaches it once: the disk copy was cleared when it was acknowledged
    await mosquittoPub(port, ['-q', '1', '-t', 'clase_eoi/reinicio', '-m', 'después'])
    await until(() => received(h, 'clase_eoi/reinicio').length === 2, 'a later message')
    await cmd(h, 'mqtt:disconnect')
    await cmd(h, 'mqtt:connect')
    await connected(h)
    await mosquittoPub(port, ['-q', '1', '-t', 'clase_eoi/reinicio', '-m', 'fin'])
    await until(() => received(h, 'clase_eoi/reinicio').length === 3, 'the last message')
    expect(payloads(h, 'clase_eoi/reinicio')).toEqual(['mientras', 'después', 'fin'])
  }, 60_000)
})

describe("Puente's own queue while it is away", () => {
  it('keeps at most its limit, says so once, and keeps what it had in order', async () => {
    const fulls: number[] = []
    const store = await openDiskPersistence(
      tempDir(),
      (id) => id === 'puente-own',
      (n) => fulls.push(n),
      3
    )
    const ops = store as unknown as {
      outgoingEnqueueCombi(subs: { clientId: string }[], packet: object): Promise<void>
      outgoingStream(client: { id: string }): AsyncIterable<{ payload: string }>
    }
    try {
      for (let i = 0; i < 5; i++)
        await ops.outgoingEnqueueCombi([{ clientId: 'puente-own' }], {
          brokerId: 'b',
          brokerCounter: i,
          topic: 'clase_eoi/x',
          payload: `m-${i}`
        })
      const kept: string[] = []
      for await (const p of ops.outgoingStream({ id: 'puente-own' })) kept.push(p.payload)
      expect(kept).toEqual(['m-0', 'm-1', 'm-2'])
      expect(fulls).toEqual([3])
    } finally {
      await store.destroy()
    }
  })
  it("a PUBACK for another message never clears one not sent yet (the publisher's id is not the link's)", async () => {
    const store = await openDiskPersistence(tempDir(), (id) => id === 'puente-own')
    const ops = store as unknown as {
      outgoingEnqueueCombi(subs: { clientId: string }[], packet: object): Promise<void>
      outgoingClearMessageId(client: { id: string }, packet: object): Promise<unknown>
      outgoingStream(client: { id: string }): AsyncIterable<{ payload: string }>
    }
    try {
      // mosquitto_pub numbered it 7; the link's own message 7 is acknowledged meanwhile
      const packet = {
        brokerId: 'b',
        brokerCounter: 1,
        topic: 'clase_eoi/x',
        payload: 'mío',
        messageId: 7
      }
      await ops.outgoingEnqueueCombi([{ clientId: 'puente-own' }], packet)
      await ops.outgoingClearMessageId({ id: 'puente-own' }, { messageId: 7 })
      await ops.outgoingClearMessageId({ id: 'puente-own' }, { messageId: undefined })
      const kept: string[] = []
      for await (const p of ops.outgoingStream({ id: 'puente-own' })) kept.push(p.payload)
      expect(kept).toEqual(['mío'])
    } finally {
      await store.destroy()
    }
  })
})
