// Security checks for CI, run by `npm test`:
//  1. @doyensec/electronegativity over a fresh build of the Electron code (main, preload,
//     renderer). It always exits 0, so its SARIF is read here, and EVERY finding, whatever its
//     severity, fails the check unless a comment at the place it points to answers it:
//         // electronegativity CHECK_ID: why this is safe here (at least a few words)
//     on that line or up to 4 lines above it. The build has source maps, so a finding in the
//     bundle is looked up in the TypeScript source it came from.
//  2. `npm audit --omit=dev --audit-level=high`: no high or critical advisory in what ships.
//     When the registry's audit service cannot be reached, this says so in one line and the
//     check counts as NOT RUN (not passed): it fails only under PUENTE_AUDIT_REQUIRED=1, because
//     some registries refuse the audit endpoint outright. `.ci/run` sets it when
//     `--audit-probe` finds that the registry answers.
//
// Exit 0: no unanswered finding and no advisory; 1 otherwise. `--no-audit` skips step 2.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  originalPositionFor,
  sourceContentFor,
  TraceMap
} from '@jridgewell/trace-mapping'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const ANSWER = /electronegativity\s+([A-Z_]+(?:\s*,\s*[A-Z_]+)*)\s*:\s*(\S.{9,})/
const LOOKBACK = 4

/** Where a 1-based line/column of a built file came from: { file, line } (1-based), or undefined. */
function originalPosition(builtFile, line, column) {
  const mapFile = `${builtFile}.map`
  if (!existsSync(mapFile)) return undefined
  const map = new TraceMap(readFileSync(mapFile, 'utf8'), mapFile)
  // the last mapping at or before the column, else the first after it; else the nearest mapped
  // line above
  const found = (l, col, bias) => {
    const pos = originalPositionFor(map, { line: l, column: col, bias })
    return pos.source === null ? undefined : pos
  }
  for (let l = line; l >= 1; l--) {
    const pos =
      l === line
        ? (found(l, column - 1, GREATEST_LOWER_BOUND) ?? found(l, column - 1, LEAST_UPPER_BOUND))
        : found(l, Number.MAX_SAFE_INTEGER, GREATEST_LOWER_BOUND)
    if (pos) {
      const text = existsSync(pos.source)
        ? readFileSync(pos.source, 'utf8')
        : (sourceContentFor(map, pos.source) ?? undefined)
      return text === undefined ? undefined : { file: pos.source, line: pos.line, text }
    }
  }
  return undefined
}

/** The source an HTML finding points to: renderer/<name>, at the line with the same content. */
function htmlPosition(builtFile, outDir, line) {
  const rel = path.relative(path.join(outDir, 'renderer'), builtFile)
  const source = path.join(ROOT, 'renderer', rel)
  const built = readFileSync(builtFile, 'utf8').split('\n')
  if (!existsSync(source)) return { file: builtFile, line, text: built.join('\n') }
  const text = readFileSync(source, 'utf8')
  const wanted = (built[line - 1] ?? '').trim()
  const at = text.split('\n').findIndex((l) => wanted && l.trim() === wanted)
  return { file: source, line: at >= 0 ? at + 1 : line, text }
}

/** The answering comment for `rule` at `line` (1-based) of `text`, or undefined. */
function answerAt(text, line, rule) {
  const lines = text.split('\n')
  for (let l = line - 1; l >= Math.max(0, line - 1 - LOOKBACK); l--) {
    const m = ANSWER.exec(lines[l] ?? '')
    if (m && m[1].split(/\s*,\s*/).includes(rule)) return m[2].replace(/\s*(\*\/|-->)\s*$/, '')
  }
  return undefined
}

function electronegativity() {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'puente-security-'))
  try {
    console.log('electronegativity: building the app with source maps…')
    const build = spawnSync(
      NPX,
      ['electron-vite', 'build', '--sourcemap', '--outDir', outDir, '--logLevel', 'error'],
      {
        cwd: ROOT,
        encoding: 'utf8'
      }
    )
    if (build.status !== 0) {
      console.log(`electronegativity: FAILED — the build failed:\n${build.stdout}${build.stderr}`)
      return false
    }
    const electronVersion = JSON.parse(
      readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')
    ).version
    const sarif = path.join(outDir, 'electronegativity.sarif')
    const run = spawnSync(
      NPX,
      ['electronegativity', '-i', outDir, '-o', sarif, '-r', '-e', electronVersion, '-v', 'false'],
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000 }
    )
    if (!existsSync(sarif)) {
      console.log(`electronegativity: FAILED — it wrote no report:\n${run.stdout}${run.stderr}`)
      return false
    }
    const results = JSON.parse(readFileSync(sarif, 'utf8')).runs.flatMap((r) => r.results ?? [])
    let unanswered = 0
    for (const r of results) {
      const loc = r.locations?.[0]?.physicalLocation
      const built = path.join(outDir, loc?.artifactLocation?.uri ?? '')
      const line = loc?.region?.startLine ?? 0
      const column = loc?.region?.startColumn ?? 1
      const where =
        (built.endsWith('.html') && existsSync(built)
          ? htmlPosition(built, outDir, line)
          : undefined) ??
        originalPosition(built, line, column) ??
        (existsSync(built) ? { file: built, line, text: readFileSync(built, 'utf8') } : undefined)
      const place = where
        ? `${path.relative(ROOT, where.file)}:${where.line}`
        : `${loc?.artifactLocation?.uri}:${line}`
      const answer = where ? answerAt(where.text, where.line, r.ruleId) : undefined
      const level = r.properties?.severity ?? r.level ?? ''
      if (answer) console.log(`  answered   ${r.ruleId} (${level}) at ${place}: ${answer}`)
      else {
        unanswered++
        console.log(`  UNANSWERED ${r.ruleId} (${level}) at ${place}: ${r.message?.text ?? ''}`)
      }
    }
    const verdict = unanswered
      ? `FAILED — ${unanswered} finding(s) without an answering comment`
      : 'passed'
    console.log(`electronegativity: ${verdict} (${results.length} finding(s) in all)`)
    if (unanswered) {
      console.log(`  answer one with a comment on its line or up to ${LOOKBACK} lines above, e.g.`)
      console.log(
        '  // electronegativity OPEN_EXTERNAL_JS_CHECK: only http(s) URLs get here (isExternalLink)'
      )
    }
    return unanswered === 0
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

/** `npm audit` of the shipped dependencies as JSON: { report, r } (report undefined if not JSON). */
function runAudit() {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  try {
    return { r, report: JSON.parse(r.stdout) }
  } catch {
    return { r, report: undefined }
  }
}

/** npm audit of the shipped dependencies: true (clean), false (advisories), or 'not-run'. */
function audit() {
  const { r, report } = runAudit()
  const counts = report?.metadata?.vulnerabilities
  if (counts) {
    const bad = (counts.high ?? 0) + (counts.critical ?? 0)
    const summary = Object.entries(counts)
      .filter(([k, n]) => k !== 'total' && n)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')
    if (bad) {
      console.log(
        `npm audit: FAILED — ${summary} in production dependencies; run \`npm audit --omit=dev\` for details`
      )
      return false
    }
    console.log(
      `npm audit: passed (no high or critical advisories${summary ? `; ${summary}` : ''})`
    )
    return true
  }
  const why = (
    report?.message ??
    r.stderr.split('\n').find((l) => /error/i.test(l)) ??
    `exit ${r.status}`
  ).trim()
  console.log(`npm audit: NOT RUN — the registry's audit service could not be used (${why}).`)
  console.log(
    '  Nothing was checked for advisories. Run `npm audit --omit=dev` where the registry answers it.'
  )
  return 'not-run'
}

// `--audit-probe`: exit 0 when the registry answers `npm audit` (advisories or not), 1 when it
// refuses or cannot be reached; CI requires the audit exactly where this says it can run
if (process.argv.includes('--audit-probe')) {
  const answered = runAudit().report?.metadata?.vulnerabilities !== undefined
  console.log(`npm audit probe: the registry ${answered ? 'answers' : 'does not answer'} the audit`)
  process.exit(answered ? 0 : 1)
}

const eng = electronegativity()
const aud = process.argv.includes('--no-audit') ? 'not-run' : audit()
const auditRequired = process.env.PUENTE_AUDIT_REQUIRED === '1'
const ok = eng && (aud === true || (aud === 'not-run' && !auditRequired))
console.log(
  `security: ${ok ? 'passed' : 'FAILED'} (electronegativity ${eng ? 'clean' : 'has unanswered findings'}, npm audit ${
    aud === true ? 'clean' : aud === false ? 'has advisories' : 'NOT RUN'
  })`
)
process.exit(ok ? 0 : 1)
