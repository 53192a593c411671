// What the board benchmark prints: Puente against the floor, and against Node-RED when it ran.
import { median, type Tail } from './board-parts'

/** The bridges every run has; the peer (Node-RED) runs only with BENCH_PEER=node-red. */
export type Name = 'floor' | 'puente'
export type Peer = 'node-red'
export type Per<T> = Record<Name, T> & Partial<Record<Peer, T>>

/** One path's latencies right after the short warm-up, and again after HOT events. */
export interface Trips {
  cold: Tail
  warm: Tail
}

export interface Burst {
  rate: number
  lost: number
  order: boolean
  cpu?: number
}

export interface Round {
  ref: Tail
  button: Per<Trips>
  led: Per<Trips>
  burst: Per<Burst>
}

/** The run's sizes, for the headings. */
export interface Sizes {
  n: number
  warm: number
  hot: number
  burst: number
}

const ms = (x: number): string => `${x.toFixed(3)} ms`
const paths = ['button', 'led'] as const
const whens = ['cold', 'warm'] as const
const label = (path: (typeof paths)[number], when: string): string =>
  `${path === 'button' ? 'button line → MQTT' : 'MQTT → LED line   '} ${when}`

/** Medians over rounds, except "cold", which only the first round meets. */
function pick(rounds: Round[]): {
  m: (f: (r: Round) => number) => number
  at: (when: 'cold' | 'warm', f: (r: Round) => number) => number
} {
  const m = (f: (r: Round) => number): number => median(rounds.map(f))
  // only the first round meets a bridge cold: later rounds run in the same, warm process
  return { m, at: (when, f) => (when === 'cold' ? f(rounds[0]) : m(f)) }
}

/** Puente against the floor, for one broker. */
export function report(kind: string, rounds: Round[], z: Sizes): void {
  const { m, at } = pick(rounds)
  console.log(
    `\n${kind}: median of ${rounds.length} rounds, ${z.n} events each way per round; cold: the first round after ${z.warm} events, warm: after ${z.hot}`
  )
  console.log(
    `  broker round trip alone   p50 ${ms(m((r) => r.ref.p50))}  p99 ${ms(m((r) => r.ref.p99))}`
  )
  for (const path of paths)
    for (const when of whens) {
      const f50 = at(when, (r) => r[path].floor[when].p50)
      const p50 = at(when, (r) => r[path].puente[when].p50)
      const f99 = at(when, (r) => r[path].floor[when].p99)
      const p99 = at(when, (r) => r[path].puente[when].p99)
      console.log(
        `  ${label(path, when)}  floor p50 ${ms(f50)} p99 ${ms(f99)} | Puente p50 ${ms(p50)} p99 ${ms(p99)} | added p50 ${(p50 - f50).toFixed(3)} p99 ${(p99 - f99).toFixed(3)} ms`
      )
    }
  const fr = m((r) => r.burst.floor.rate)
  const pr = m((r) => r.burst.puente.rate)
  const lost = Math.max(...rounds.map((r) => r.burst.puente.lost))
  const order = rounds.every((r) => r.burst.puente.order)
  const cpu = m((r) => r.burst.puente.cpu ?? 0)
  console.log(
    `  burst of ${z.burst} lines      floor ${fr.toFixed(0)} msg/s | Puente ${pr.toFixed(0)} msg/s = ${(pr / fr).toFixed(2)}× the floor, lost ${lost}, in order ${order}, Puente CPU ${cpu.toFixed(2)} s`
  )
}

/**
 * Puente against Node-RED in the same rounds: each one's latency added over the floor, and the
 * burst rates' ratio (the goals: Puente's added latency never above Node-RED's, its burst ≥ 2×).
 */
export function reportPeer(rounds: Round[], z: Sizes): void {
  const { m, at } = pick(rounds)
  const peer = <T>(x: Per<T>): T => {
    if (!x['node-red']) throw new Error('Node-RED was not measured in every round')
    return x['node-red']
  }
  console.log('  against Node-RED (added = over the floor in the same round):')
  for (const path of paths)
    for (const when of whens) {
      const q = (p: 'p50' | 'p99'): [number, number, number] => {
        const f = at(when, (r) => r[path].floor[when][p])
        return [
          at(when, (r) => peer(r[path])[when][p]),
          at(when, (r) => r[path].puente[when][p]) - f,
          f
        ]
      }
      const [n50, pa50, f50] = q('p50')
      const [n99, pa99, f99] = q('p99')
      const na50 = n50 - f50
      const na99 = n99 - f99
      console.log(
        `  ${label(path, when)}  Node-RED p50 ${ms(n50)} p99 ${ms(n99)}, added p50 ${na50.toFixed(3)} p99 ${na99.toFixed(3)} ms | Puente added − Node-RED added: p50 ${(pa50 - na50).toFixed(3)} p99 ${(pa99 - na99).toFixed(3)} ms`
      )
    }
  const nr = m((r) => peer(r.burst).rate)
  const pr = m((r) => r.burst.puente.rate)
  const fr = m((r) => r.burst.floor.rate)
  const lost = Math.max(...rounds.map((r) => peer(r.burst).lost))
  const order = rounds.every((r) => peer(r.burst).order)
  const cpu = m((r) => peer(r.burst).cpu ?? 0)
  const pcpu = m((r) => r.burst.puente.cpu ?? 0)
  console.log(
    `  burst of ${z.burst} lines      Node-RED ${nr.toFixed(0)} msg/s = ${(nr / fr).toFixed(2)}× the floor, lost ${lost}, in order ${order}, Node-RED CPU ${cpu.toFixed(2)} s | Puente ÷ Node-RED: rate ${(pr / nr).toFixed(2)}×, CPU ${(pcpu / cpu).toFixed(2)}×`
  )
}
