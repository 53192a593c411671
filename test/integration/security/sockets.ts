import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

export interface Listening {
  address: string
  port: number
}

/** Decodes /proc/net/tcp's hex address (little-endian words) into dotted or colon form. */
function decode(hex: string): string {
  if (hex.length === 8)
    return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.')
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''))
  const full = words
    .join('')
    .match(/.{4}/g)!
    .map((g) => g.replace(/^0+(?=.)/, ''))
  const v6 = full.join(':')
  const mapped = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(v6)
  if (mapped) {
    const n = parseInt(mapped[1].padStart(4, '0') + mapped[2].padStart(4, '0'), 16)
    return `::ffff:${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}`
  }
  return v6 === '0:0:0:0:0:0:0:0' ? '::' : v6 === '0:0:0:0:0:0:0:1' ? '::1' : v6
}

/**
 * The TCP sockets a process listens on, read from the kernel (/proc/<pid>/fd and
 * /proc/net/tcp, tcp6): what `ss -ltnp` shows for it, without needing ss.
 */
export function listeningSockets(pid: number): Listening[] {
  const inodes = new Set<string>()
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (m) inodes.add(m[1])
    } catch {
      // the fd closed meanwhile
    }
  }
  const out: Listening[] = []
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/)
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9])) continue
      const [addr, port] = f[1].split(':')
      out.push({ address: decode(addr), port: parseInt(port, 16) })
    }
  }
  return out
}

/** True for an address only this computer can reach. */
export function loopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address)
}
