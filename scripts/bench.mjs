// `npm run bench`: the benchmarks (not tests). Each prints its numbers as ratios against a
// reference measured in the same run; run them on a quiet machine and read the medians.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
const only = process.argv[2]
const benches = readdirSync('test/bench')
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => !only || f.startsWith(only))
let failed = 0
for (const f of benches) {
  console.log(`\n=== ${f}`)
  const r = spawnSync('npx', ['tsx', `test/bench/${f}`], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
if (!existsSync('test/bench')) console.log('no benchmarks')
process.exit(failed ? 1 : 0)
