// `npm test`: every suite (unit, integration on each database engine, end-to-end in Chromium)
// in one vitest run, then one plain closing line `N passed, N failed` that CI reads.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The browser tests drive Debian's Chromium; on a new machine install it first (never a
// downloaded browser build).
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  if (process.getuid?.() === 0) {
    console.log('Chromium fehlt: installiere das Debian-Paket chromium …')
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  } else {
    console.error('Chromium fehlt. Installieren Sie es mit: sudo apt-get install -y chromium')
    process.exit(1)
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ozg-radar-test-'))
const report = join(dir, 'vitest.json')
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
)

let passed = 0
let failed = 0
let skipped = 0
const engines = new Map()
try {
  const results = JSON.parse(readFileSync(report, 'utf8'))
  for (const file of results.testResults) {
    for (const test of file.assertionResults) {
      if (test.status === 'passed') passed++
      else if (test.status === 'failed') failed++
      else skipped++
      const engine = /\[(pglite|postgres)\]/.exec(test.fullName)?.[1]
      if (engine && test.status === 'passed') engines.set(engine, (engines.get(engine) ?? 0) + 1)
    }
    // A file that failed to load, or whose beforeAll failed (its tests then count as skipped),
    // must still fail the run.
    if (file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')) failed++
  }
} catch (error) {
  console.error(`Kein Testbericht gefunden (${error.message}).`)
  failed++
}
rmSync(dir, { recursive: true, force: true })

const engineLine = [...engines].map(([engine, n]) => `${engine}: ${n}`).join(', ') || 'keine'
console.log(`\nDatenbanktests bestanden je Engine – ${engineLine}`)
if (!process.env.TEST_DATABASE_URL) console.log('TEST_DATABASE_URL ist nicht gesetzt: Datenbanktests liefen nur auf PGlite.')
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(run.status === 0 && failed === 0 ? 0 : 1)
