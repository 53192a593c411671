import fs from 'node:fs'
import { SerialPort } from 'serialport'

type Binding = typeof SerialPort.binding
type Port = Awaited<ReturnType<Binding['open']>>

/** What serialport's unix bindings keep on a port (bindings-cpp's LinuxPortBinding). */
interface UnixPort {
  fd: number | null
  readonly isOpen: boolean
  poller: { once(event: 'readable' | 'writable', cb: (err?: Error | null) => void): void }
  writeOperation: Promise<void> | null
}

const RETRY = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR'])
const GONE = new Set(['EBADF', 'ENXIO', 'EIO', 'UNKNOWN'])

/** Waits for the port's poller (epoll on the main loop) to say it is readable or writable. */
function ready(port: UnixPort, event: 'readable' | 'writable'): Promise<void> {
  return new Promise((resolve, reject) =>
    port.poller.once(event, (e) => (e ? reject(e) : resolve()))
  )
}

function closedError(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true })
}

function classify(err: unknown): Error {
  const e = err as NodeJS.ErrnoException & { disconnect?: boolean }
  if (GONE.has(e.code ?? '') || e.errno === -1) e.disconnect = true
  return e
}

/**
 * Reads as soon as the poller says there are bytes, with one non-blocking read() on the main
 * thread; bindings-cpp sends every read (and write) through libuv's thread pool instead, a hop
 * that costs each line tens of µs and, when the pool is busy, much more (the p99).
 */
async function readNow(
  port: UnixPort,
  buffer: Buffer,
  offset: number,
  length: number
): Promise<{ bytesRead: number; buffer: Buffer }> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw closedError()
    try {
      const bytesRead = fs.readSync(port.fd, buffer, offset, length, null)
      if (bytesRead > 0) return { bytesRead, buffer }
    } catch (err) {
      if (!RETRY.has((err as NodeJS.ErrnoException).code ?? '')) throw classify(err)
    }
    await ready(port, 'readable')
  }
}

/** Writes on the main thread (non-blocking), waiting for the poller only when the port is full. */
async function writeNow(port: UnixPort, buffer: Buffer): Promise<void> {
  let offset = 0
  while (offset < buffer.length) {
    if (!port.isOpen || port.fd === null) throw new Error('Port is not open')
    try {
      offset += fs.writeSync(port.fd, buffer, offset, buffer.length - offset)
      continue
    } catch (err) {
      if (!RETRY.has((err as NodeJS.ErrnoException).code ?? '')) throw classify(err)
    }
    await ready(port, 'writable')
  }
}

/**
 * serialport's own binding for this OS with reads and writes done on the main thread when the
 * port is ready (unix only; Windows keeps its binding as it is).
 */
export function directBinding(base: Binding = SerialPort.binding): Binding {
  if (process.platform === 'win32') return base
  return {
    ...base,
    list: () => base.list(),
    async open(options: Parameters<Binding['open']>[0]): Promise<Port> {
      const port = await base.open(options)
      const unix = port as unknown as UnixPort
      if (!unix.poller || typeof unix.fd !== 'number') return port
      port.read = (buffer: Buffer, offset: number, length: number) =>
        readNow(unix, buffer, offset, length)
      port.write = (buffer: Buffer): Promise<void> => {
        // as bindings-cpp does: drain() awaits the write under way before tcdrain()
        const op = (async (): Promise<void> => {
          if (buffer.length) await writeNow(unix, buffer)
          unix.writeOperation = null
        })()
        unix.writeOperation = op
        return op
      }
      return port
    }
  } as Binding
}

const DIRECT = directBinding()

/** A closed SerialPort at `path` on the direct binding (open it with `open()`). */
export function serialPort(path: string, baudRate: number): SerialPort {
  // SerialPort's options type leaves `binding` out, but its constructor takes one
  const options = { path, baudRate, autoOpen: false, binding: DIRECT }
  return new SerialPort(options as ConstructorParameters<typeof SerialPort>[0])
}
