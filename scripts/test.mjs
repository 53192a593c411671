// `npm test`: type checks, then the unit and integration tests (vitest), the browser tests
// (Playwright on the web host in Debian's Chromium) and the Electron shell tests, then one summary
// line.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

mkdirSync('test-results', { recursive: true })
// results of an earlier run would be counted if a runner crashed before writing its own
for (const f of readdirSync('test-results')) {
  if (f.endsWith('.json')) rmSync(path.join('test-results', f), { force: true })
}
// the web host keeps its secrets key outside the data directory (~/.local/state/puente): tests
// get their own, so they never touch the user's
process.env.XDG_STATE_HOME ??= mkdtempSync(path.join(os.tmpdir(), 'puente-state-'))
const counts = { passed: 0, failed: 0, skipped: 0 }
const failedSteps = []

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) failedSteps.push(name)
  return r.status === 0
}

// a runner without its config would run with defaults (or find nothing) and look green
function hasConfig(name, config) {
  if (existsSync(config)) return true
  console.log(`\n=== ${name}: FAILED — its config ${config} is missing`)
  failedSteps.push(name)
  return false
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

run('lint', 'npx', ['eslint', '.'])
run('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.'])
run('types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json'])
run('types (browser tests)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.test.json'])
run('svelte-check', 'npx', [
  'svelte-check',
  '--tsconfig',
  'tsconfig.web.json',
  '--fail-on-warnings',
  '--output',
  'human'
])
run('build', 'npx', ['electron-vite', 'build'])
// electronegativity over the built Electron code, and npm audit where the registry allows it
run('security', 'node', ['scripts/security.mjs'])

if (hasConfig('unit + integration', 'vitest.config.mts')) {
  run('unit + integration', 'npx', [
    'vitest',
    'run',
    '--config',
    'vitest.config.mts',
    '--reporter=default',
    '--reporter=json',
    '--outputFile=test-results/vitest.json'
  ])
  const unit = readJson('test-results/vitest.json')
  if (unit) {
    counts.passed += unit.numPassedTests
    counts.failed += unit.numFailedTests
    counts.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0)
  }
}

for (const [name, config] of [
  ['e2e', 'playwright.config.ts'],
  ['electron', 'test/electron/playwright.config.ts']
]) {
  if (!hasConfig(name, config)) continue
  const out = `test-results/${name}.json`
  run(name, 'npx', ['playwright', 'test', '-c', config, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve(out)
  })
  const stats = readJson(out)?.stats
  if (stats) {
    counts.passed += stats.expected + stats.flaky
    counts.failed += stats.unexpected
    counts.skipped += stats.skipped
  }
}

if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(', ')}`)
if (failedSteps.length && counts.failed === 0) counts.failed = failedSteps.length
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
process.exit(failedSteps.length ? 1 : 0)
