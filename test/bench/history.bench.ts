/**
 * History benchmark: a generated log of 1,000,000 lines (~150 MB, 200 topics, rotated at 64 MB)
 * read back by `npm run history` (the built CLI), each against a reference in the same run:
 * - a topic query vs `grep -c -F '"topic":"<topic>"'` over the same files (wanted: ≥ 1/3 of its speed)
 * - a whole-log CSV export vs a plain scan that JSON.parses every line (wanted: ≤ 2× its time)
 * - peak RSS of both CLI runs (wanted: ≤ 150 MB)
 * Alternating rounds; medians printed.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs'
import path from 'node:path'
import { logLine } from '../../electron/core/traffic/log'
import { tempDir } from '../helpers/tmp'

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const TOPICS = 200
const PART = 64 * 1024 * 1024
const ROOT = path.resolve(__dirname, '../..')

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** The log, written in Puente's line format, rotated like the app rotates it. */
function generate(): { dataDir: string; files: string[]; bytes: number } {
  const dataDir = tempDir('puente-bench-history-')
  const dir = path.join(dataDir, 'traffic')
  spawnSync('mkdir', ['-p', dir])
  const base = Date.parse('2026-03-10T08:00:00.000Z')
  let part = 0
  let inPart = 0
  let bytes = 0
  let fd = openSync(path.join(dir, '2026-03-10.jsonl'), 'w')
  for (let i = 0; i < LINES;) {
    let chunk = ''
    for (let j = 0; j < 5000 && i < LINES; j++, i++) {
      const t = new Date(base + i * 20).toISOString()
      const payload = `{"aula":${i % TOPICS},"temp":${(200 + (i % 150)) / 10},"hum":${i % 100},"n":${i}}`
      chunk += logLine({
        seq: i,
        t,
        dir: i % 10 ? 'in' : 'out',
        topic: `clase_eoi/aula${i % TOPICS}/sensor`,
        qos: 0,
        retain: false,
        payload,
        enc: 'utf8',
        size: payload.length
      })
    }
    const n = Buffer.byteLength(chunk)
    if (inPart + n > PART) {
      closeSync(fd)
      fd = openSync(path.join(dir, `2026-03-10.${++part}.jsonl`), 'w')
      inPart = 0
    }
    writeSync(fd, chunk)
    inPart += n
    bytes += n
  }
  closeSync(fd)
  const files = readdirSync(dir).map((f) => path.join(dir, f))
  return { dataDir, files, bytes }
}

/** Runs a command under /usr/bin/time: wall seconds, peak RSS in MB, and its stdout. */
function timed(cmd: string, args: string[]): { s: number; mb: number; out: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  const last = r.stderr.trim().split('\n').at(-1)!.split(' ')
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`)
  return { s: Number(last[0]), mb: Number(last[1]) / 1024, out: r.stdout }
}

const PLAIN_SCAN = `
const fs = require('node:fs'); const readline = require('node:readline')
;(async () => { let n = 0
  for (const f of process.argv.slice(2)) {
    for await (const l of readline.createInterface({ input: fs.createReadStream(f) })) { JSON.parse(l); n++ }
  }
  console.log(n) })()`

function main(): void {
  const g = generate()
  console.log(`log: ${LINES} lines, ${(g.bytes / 1e6).toFixed(0)} MB in ${g.files.length} files`)
  const cli = path.join(ROOT, 'out/main/history.js')
  const topic = 'clase_eoi/aula7/sensor'
  const scan = path.join(g.dataDir, 'scan.js')
  writeFileSync(scan, PLAIN_SCAN)
  const q: number[] = []
  const grep: number[] = []
  const csv: number[] = []
  const plain: number[] = []
  let rss = 0
  let plainRss = 0
  for (let r = 0; r < ROUNDS; r++) {
    const ours = timed(process.execPath, [cli, '--data-dir', g.dataDir, '--topic', topic])
    const ref = timed('grep', ['-c', '-F', `"topic":"${topic}"`, ...g.files])
    const found = ours.out.split('\n').filter(Boolean).length
    const grepped = ref.out.split('\n').reduce((n, l) => n + Number(l.split(':').at(-1) || 0), 0)
    if (found !== grepped) throw new Error(`topic query found ${found}, grep ${grepped}`)
    q.push(ours.s)
    grep.push(ref.s)
    const exp = timed(process.execPath, [
      cli,
      '--data-dir',
      g.dataDir,
      '--format',
      'csv',
      '--out',
      '/dev/null'
    ])
    const pl = timed(process.execPath, [scan, ...g.files])
    if (Number(pl.out.trim()) !== LINES)
      throw new Error(`the plain scan read ${pl.out.trim()} lines`)
    csv.push(exp.s)
    plain.push(pl.s)
    rss = Math.max(rss, ours.mb, exp.mb)
    plainRss = Math.max(plainRss, pl.mb)
  }
  const qs = median(q)
  const gs = median(grep)
  const cs = median(csv)
  const ps = median(plain)
  console.log(
    `topic query: ${qs.toFixed(2)} s, grep -c -F: ${gs.toFixed(2)} s, speed ratio ${(gs / qs).toFixed(2)} (wanted ≥ 0.33)`
  )
  console.log(
    `CSV export: ${cs.toFixed(2)} s, JSON.parse scan: ${ps.toFixed(2)} s, time ratio ${(cs / ps).toFixed(2)} (wanted ≤ 2)`
  )
  console.log(
    `peak RSS of npm run history: ${rss.toFixed(0)} MB (wanted ≤ 150; the plain scan: ${plainRss.toFixed(0)} MB)`
  )
  spawnSync('rm', ['-rf', g.dataDir])
}

main()
