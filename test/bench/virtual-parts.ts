// Parts of the virtual board benchmark: boards, programs and clocks (per-thread CPU from /proc).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { VirtualBoard } from '../../electron/core/board/virtual/board'
import type { Puente } from '../../electron/core/puente'
import { defaultBoard } from '../helpers/virtual-board'
import { tail, type Tail } from './board-parts'

/** The broker port of a hub (its URL is mqtt://127.0.0.1:<port>). */
export function brokerPort(hub: Puente): number {
  return Number(new URL(hub.brokerUrl).port)
}

/** A student's program that joins the Wi-Fi, connects to the broker and then runs `body`. */
export function program(port: number, body: string[]): string {
  return [
    'import network, time',
    'from umqtt.simple import MQTTClient',
    'w = network.WLAN(network.STA_IF)',
    'w.active(True)',
    'w.connect("aula", "clave")',
    `c = MQTTClient("bench", "127.0.0.1", port=${port})`,
    'c.connect()',
    ...body,
    ''
  ].join('\n')
}

/**
 * A virtual board running `main` from a fresh folder: when it was made (t0) and when its worker
 * had loaded; `off` stops it and removes the folder.
 */
export async function runBoard(
  main: string,
  onLine: (text: string) => void = () => {}
): Promise<{ board: VirtualBoard; t0: number; loaded: number; off: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'puente-vbench-'))
  writeFileSync(path.join(dir, 'main.py'), main)
  const t0 = performance.now()
  const board = new VirtualBoard({ board: defaultBoard, dir })
  board.on('output', (l) => onLine(l.text))
  await board.start()
  const loaded = performance.now()
  return {
    board,
    t0,
    loaded,
    off: async (): Promise<void> => {
      await board.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Waits for `pred`, polling every ms; fails after `ms` saying what it waited for. */
export async function waitUntil(pred: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 1))
  }
}

/** CPU seconds each thread of this process has used so far, by thread id. */
export function threadSeconds(): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(tid, (Number(f[11]) + Number(f[12])) / 100)
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out
}

/** Per-thread CPU between two snapshots, as fractions of one core over `s` seconds. */
export function threadLoad(
  a: Map<string, number>,
  b: Map<string, number>,
  s: number
): { total: number; busiest: number; busy: number } {
  const loads = [...b].map(([tid, sec]) => (sec - (a.get(tid) ?? 0)) / s)
  return {
    total: loads.reduce((x, y) => x + y, 0),
    busiest: Math.max(0, ...loads),
    busy: loads.filter((l) => l > 0.5).length
  }
}

/** Times `n` events after `warm` unmeasured ones: each is started and awaited by `once`. */
export async function trips(
  n: number,
  warm: number,
  once: (i: number) => Promise<void>
): Promise<Tail> {
  for (let i = 0; i < warm; i++) await once(-1 - i)
  const ms: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await once(i)
    ms.push(performance.now() - t0)
  }
  return tail(ms)
}
