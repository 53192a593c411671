import WebSocket from 'ws'
import type { EventFrame, ResponseFrame } from '../../../electron/contract'

export interface Recorder {
  ws: WebSocket
  /** Every text frame received, raw. */
  frames: string[]
  /** Sends a command and waits for its answer. */
  ask(cmd: string, input?: unknown): Promise<ResponseFrame['result']>
  /** Sends a raw frame (any text) and waits for the answer with `id`. */
  raw(text: string, id: number): Promise<ResponseFrame['result']>
  closed: Promise<{ code: number; reason: string }>
}

/** A WebSocket client of the web host that records every frame it receives. */
export async function record(url: string, headers: Record<string, string> = {}): Promise<Recorder> {
  const ws = new WebSocket(url, { headers })
  const frames: string[] = []
  const waiting = new Map<number, (r: ResponseFrame['result']) => void>()
  ws.on('message', (d) => {
    const text = String(d)
    frames.push(text)
    const f = JSON.parse(text) as ResponseFrame | EventFrame
    if ('id' in f) {
      waiting.get(f.id)?.(f.result)
      waiting.delete(f.id)
    }
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }))
  )
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  let next = 1
  const raw = (text: string, id: number): Promise<ResponseFrame['result']> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer for ${text.slice(0, 120)}`)),
        10_000
      )
      waiting.set(id, (r) => {
        clearTimeout(timer)
        resolve(r)
      })
      ws.send(text)
    })
  return {
    ws,
    frames,
    closed,
    raw,
    ask: (cmd, input = {}) => {
      const id = next++
      return raw(JSON.stringify({ id, cmd, input }), id)
    }
  }
}
