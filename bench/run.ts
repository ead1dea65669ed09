// The benchmark: the production build against the local PostgreSQL server at 16, 45 and 400
// counties (10,800 with --with-10800). Per scale it generates a fresh database (bench/generate.ts),
// starts the app server (server.mjs, one process), loads each page with autocannon on 127.0.0.1
// only, times the edit action under 20 concurrent editors, and measures baselines in the same run:
// the trivial route /healthz (what the framework costs) and the SQL of the dashboard, the matrix
// and the API summary called directly (what the data costs). Then the registered scenarios
// (bench/scenarios.ts), among them the mixed workload of 20 users on one and two processes.
// Last, the embedded default (PGlite with the demo data). Prints a table with ratios and every
// target of issue 15 as met/missed, and writes bench/results/<timestamp>.json.
// The options: USAGE below (`npm run bench -- --help`).
//
// A route that does not exist (yet) is reported as "fehlt", not as a crash.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase, queryRows, useDatabase } from '../app/utils/db.server'
import { DEFAULT_ADMIN_URL, dropDatabase, generate, recreateDatabase } from './generate'
import { rawApiSummary, rawDashboard, rawMatrixTheme } from './lib/baselines'
import { csvImport, type ImportResult } from './lib/import'
import { javascriptPerPage } from './lib/javascript'
import { describe, load, oneAtATime } from './lib/load'
import { measurePglite, type PgliteResult } from './lib/pglite'
import { saves } from './lib/saves'
import type { BenchArgs, ScaleContext, ScaleResult } from './lib/scenario'
import { peakRssMb, startServer, stopServer, type Server } from './lib/server'
import { evaluate, printTable } from './report'
import { scenarios } from './scenarios'

const ROOT = process.cwd()
// The pages of the two "× its SQL" targets, also measured one request at a time.
const ONE_AT_A_TIME_PAGES = ['dashboard', 'apiSummary']

const USAGE = `npm run bench -- [Optionen]

  --scales 16,45,400     Kreiszahlen (Voreinstellung 16,45,400)
  --with-10800           zusätzlich alle Gemeinden (6 Mio. Zeilen, dauert lange)
  --duration 8           Sekunden je Seite unter Last; die Übersicht und die API-Kennzahlen
                         werden danach auch einzeln gemessen (1 Verbindung, höchstens 5 s)
  --connections 10       gleichzeitige Verbindungen je Seite
  --raw-runs 40          höchstens so viele Aufrufe je SQL-Basis (etwa 15 s)
  --mixed-rounds 2       Wiederholungen der gemischten Last (1 und 2 Prozesse im Wechsel)
  --mixed-duration 15    Sekunden je Lauf der gemischten Last
  --only mixed           von den registrierten Szenarien nur diese (Schlüssel, kommagetrennt)
  --no-pglite            die eingebettete Voreinstellung (PGlite) nicht messen
  --keep                 die Datenbanken ozg_bench_<N> danach behalten
  --no-build             build/ messen, wie es ist (warnt, wenn älter als die Quellen)
  --admin-url URL        Superuser-URL (Voreinstellung ${DEFAULT_ADMIN_URL} oder BENCH_ADMIN_URL)
  --help                 diese Hilfe`

function parseArgs(argv: string[]): BenchArgs {
  const value = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const scales = (value('--scales') ?? '16,45,400').split(',').map((s) => Number(s.trim()))
  if (argv.includes('--with-10800') && !scales.includes(10800)) scales.push(10800)
  if (scales.some((s) => !Number.isInteger(s) || s < 1)) throw new Error('--scales erwartet ganze Zahlen, z. B. 16,45,400')
  return {
    scales,
    duration: Number(value('--duration') ?? 8),
    connections: Number(value('--connections') ?? 10),
    editors: 20,
    keep: argv.includes('--keep'),
    build: !argv.includes('--no-build'),
    adminUrl: value('--admin-url') ?? process.env.BENCH_ADMIN_URL ?? DEFAULT_ADMIN_URL,
    rawRuns: Number(value('--raw-runs') ?? 40),
    mixedRounds: Number(value('--mixed-rounds') ?? 2),
    mixedDuration: Number(value('--mixed-duration') ?? 15),
    pglite: !argv.includes('--no-pglite'),
    only: value('--only')?.split(','),
  }
}

// ---------------------------------------------------------------------------------------------
// Build and server

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

// Always builds (unless --no-build): a build/ left by another tool, e.g. a test run, may not be
// the production build even when it is newer than the sources.
function ensureBuild(allowBuild: boolean) {
  const serverEntry = resolve(ROOT, 'build/server/index.js')
  const sources = Math.max(...['app', 'db', 'seeds', 'vite.config.ts', 'remix.config.js', 'package.json'].map((p) => newestMtime(resolve(ROOT, p))))
  const built = existsSync(serverEntry) ? statSync(serverEntry).mtimeMs : 0
  if (!allowBuild) {
    if (!built) throw new Error('build/ fehlt und --no-build ist gesetzt.')
    if (built >= sources) return 'vorhanden'
    console.warn('Warnung: build/ ist älter als die Quellen (--no-build): gemessen wird der alte Stand.')
    return 'veraltet'
  }
  console.log('Baue die Produktionsversion (npx remix vite:build) …')
  const result = spawnSync('npx', ['remix', 'vite:build'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } })
  if (result.status !== 0) throw new Error(`Build fehlgeschlagen:\n${result.stdout}\n${result.stderr}`)
  return 'neu gebaut'
}

// ---------------------------------------------------------------------------------------------
// One scale

async function runScale(n: number, args: BenchArgs): Promise<ScaleResult> {
  const name = `ozg_bench_${n}`
  console.log(`\n=== ${n} Kreise (Datenbank ${name}) ===`)
  const url = await recreateDatabase(args.adminUrl, name)
  const gen = await generate(url, n, (line) => console.log(line))
  console.log(`  ${gen.rows.statuses.toLocaleString('de-DE')} Statuszeilen, ${gen.rows.statusChanges.toLocaleString('de-DE')} Änderungen in ${gen.seconds.total.toFixed(1)} s erzeugt`)
  const handle = await openDatabase({ engine: 'postgres', url, max: 10 })
  useDatabase(handle)
  const server = await startServer(url)
  try {
    const [first] = await queryRows<{ ags: string }>(handle.db, sql`select ags from counties order by id limit 1`)
    const cookie = { Cookie: gen.coordinatorCookie }
    const targets: [key: string, path: string, headers: Record<string, string>][] = [
      ['dashboard', '/', cookie],
      ['matrix', '/matrix', cookie],
      ['matrixTheme', '/matrix?themenfeld=2', cookie],
      ['county', `/kreise/${first.ags}`, cookie],
      ['service', '/leistungen/10519', cookie],
      ['apiSummary', '/api/v1/summary', { Authorization: `Bearer ${gen.apiToken}` }],
    ]
    // The baselines first, while nothing else has run yet on this server.
    process.stdout.write('  trivial /healthz … ')
    const trivial = await load(`${server.base}/healthz`, {}, args)
    console.log(describe(trivial))
    process.stdout.write('  SQL der Übersicht direkt … ')
    const dashboardRaw = await rawDashboard(args.rawRuns)
    console.log(dashboardRaw.status === 'ok' ? `p50 ${dashboardRaw.p50} ms, p95 ${dashboardRaw.p95} ms` : `${dashboardRaw.status} ${dashboardRaw.note ?? ''}`)
    const matrixRaw = await rawMatrixTheme(Math.max(10, Math.round(args.rawRuns / 2)))
    const apiRaw = await rawApiSummary(args.rawRuns)
    const pages: ScaleResult['pages'] = {}
    for (const [key, path, headers] of targets) {
      process.stdout.write(`  ${path} … `)
      pages[key] = { path, ...(await load(`${server.base}${path}`, headers, args)) }
      console.log(describe(pages[key]))
    }
    // Beside the ratio targets (judged at 10 connections): the same pages one request at a time.
    const oneByOne: ScaleResult['oneAtATime'] = {}
    for (const [key, path, headers] of targets.filter(([key]) => ONE_AT_A_TIME_PAGES.includes(key))) {
      process.stdout.write(`  ${path} einzeln (1 Verbindung) … `)
      oneByOne[key] = { path, ...(await oneAtATime(`${server.base}${path}`, headers, server.workerPids(), args.duration)) }
      const r = oneByOne[key]
      console.log(`${describe(r)}${r.serverCpuMsPerRequest !== undefined ? `, Server-CPU ${r.serverCpuMsPerRequest} ms/Anfrage` : ''}`)
    }
    process.stdout.write(`  Speichern mit ${gen.editors.length} Redaktionen … `)
    const saveResult = await saves(server, handle, gen, args)
    console.log(
      saveResult.status === 'ok'
        ? `${saveResult.savesPerSecond}/s, p50 ${saveResult.p50} ms, verlorene Änderungen ${saveResult.lostUpdates}, Konflikte ${saveResult.conflicts}, ungültig ${saveResult.invalid}`
        : `${saveResult.status} ${saveResult.note ?? ''}`,
    )
    const rss = peakRssMb(server.child.pid)
    let importResult: ImportResult | undefined
    if (gen.rows.statuses >= 200_000 && gen.rows.statuses <= 400_000) {
      process.stdout.write(`  CSV-Import aller ${gen.rows.statuses.toLocaleString('de-DE')} Zeilen … `)
      importResult = await csvImport(handle)
      console.log(importResult.status === 'ok' ? `${importResult.totalSeconds} s in ${importResult.files} Datei(en)` : `${importResult.status} ${importResult.note ?? ''}`)
    }
    const serverLogTail = Object.values(pages).some((p) => p.status === 'fehler') ? server.log.join('').slice(-2000) : undefined
    // The scenarios start servers of their own: this one is done.
    await stopServer(server)
    const scenarios = await runScenarios({ counties: n, databaseUrl: url, handle, gen, args, startServer: (options) => startServer(url, options), stopServer })
    return {
      counties: n,
      database: name,
      generation: { ...gen.seconds, rows: gen.rows },
      trivial,
      pages,
      oneAtATime: oneByOne,
      rawSql: { dashboard: dashboardRaw, matrixTheme: matrixRaw, apiSummary: apiRaw },
      saves: saveResult,
      import: importResult,
      scenarios,
      serverPeakRssMb: rss,
      serverLogTail,
    }
  } finally {
    await stopServer(server)
    await handle.close()
    if (!args.keep) await dropDatabase(args.adminUrl, name)
  }
}

/** The registered scenarios (bench/scenarios.ts) that run at this scale, in order. */
async function runScenarios(ctx: ScaleContext): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {}
  for (const s of scenarios) {
    if (s.runsAt && !s.runsAt(ctx.counties)) continue
    if (ctx.args.only && !ctx.args.only.includes(s.key)) continue
    console.log(`  ${s.title}:`)
    try {
      results[s.key] = await s.run(ctx)
    } catch (error) {
      results[s.key] = { error: error instanceof Error ? error.message : String(error) }
      console.log(`  ${s.title}: Fehler ${String(results[s.key])}`)
    }
  }
  return results
}

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) return console.log(USAGE)
  const args = parseArgs(process.argv.slice(2))
  const startedAt = new Date()
  // The machine is shared: the load average says how much else ran.
  const loadBefore = loadavg()
  const build = ensureBuild(args.build)
  const js = javascriptPerPage()
  const results: ScaleResult[] = []
  for (const n of args.scales) results.push(await runScale(n, args))
  let pglite: PgliteResult | undefined
  if (args.pglite) {
    process.stdout.write('\nPGlite (eingebettete Voreinstellung) mit Demodaten … ')
    pglite = await measurePglite()
    console.log(pglite.status === 'ok' ? `${pglite.idleRssMb} MB im Leerlauf, Neustart bis zur ersten Seite ${pglite.restartFirstPageSeconds} s` : `fehler: ${pglite.note}`)
  }
  const targets = evaluate(results, js, pglite)
  printTable(results, js, targets)
  const dir = resolve(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  const machine = { cpus: cpus().length, node: process.version, loadBefore, loadAfter: loadavg() }
  writeFileSync(file, JSON.stringify({ startedAt, args, build, machine, javascript: js, results, pglite, targets }, null, 2) + '\n')
  console.log(`\nErgebnis: ${file} (Dauer ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s)`)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error)
  process.exit(1)
})
