// The benchmark: the production build against the local PostgreSQL server at 16, 45 and 400
// counties (10,800 with --with-10800). Per scale it generates a fresh database (bench/generate.ts),
// starts one app server, loads each page with autocannon on 127.0.0.1 only, times the edit action
// under 20 concurrent editors, and measures two baselines in the same run: the trivial route
// /healthz (what the framework costs) and the dashboard's SQL called directly (what the data
// costs). Prints a table with ratios and writes bench/results/<timestamp>.json.
//
//   npm run bench -- [--scales 16,45,400] [--with-10800] [--duration 8] [--connections 10]
//                    [--keep] [--no-build] [--admin-url postgres://postgres@127.0.0.1:5432/test]
//
// A route that does not exist (yet) is reported as "fehlt", not as a crash.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import { counties, services, statuses, users } from '../db/schema'
import type { SessionUser } from '../app/domain/permissions'
import { toFormValues, type StatusRowLike } from '../app/domain/status'
import { openDatabase, queryRows, useDatabase, type DatabaseHandle } from '../app/utils/db.server'
import { DEFAULT_ADMIN_URL, dropDatabase, generate, recreateDatabase, type GenerateResult } from './generate'

const ROOT = process.cwd()

type Args = {
  scales: number[]
  duration: number
  connections: number
  editors: number
  keep: boolean
  build: boolean
  adminUrl: string
  rawRuns: number
}

function parseArgs(argv: string[]): Args {
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
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}
// NaN (no samples) stays NaN and is written as null in the JSON.
const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : NaN)

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

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('kein Port'))))
    })
  })
}

type Server = { child: ChildProcess; base: string; log: string[] }

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort()
  const log: string[] = []
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_DATA: 'false',
      SESSION_SECRET: randomBytes(24).toString('hex'),
      // One process, so that its peak memory is the server's (production would fork one per core).
      WEB_CONCURRENCY: '1',
      // The load test sends thousands of requests a second with one token: count them (the
      // write is part of what an API request costs) but do not refuse them.
      API_RATE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString())
    if (log.length > 50) log.shift()
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server beendet (Code ${child.exitCode}):\n${log.join('')}`)
    try {
      const res = await fetch(`${base}/healthz`)
      await res.arrayBuffer()
      if (res.status === 200) return { child, base, log }
      // Without /healthz in the build, any answer means the server listens.
      if (res.status === 404) return { child, base, log }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`Server antwortet nicht:\n${log.join('')}`)
}

/** Peak resident memory of the server process in MB (VmHWM). */
function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1])
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null
  } catch {
    return null
  }
}

async function stopServer(server: Server) {
  const { child } = server
  if (child.exitCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000)
  await exited
  clearTimeout(timer)
}

// ---------------------------------------------------------------------------------------------
// HTTP load

type LoadResult = {
  status: 'ok' | 'fehlt' | 'fehler'
  note?: string
  rps?: number
  p50?: number
  p95?: number
  p99?: number
  requests?: number
  non2xx?: number
  errors?: number
}

async function probe(url: string, headers: Record<string, string>): Promise<{ status: number; location: string | null }> {
  const res = await fetch(url, { headers, redirect: 'manual' })
  await res.arrayBuffer()
  return { status: res.status, location: res.headers.get('location') }
}

async function load(url: string, headers: Record<string, string>, args: Args): Promise<LoadResult> {
  let first
  try {
    first = await probe(url, headers)
  } catch (error) {
    return { status: 'fehler', note: String(error) }
  }
  if (first.status === 404) return { status: 'fehlt', note: '404' }
  if (first.status !== 200) return { status: 'fehler', note: `HTTP ${first.status}${first.location ? ` → ${first.location}` : ''}` }
  // Warm-up: connection pool, JIT, the database's caches.
  for (let i = 0; i < 5; i++) await probe(url, headers)

  const latencies: number[] = []
  let ok = 0
  let non2xx = 0
  const started = performance.now()
  const result = await new Promise<{ errors: number; timeouts: number }>((done, fail) => {
    const instance = autocannon({ url, connections: args.connections, duration: args.duration, headers, timeout: 30 }, (error, r) =>
      error ? fail(error) : done(r),
    )
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime)
      if (statusCode >= 200 && statusCode < 300) ok++
      else non2xx++
    })
  })
  const seconds = (performance.now() - started) / 1000
  if (latencies.length < 5) return sequentialFallback(url, headers, result.errors + result.timeouts)
  return {
    status: 'ok',
    rps: round(ok / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    requests: latencies.length,
    non2xx,
    errors: result.errors + result.timeouts,
  }
}

/**
 * A page slower than the load window answers (almost) nothing under autocannon: time up to three
 * requests one after another instead (at most ~30 s), so the table still shows its latency.
 */
async function sequentialFallback(url: string, headers: Record<string, string>, errors: number): Promise<LoadResult> {
  // Let the requests autocannon left running on the server finish first.
  await new Promise((r) => setTimeout(r, 2000))
  const times: number[] = []
  const started = performance.now()
  while (times.length < 3 && performance.now() - started < 30_000) {
    const t0 = performance.now()
    const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(120_000) })
    await res.arrayBuffer()
    times.push(performance.now() - t0)
  }
  return {
    status: 'ok',
    note: `zu langsam für die Lastmessung: ${times.length} Anfrage(n) nacheinander`,
    rps: round(1000 / percentile(times, 50), 2),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    requests: times.length,
    errors,
  }
}

// ---------------------------------------------------------------------------------------------
// Baseline: the dashboard's SQL, called directly through the same model functions

type RawResult = { status: 'ok' | 'fehlt' | 'fehler'; note?: string; p50?: number; p95?: number; runs?: number }

async function timeSequential(runs: number, task: () => Promise<unknown>): Promise<RawResult> {
  try {
    for (let i = 0; i < 3; i++) await task()
    const times: number[] = []
    // At most `runs` calls and ~15 s, but at least five.
    const started = performance.now()
    for (let i = 0; i < runs && (i < 5 || performance.now() - started < 15_000); i++) {
      const t0 = performance.now()
      await task()
      times.push(performance.now() - t0)
    }
    return { status: 'ok', p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2), runs: times.length }
  } catch (error) {
    return { status: 'fehler', note: error instanceof Error ? error.message : String(error) }
  }
}

async function rawDashboard(runs: number): Promise<RawResult> {
  let models
  try {
    models = {
      summary: await import('../app/models/summary.server'),
      service: await import('../app/models/service.server'),
    }
  } catch (error) {
    return { status: 'fehlt', note: String(error) }
  }
  const { getCountySummary, getOnlineTrend } = models.summary
  // Exactly the loader's database work (app/routes/_index.tsx) for the coordinator the pages are
  // requested as (no home county, so no county trend line), without the session lookup.
  return timeSequential(runs, async () => {
    await models.service.listThemes()
    const scope = { themeId: undefined }
    await Promise.all([getCountySummary(scope), getOnlineTrend(scope, [])])
  })
}

async function rawMatrixTheme(runs: number): Promise<RawResult> {
  try {
    const { getMatrix } = await import('../app/models/matrix.server')
    const { listThemes } = await import('../app/models/service.server')
    return timeSequential(runs, async () => {
      await listThemes()
      await getMatrix({ themeId: 2 })
    })
  } catch (error) {
    return { status: 'fehlt', note: String(error) }
  }
}

// ---------------------------------------------------------------------------------------------
// Saves per second: 20 editors, each on rows of its own county that no other editor touches

type SaveResult = {
  status: 'ok' | 'fehlt' | 'fehler'
  note?: string
  savesPerSecond?: number
  ok?: number
  conflicts?: number
  invalid?: number
  otherErrors?: number
  p50?: number
  p95?: number
  historyRecords?: number
  lostUpdates?: number
  firstProblem?: string
}

async function saves(server: Server, handle: DatabaseHandle, gen: GenerateResult, args: Args): Promise<SaveResult> {
  if (!existsSync(resolve(ROOT, 'app/routes/kreise.$ags.leistungen.$ozgId.tsx'))) return { status: 'fehlt', note: 'Route fehlt' }
  const { db } = handle
  const agsList = [...new Set(gen.editors.map((e) => e.countyAgs))]
  const rows = await db
    .select({ row: statuses, ags: counties.ags, ozgId: services.ozgId })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(and(inArray(counties.ags, agsList), ne(statuses.approach, 'not_applicable')))
    .orderBy(asc(counties.ags), asc(services.ozgId))
  type Target = { id: number; ags: string; ozgId: string; version: number; values: ReturnType<typeof toFormValues>; saved: number; lastNote: string | null }
  // Editors sharing a county (fewer counties than editors) split its rows: none touches another's.
  const work = gen.editors.map((editor) => {
    const sameCounty = gen.editors.filter((other) => other.countyAgs === editor.countyAgs)
    const part = sameCounty.indexOf(editor)
    const mine = rows.filter((r) => r.ags === editor.countyAgs).filter((_, i) => i % sameCounty.length === part)
    return {
      editor,
      targets: mine.map<Target>((r) => ({
        id: r.row.id,
        ags: r.ags,
        ozgId: r.ozgId,
        version: r.row.version,
        values: toFormValues(r.row as unknown as StatusRowLike),
        saved: 0,
        lastNote: null,
      })),
    }
  })
  const editorIds = (await db.select({ id: users.id }).from(users).where(inArray(users.email, gen.editors.map((e) => e.email)))).map((u) => u.id)
  const [{ before }] = await queryRows<{ before: number }>(
    db,
    sql`select count(*)::int as before from status_changes where source = 'form' and changed_by in (${sql.join(editorIds.map((id) => sql`${id}`), sql`, `)})`,
  )

  // Probe one save first: a missing or broken action is reported, not hammered.
  const url = (t: Target) => `${server.base}/kreise/${t.ags}/leistungen/${t.ozgId}`
  let firstProblem: string | undefined
  const post = async (editorIndex: number, t: Target, counter: number) => {
    const note = `Benchmark-Änderung ${editorIndex + 1}-${counter}`
    const body = new URLSearchParams({ ...t.values, notiz: note, version: String(t.version), kommentar: 'Benchmark' })
    const t0 = performance.now()
    const res = await fetch(url(t), {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { Cookie: work[editorIndex].editor.cookie, Origin: server.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    const text = res.status >= 300 && res.status < 400 ? '' : await res.text()
    const ms = performance.now() - t0
    if (res.status >= 300 && res.status < 400) {
      t.version++
      t.saved++
      t.lastNote = note
    } else if (!firstProblem) {
      firstProblem = `HTTP ${res.status}: ${text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`
    }
    return { status: res.status, ms }
  }
  const probeTarget = work[0].targets[0]
  if (!probeTarget) return { status: 'fehler', note: 'keine Zeilen für die Redaktionen' }
  const first = await post(0, probeTarget, 0)
  if (first.status === 404) return { status: 'fehlt', note: '404' }
  if (first.status < 300 || first.status >= 400) return { status: 'fehler', note: firstProblem }

  const latencies: number[] = []
  const counts = { ok: 1, conflicts: 0, invalid: 0, other: 0 }
  const deadline = performance.now() + args.duration * 1000
  const started = performance.now()
  await Promise.all(
    work.map(async ({ targets }, e) => {
      let i = e === 0 ? 1 : 0
      while (performance.now() < deadline && targets.length > 0) {
        const t = targets[i % targets.length]
        i++
        try {
          const r = await post(e, t, i)
          latencies.push(r.ms)
          if (r.status >= 300 && r.status < 400) counts.ok++
          else if (r.status === 409) counts.conflicts++
          else if (r.status === 400) counts.invalid++
          else counts.other++
        } catch (error) {
          counts.other++
          firstProblem ??= String(error)
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000

  // No lost update: one history record per successful save, and every row's version and note
  // are exactly what this client's successful saves produced.
  const [{ after }] = await queryRows<{ after: number }>(
    db,
    sql`select count(*)::int as after from status_changes where source = 'form' and changed_by in (${sql.join(editorIds.map((id) => sql`${id}`), sql`, `)})`,
  )
  const touched = work.flatMap((w) => w.targets).filter((t) => t.saved > 0)
  const current = new Map(
    (await db.select({ id: statuses.id, version: statuses.version, note: statuses.note }).from(statuses).where(inArray(statuses.id, touched.map((t) => t.id)))).map(
      (r) => [r.id, r],
    ),
  )
  const lost = touched.filter((t) => current.get(t.id)?.version !== t.version || current.get(t.id)?.note !== t.lastNote).length
  const historyRecords = after - before
  return {
    status: 'ok',
    savesPerSecond: round((counts.ok - 1) / seconds),
    ok: counts.ok,
    conflicts: counts.conflicts,
    invalid: counts.invalid,
    otherErrors: counts.other,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    historyRecords,
    lostUpdates: lost + Math.abs(historyRecords - counts.ok),
    firstProblem,
  }
}

// ---------------------------------------------------------------------------------------------
// CSV import of every status row (the model path the /import page uses)

type ImportResult = {
  status: 'ok' | 'fehlt' | 'fehler' | 'abgelehnt'
  note?: string
  rows?: number
  megabytes?: number
  files?: number
  changedRows?: number
  previewSeconds?: number
  applySeconds?: number
  totalSeconds?: number
  fullFileRefused?: string
}

async function csvImport(handle: DatabaseHandle): Promise<ImportResult> {
  if (!existsSync(resolve(ROOT, 'app/models/import.server.ts'))) return { status: 'fehlt', note: 'app/models/import.server.ts fehlt' }
  try {
    const imp = await import('../app/models/import.server')
    const exp = await import('../app/models/export.server')
    const csv = await import('../app/domain/status-csv')
    const [coordinator] = await handle.db.select().from(users).where(eq(users.email, 'koordination@bench.invalid'))
    const user: SessionUser = { id: coordinator.id, email: coordinator.email, name: coordinator.name, role: 'coordinator', countyId: null, countyAgs: null }
    const all = await exp.listStatusRows(csv.StatusFilter.parse({}))
    // Every tenth row gets a new note, so the import really writes (with history) and is not a no-op.
    const records = all.map((row, i) => {
      const record = csv.toCsvRecord(row)
      return i % 10 === 0 ? { ...record, notiz: `Import-Benchmark ${i}` } : record
    })
    const file = { name: 'alle.csv', bytes: new TextEncoder().encode(csv.formatStatusCsv(records)) }
    const result: ImportResult = { status: 'ok', rows: records.length, megabytes: round(file.bytes.byteLength / 1048576, 1), files: 1 }
    // The whole file in one go, as a coordinator would upload it (limit MAX_STATUS_IMPORT_BYTES).
    if (file.bytes.byteLength > imp.MAX_STATUS_IMPORT_BYTES) {
      return { ...result, status: 'abgelehnt', fullFileRefused: `${result.megabytes} MB > ${imp.MAX_STATUS_IMPORT_LABEL}` }
    }
    const t0 = performance.now()
    const preview = await imp.previewImport(file, user)
    const t1 = performance.now()
    if (preview.refused || preview.errorCount > 0 || !preview.token) {
      return { ...result, status: 'fehler', note: preview.refused ?? `${preview.errorCount} Fehler, z. B. ${JSON.stringify(preview.errors[0])}` }
    }
    const applied = await imp.applyImport(preview.token, user)
    const t2 = performance.now()
    if (!applied.ok) return { ...result, status: 'fehler', note: applied.message }
    return {
      ...result,
      changedRows: applied.changed,
      previewSeconds: round((t1 - t0) / 1000, 2),
      applySeconds: round((t2 - t1) / 1000, 2),
      totalSeconds: round((t2 - t0) / 1000, 2),
    }
  } catch (error) {
    return { status: 'fehler', note: error instanceof Error ? error.message : String(error) }
  }
}

// ---------------------------------------------------------------------------------------------
// Gzipped JavaScript per page, from the Remix client manifest of the build

type JsSize = { route: string; page: string; status: 'ok' | 'fehlt'; files?: number; gzipKb?: number; rawKb?: number }

const PAGES: [page: string, routeId: string][] = [
  ['/', 'routes/_index'],
  ['/matrix', 'routes/matrix'],
  ['/kreise/:ags', 'routes/kreise.$ags._index'],
  ['/kreise/:ags/leistungen/:ozgId', 'routes/kreise.$ags.leistungen.$ozgId'],
  ['/leistungen/:ozgId', 'routes/leistungen.$ozgId'],
  ['/import', 'routes/import'],
]

type ManifestEntry = { module: string; imports?: string[]; css?: string[]; parentId?: string }

function javascriptPerPage(): JsSize[] | { error: string } {
  const assets = resolve(ROOT, 'build/client/assets')
  const file = existsSync(assets) ? readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f)) : undefined
  if (!file) return { error: 'build/client/assets/manifest-*.js fehlt' }
  const text = readFileSync(join(assets, file), 'utf8')
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)
  const manifest = JSON.parse(json) as { entry: { module: string; imports: string[] }; routes: Record<string, ManifestEntry> }
  const sizes = new Map<string, { raw: number; gzip: number }>()
  const sizeOf = (url: string) => {
    if (!sizes.has(url)) {
      const path = resolve(ROOT, 'build/client', url.replace(/^\//, ''))
      const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0)
      sizes.set(url, { raw: bytes.byteLength, gzip: bytes.byteLength ? gzipSync(bytes, { level: 9 }).byteLength : 0 })
    }
    return sizes.get(url)!
  }
  return PAGES.map(([page, routeId]) => {
    if (!manifest.routes[routeId]) return { route: routeId, page, status: 'fehlt' as const }
    // What the browser loads for a document request: the entry, and every route of the match
    // (root … leaf) with its imports.
    const chain: ManifestEntry[] = []
    for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) chain.push(manifest.routes[id])
    const urls = new Set<string>([manifest.entry.module, ...manifest.entry.imports])
    for (const r of chain) {
      urls.add(r.module)
      for (const i of r.imports ?? []) urls.add(i)
    }
    let raw = 0
    let gzip = 0
    for (const url of urls) {
      const s = sizeOf(url)
      raw += s.raw
      gzip += s.gzip
    }
    return { route: routeId, page, status: 'ok' as const, files: urls.size, gzipKb: round(gzip / 1024), rawKb: round(raw / 1024) }
  })
}

// ---------------------------------------------------------------------------------------------
// One scale

type ScaleResult = {
  counties: number
  database: string
  generation: GenerateResult['seconds'] & { rows: GenerateResult['rows'] }
  trivial: LoadResult
  pages: Record<string, LoadResult & { path: string }>
  rawSql: { dashboard: RawResult; matrixTheme: RawResult }
  saves: SaveResult
  import?: ImportResult
  serverPeakRssMb: number | null
  serverLogTail?: string
}

async function runScale(n: number, args: Args): Promise<ScaleResult> {
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
    const pages: ScaleResult['pages'] = {}
    for (const [key, path, headers] of targets) {
      process.stdout.write(`  ${path} … `)
      pages[key] = { path, ...(await load(`${server.base}${path}`, headers, args)) }
      console.log(describe(pages[key]))
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
    return {
      counties: n,
      database: name,
      generation: { ...gen.seconds, rows: gen.rows },
      trivial,
      pages,
      rawSql: { dashboard: dashboardRaw, matrixTheme: matrixRaw },
      saves: saveResult,
      import: importResult,
      serverPeakRssMb: rss,
      serverLogTail: Object.values(pages).some((p) => p.status === 'fehler') ? server.log.join('').slice(-2000) : undefined,
    }
  } finally {
    await stopServer(server)
    await handle.close()
    if (!args.keep) await dropDatabase(args.adminUrl, name)
  }
}

function describe(r: LoadResult) {
  return r.status === 'ok'
    ? `${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms${r.non2xx ? `, ${r.non2xx} nicht-2xx` : ''}${r.note ? ` (${r.note})` : ''}`
    : `${r.status} (${r.note})`
}

// ---------------------------------------------------------------------------------------------
// Report

const LABELS: Record<string, string> = {
  dashboard: 'Übersicht /',
  matrix: 'Matrix alle',
  matrixTheme: 'Matrix Themenfeld 2',
  county: 'Kreisseite',
  service: 'Leistungsseite 10519',
  apiSummary: 'API /api/v1/summary',
}

type Target = { target: string; scale: number | null; value: string; ok: boolean | null }

function evaluate(results: ScaleResult[], js: JsSize[] | { error: string }): Target[] {
  const at = (n: number) => results.find((r) => r.counties === n)
  const out: Target[] = []
  const s400 = at(400)
  const s16 = at(16)
  if (s400) {
    const d = s400.pages.dashboard
    const raw = s400.rawSql.dashboard
    out.push({
      target: 'Übersicht p50 ≤ 3× rohes SQL und < 150 ms',
      scale: 400,
      value: d.status === 'ok' && raw.status === 'ok' ? `${d.p50} ms = ${round(d.p50! / raw.p50!, 2)}× SQL (${raw.p50} ms)` : d.status,
      ok: d.status === 'ok' && raw.status === 'ok' ? d.p50! <= 3 * raw.p50! && d.p50! < 150 : null,
    })
    const m = s400.pages.matrixTheme
    out.push({ target: 'Matrix ein Themenfeld p50 < 200 ms', scale: 400, value: m.status === 'ok' ? `${m.p50} ms` : m.status, ok: m.status === 'ok' ? m.p50! < 200 : null })
    const imp = s400.import
    out.push({
      target: 'Import 230k Zeilen < 30 s',
      scale: 400,
      value: imp ? (imp.status === 'ok' ? `${imp.totalSeconds} s (${imp.rows} Zeilen, ${imp.files} Datei(en))` : `${imp.status}: ${imp.note ?? ''}`) : 'nicht gemessen',
      ok: imp?.status === 'ok' ? imp.totalSeconds! < 30 : null,
    })
  }
  if (s16) {
    const d = s16.pages.dashboard
    out.push({
      target: 'Übersicht Durchsatz ≥ ½ trivialer Route',
      scale: 16,
      value: d.status === 'ok' && s16.trivial.status === 'ok' ? `${d.rps} vs ${s16.trivial.rps} req/s = ${round(d.rps! / s16.trivial.rps!, 3)}` : d.status,
      ok: d.status === 'ok' && s16.trivial.status === 'ok' ? d.rps! >= 0.5 * s16.trivial.rps! : null,
    })
  }
  for (const r of results) {
    const s = r.saves
    out.push({
      target: '≥ 300 Speicherungen/s mit Historie, nichts verloren',
      scale: r.counties,
      value: s.status === 'ok' ? `${s.savesPerSecond}/s, verloren ${s.lostUpdates}` : `${s.status}: ${s.note ?? ''}`,
      ok: s.status === 'ok' ? s.savesPerSecond! >= 300 && s.lostUpdates === 0 : null,
    })
  }
  const peak = Math.max(...results.map((r) => r.serverPeakRssMb ?? 0))
  out.push({ target: 'Server-Spitzenspeicher (RSS) < 400 MB', scale: null, value: `${peak} MB`, ok: peak > 0 ? peak < 400 : null })
  const dash = 'error' in js ? undefined : js.find((j) => j.page === '/')
  out.push({
    target: 'JavaScript der Übersicht ≤ 200 KB gzip',
    scale: null,
    value: dash?.status === 'ok' ? `${dash.gzipKb} KB` : 'error' in js ? js.error : 'fehlt',
    ok: dash?.status === 'ok' ? dash.gzipKb! <= 200 : null,
  })
  return out
}

function pad(text: string, width: number) {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

function printTable(results: ScaleResult[], js: JsSize[] | { error: string }, targets: Target[]) {
  for (const r of results) {
    console.log(`\n${r.counties} Kreise – ${r.generation.rows.statuses.toLocaleString('de-DE')} Statuszeilen`)
    const header = [pad('Messgröße', 30), pad('req/s', 9), pad('p50 ms', 9), pad('p95 ms', 9), pad('× trivial (req/s)', 18), pad('× SQL (p50)', 12)]
    console.log(header.join(' '))
    const trivialRps = r.trivial.rps
    const rawP50 = r.rawSql.dashboard.p50
    const line = (label: string, x: LoadResult) => {
      if (x.status !== 'ok') return console.log(`${pad(label, 30)} ${x.status}${x.note ? ` (${x.note})` : ''}`)
      console.log(
        [
          pad(label, 30),
          pad(String(x.rps), 9),
          pad(String(x.p50), 9),
          pad(String(x.p95), 9),
          pad(trivialRps ? String(round(x.rps! / trivialRps, 3)) : '–', 18),
          pad(rawP50 ? String(round(x.p50! / rawP50, 2)) : '–', 12),
        ].join(' '),
      )
    }
    line('trivial /healthz (Basis)', r.trivial)
    const raw = r.rawSql.dashboard
    console.log(`${pad('SQL der Übersicht direkt (Basis)', 30)} ${pad('', 9)} ${pad(String(raw.p50 ?? raw.status), 9)} ${pad(String(raw.p95 ?? ''), 9)}`)
    const mraw = r.rawSql.matrixTheme
    console.log(`${pad('SQL Matrix Themenfeld 2 direkt', 30)} ${pad('', 9)} ${pad(String(mraw.p50 ?? mraw.status), 9)} ${pad(String(mraw.p95 ?? ''), 9)}`)
    for (const [key, value] of Object.entries(r.pages)) line(LABELS[key] ?? key, value)
    const s = r.saves
    console.log(
      s.status === 'ok'
        ? `${pad('Speichern (20 Redaktionen)', 30)} ${pad(String(s.savesPerSecond), 9)} ${pad(String(s.p50), 9)} ${pad(String(s.p95), 9)} ok ${s.ok}, Historie ${s.historyRecords}, verloren ${s.lostUpdates}, Konflikte ${s.conflicts}, ungültig ${s.invalid}`
        : `${pad('Speichern (20 Redaktionen)', 30)} ${s.status} ${s.note ?? ''}`,
    )
    if (s.firstProblem) console.log(`  erstes Problem beim Speichern: ${s.firstProblem}`)
    if (r.import) {
      const i = r.import
      console.log(
        i.status === 'ok'
          ? `${pad('CSV-Import', 30)} ${i.totalSeconds} s (Vorschau ${i.previewSeconds} s + Übernahme ${i.applySeconds} s), ${i.rows} Zeilen, ${i.megabytes} MB, ${i.files} Datei(en), ${i.changedRows} geändert`
          : `${pad('CSV-Import', 30)} ${i.status}: ${i.note ?? ''}`,
      )
      if (i.fullFileRefused) console.log(`  ${i.fullFileRefused}`)
    }
    console.log(`${pad('Server-Spitzenspeicher', 30)} ${r.serverPeakRssMb} MB`)
  }
  console.log('\nJavaScript je Seite (gzip -9, Einstieg + Routenkette + Importe):')
  if ('error' in js) console.log(`  ${js.error}`)
  else for (const j of js) console.log(`  ${pad(j.page, 32)} ${j.status === 'ok' ? `${j.gzipKb} KB gzip (${j.rawKb} KB roh, ${j.files} Dateien)` : 'fehlt'}`)
  console.log('\nZiele aus Issue 6:')
  for (const t of targets) {
    const mark = t.ok === null ? 'offen' : t.ok ? 'erfüllt' : 'VERFEHLT'
    console.log(`  [${pad(mark, 8)}] ${pad(t.target, 52)} ${t.scale ? `@${t.scale}: ` : ''}${t.value}`)
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const startedAt = new Date()
  const build = ensureBuild(args.build)
  const js = javascriptPerPage()
  const results: ScaleResult[] = []
  for (const n of args.scales) results.push(await runScale(n, args))
  const targets = evaluate(results, js)
  printTable(results, js, targets)
  const dir = resolve(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  const machine = { cpus: (await import('node:os')).cpus().length, node: process.version, load: (await import('node:os')).loadavg() }
  writeFileSync(file, JSON.stringify({ startedAt, args, build, machine, javascript: js, results, targets }, null, 2) + '\n')
  console.log(`\nErgebnis: ${file} (Dauer ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s)`)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error)
  process.exit(1)
})
