import type { Duplex } from 'node:stream'

type Chunks = { chunk: unknown; encoding: BufferEncoding }[]
type Tunable = Duplex & { setNoDelay?: (noDelay?: boolean) => unknown }

const tuned = new WeakSet<Duplex>()

/**
 * Makes every MQTT packet leave at once and in one piece. mqtt-packet writes a packet as several
 * small chunks between cork() and a nextTick uncork(): a TCP or TLS socket sends them in one
 * writev, but Nagle would hold that segment while an earlier one (a PUBACK) waits for the
 * broker's delayed ACK, about 40 ms; so Nagle goes off. A WebSocket stream has no writev and
 * would send each chunk as its own frame; it gets one that joins them into one frame.
 */
export function tuneMqttStream<S extends Duplex>(stream: S): S {
  if (tuned.has(stream)) return stream
  tuned.add(stream)
  const s = stream as Tunable
  if (typeof s.setNoDelay === 'function') {
    s.setNoDelay(true)
  } else if (!s._writev) {
    s._writev = (chunks: Chunks, callback: (error?: Error | null) => void): void => {
      const parts = chunks.map(({ chunk, encoding }) =>
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding)
      )
      s._write(parts.length === 1 ? parts[0] : Buffer.concat(parts), 'binary', callback)
    }
  }
  return stream
}

const sentThisTick = new WeakSet<Duplex>()

/**
 * mqtt-packet corks the socket and uncorks it on the next tick, so whatever the caller does after
 * publishing (the window's events, the log) would hold the packet back. The first packet of a
 * tick leaves now; the rest of a burst is still gathered into one write.
 */
export function sendNow(stream: Duplex): void {
  if (sentThisTick.has(stream)) return
  sentThisTick.add(stream)
  process.nextTick(() => sentThisTick.delete(stream))
  while (stream.writableCorked > 0) stream.uncork()
}
