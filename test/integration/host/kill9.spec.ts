import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/hub'
import { freePort } from '../../helpers/ports'
import { startServe } from '../../helpers/serve'
import { missingTools } from '../../helpers/tools'
import { TrafficLog } from '../../../electron/core/traffic/log'

const skip = missingTools('mosquitto_pub')

/** Every line of every log file, each checked to be one complete JSON message. */
function readLog(dataDir: string): { lines: string[]; bad: string[] } {
  const log = new TrafficLog(dataDir)
  const lines = log.files().flatMap((f) => readFileSync(f, 'utf8').split('\n'))
  const last = lines.pop()
  const bad = lines.filter((l) => {
    try {
      const m = JSON.parse(l) as Record<string, unknown>
      return typeof m.t !== 'string' || typeof m.topic !== 'string' || typeof m.payload !== 'string'
    } catch {
      return true
    }
  })
  if (last !== '') bad.push(`(no newline at the end) ${last?.slice(0, 80)}`)
  return { lines, bad }
}

describe.skipIf(skip)('the traffic log survives kill -9', () => {
  it('is valid JSONL after the web host is killed while messages pour in, and goes on after a restart', async () => {
    const dataDir = tempDir()
    const port = await freePort()
    const args = [
      '--data-dir',
      dataDir,
      '--broker-port',
      String(port),
      '--http-port',
      String(await freePort())
    ]
    const host = await startServe(args)
    // a stream of messages for as long as the host lives
    const pub = spawn(
      'mosquitto_pub',
      ['-h', '127.0.0.1', '-p', String(port), '-t', 'clase_eoi/lluvia', '-l', '-q', '0'],
      {
        stdio: ['pipe', 'ignore', 'ignore']
      }
    )
    pub.stdin.on('error', () => undefined)
    let n = 0
    const pour = setInterval(() => {
      let chunk = ''
      for (let i = 0; i < 500; i++) chunk += `{"n":${n++},"texto":"gota ${'💧'.repeat(n % 7)}"}\n`
      pub.stdin.write(chunk)
    }, 5)
    // kill it mid-stream, once a good part of the stream has reached the disk
    const logDir = path.join(dataDir, 'traffic')
    const bytes = (): number =>
      readdirSync(logDir).reduce((n, f) => n + statSync(path.join(logDir, f)).size, 0)
    const until = Date.now() + 30_000
    while (bytes() < 200_000 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
    host.proc.kill('SIGKILL')
    await new Promise((r) => host.proc.once('exit', r))
    clearInterval(pour)
    pub.kill()

    const after = readLog(dataDir)
    expect(after.bad).toEqual([])
    expect(after.lines.length).toBeGreaterThan(1000)

    const again = await startServe(args)
    // published until the restarted host has logged it (its subscription may take a moment)
    const logged = (): boolean =>
      readLog(dataDir).lines.some((l) => l.includes('"topic":"clase_eoi/despues"'))
    const end = Date.now() + 10_000
    while (!logged()) {
      if (Date.now() > end) throw new Error('clase_eoi/despues never reached the log')
      const p2 = spawn('mosquitto_pub', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-t',
        'clase_eoi/despues',
        '-m',
        'sigue'
      ])
      await new Promise((r) => p2.once('exit', r))
      for (let i = 0; i < 10 && !logged(); i++) await new Promise((r) => setTimeout(r, 20))
    }
    await again.stop()
    const final = readLog(dataDir)
    expect(final.bad).toEqual([])
    expect(final.lines.some((l) => l.includes('"topic":"clase_eoi/despues"'))).toBe(true)
    expect(path.basename(new TrafficLog(dataDir).files()[0])).toMatch(/^\d{4}-\d{2}-\d{2}\.jsonl$/)
  })
})
