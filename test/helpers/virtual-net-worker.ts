import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import type { MicroPython } from '@micropython/micropython-webassembly-pyscript'
import { installNet } from '../../electron/core/board/virtual/net-worker'
import { syscallClient, type SyscallChannel } from '../../electron/core/board/virtual/syscall'

// Until the virtual board's own worker exists: the interpreter with only the network half
// installed, the Python lib folders copied into /lib, and snippets run on request.
const { channel, stop, libs } = workerData as {
  channel: SyscallChannel
  stop: SharedArrayBuffer
  libs: string[]
}
const flag = new Int32Array(stop)
const port = parentPort!

function copy(mp: MicroPython, from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = path.join(from, name)
    const dst = `${to}/${name}`
    if (statSync(src).isDirectory()) {
      try {
        mp.FS.mkdir(dst)
      } catch {
        // already there
      }
      copy(mp, src, dst)
    } else mp.FS.writeFile(dst, readFileSync(src))
  }
}

async function main(): Promise<void> {
  const { loadMicroPython } = await import('@micropython/micropython-webassembly-pyscript')
  const mp = await loadMicroPython({
    stdout: (s) => port.postMessage({ out: s }),
    stderr: (s) => port.postMessage({ out: s }),
    linebuffer: true,
    heapsize: 192 * 1024
  })
  const hooks = { interrupted: (): boolean => Atomics.load(flag, 0) === 1 }
  const net = installNet(mp, syscallClient(channel, hooks), hooks)
  mp.FS.mkdir('/lib')
  for (const lib of libs) copy(mp, lib, '/lib')
  port.on('message', (m: { code: string }) => {
    let error: string | undefined
    try {
      mp.runPython(m.code)
    } catch (e) {
      error = (e as Error).message
    }
    port.postMessage({ done: true, error, failure: net.lastFailure(), wifi: net.wifi() })
  })
  port.postMessage({ ready: true })
}

void main()
