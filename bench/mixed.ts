// The mixed workload (issue 15): 20 distinct signed-in users at once — 14 editors of different
// counties, the coordinator and 5 viewers — each on one connection without pause, each going
// round its own path through the app: the dashboard, county pages, service pages, the matrix of
// a Themenfeld, and for editors the edit form of one of their rows and its save (about one
// request in eight is a save). Pages and rows rotate, so a user seldom asks for the same page
// twice while the data stays the same. It runs the same workload against one and against two
// server processes (WEB_CONCURRENCY), alternating the two `--mixed-rounds` times, and checks
// afterwards that no save was lost. Besides requests/s it reports the CPU time the server
// processes and the load generator used: on 2 cores the generator competes with the server for
// them, and on a shared machine so does everything else.
import autocannon, { type RequestParams } from 'autocannon'
import { sql } from 'drizzle-orm'
import { listThemes } from '../app/models/service.server'
import { queryRows } from '../app/utils/db.server'
import { editorRows, formHistoryCount, recordSave, rowsNotAsSaved, saveForm, settleUnanswered, type RowTarget } from './lib/rows'
import { scenario, type ScaleContext } from './lib/scenario'
import { cpuSeconds, type ServerOptions } from './lib/server'
import { pad, percentile, round } from './lib/stats'

const EDITORS = 14
const WARM_UP_SECONDS = 2

type Step = { method: 'GET' } | { method: 'POST'; row: RowTarget }
type Request = { path: string; step: Step }
type User = { name: string; cookie: string; next: () => Request }

export type MixedRun = {
  label: string
  workers: number
  rps: number
  readsPerSecond: number
  savesPerSecond: number
  p50: number
  p95: number
  requests: number
  failed: number
  firstFailure?: string
  /** CPU milliseconds the server's worker processes spent per request answered. */
  serverCpuMsPerRequest: number
  /** Share of the window's CPU (2 cores = 200 %) used by the server and by the load generator. */
  serverCpuPercent: number
  generatorCpuPercent: number
}

export type MixedResult = {
  users: { editors: number; coordinators: number; viewers: number }
  runs: MixedRun[]
  /** Median requests/s per configuration over the rounds. */
  oneProcess: number
  twoProcesses: number
  twoVsOne: number
  /** Median server CPU milliseconds per request answered. */
  oneProcessCpuMs: number
  twoProcessesCpuMs: number
  lostUpdates: number
  /** Requests answered otherwise than expected (a conflict, an error) over all runs. */
  failed: number
}

const CONFIGURATIONS: { label: string; options: ServerOptions }[] = [
  { label: '1 Prozess', options: { workers: 1 } },
  { label: '2 Prozesse', options: { workers: 2 } },
]

function rotate<T>(items: T[], start = 0) {
  let i = start
  return () => items[i++ % items.length]
}

const get = (path: string): Request => ({ path, step: { method: 'GET' } })
const rowPage = (t: RowTarget) => `/kreise/${t.ags}/leistungen/${t.ozgId}`

/** A user's path through the app, round and round. */
function cycle(plan: (() => Request)[]): () => Request {
  let i = 0
  return () => plan[i++ % plan.length]()
}

async function buildUsers(ctx: ScaleContext): Promise<{ users: User[]; rows: RowTarget[]; editors: ScaleContext['gen']['editors'] }> {
  const { handle, gen } = ctx
  const agsList = (await queryRows<{ ags: string }>(handle.db, sql`select ags from counties order by id`)).map((r) => r.ags)
  // Every seventh service of the catalogue: about 80 different service pages.
  const ozgIds = (await queryRows<{ ozg_id: string }>(handle.db, sql`select ozg_id from services where retired_at is null order by ozg_id`))
    .map((r) => r.ozg_id)
    .filter((_, i) => i % 7 === 0)
  const themeIds = (await listThemes()).map((t) => t.id)
  // Editors of different counties (at 16 counties the first 14 are on 14 counties).
  const editors = gen.editors.slice(0, EDITORS)
  const work = await editorRows(handle.db, editors)
  const users: User[] = []
  work.forEach(({ editor, targets }, e) => {
    const row = rotate(targets, e * 3)
    const service = rotate(ozgIds, e * 5)
    const theme = rotate(themeIds, e)
    // The row being edited: its page is opened, saved, and looked at again.
    let current = targets[0]
    const plan: (() => Request)[] = [
      () => get('/'),
      () => get(`/kreise/${editor.countyAgs}`),
      () => {
        current = row()
        return get(rowPage(current))
      },
      () => ({ path: rowPage(current), step: { method: 'POST', row: current } }),
      () => get(`/leistungen/${service()}`),
      () => get(`/matrix?themenfeld=${theme()}`),
      () => get(rowPage(current)),
      () => get(`/leistungen/${service()}`),
    ]
    users.push({ name: editor.email, cookie: editor.cookie, next: cycle(plan) })
  })
  const county = rotate(agsList, 3)
  const service = rotate(ozgIds, 11)
  const theme = rotate(themeIds, 4)
  users.push({
    name: 'koordination',
    cookie: gen.coordinatorCookie,
    next: cycle([
      () => get('/'),
      () => get(`/matrix?themenfeld=${theme()}`),
      () => get(`/kreise/${county()}`),
      () => get(`/leistungen/${service()}`),
    ]),
  })
  gen.viewers.forEach((viewer, v) => {
    const county = rotate(agsList, v * 2)
    const service = rotate(ozgIds, v * 13)
    users.push({
      name: viewer.email,
      cookie: viewer.cookie,
      next: cycle([
        () => get('/'),
        () => get(`/kreise/${county()}`),
        () => get(`/leistungen/${service()}`),
        () => get(`/kreise/${viewer.countyAgs}`),
      ]),
    })
  })
  return { users, rows: work.flatMap((w) => w.targets), editors }
}

type Window = { latencies: number[]; reads: number; saves: number; conflicts: number; failed: number; firstFailure?: string }

/**
 * One run: an autocannon instance with one connection per user, all at once (autocannon resets
 * a connection's context after each round of its requests, so the user lives in the closure).
 * Every response is judged by what was asked.
 */
function drive(base: string, users: User[], seconds: number, readsOnly = false): Promise<Window> {
  const window: Window = { latencies: [], reads: 0, saves: 0, conflicts: 0, failed: 0 }
  return Promise.all(users.map((user) => driveOne(base, user, seconds, window, readsOnly))).then(() => window)
}

function driveOne(base: string, user: User, seconds: number, window: Window, readsOnly: boolean): Promise<void> {
  // The warm-up leaves the saves out: none may be on the way when the measured run begins.
  const next = () => {
    let request = user.next()
    while (readsOnly && request.step.method === 'POST') request = user.next()
    return request
  }
  let asked: Request = next()
  let note = ''
  const setupRequest = (req: RequestParams) => {
    const cookie = { Cookie: user.cookie }
    if (asked.step.method === 'GET') return { ...req, method: 'GET', path: asked.path, headers: cookie, body: undefined }
    note = `Gemischte Last ${user.name} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
    asked.step.row.unanswered = note
    return {
      ...req,
      method: 'POST',
      path: asked.path,
      headers: { ...cookie, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: saveForm(asked.step.row, note).toString(),
    }
  }
  const onResponse = (status: number, body: string) => {
    const { step, path } = asked
    if (step.method === 'POST') step.row.unanswered = undefined
    if (step.method === 'POST' && status === 302) {
      recordSave(step.row, note)
      window.saves++
    } else if (step.method === 'GET' && status === 200) window.reads++
    else {
      if (status === 409) window.conflicts++
      window.failed++
      window.firstFailure ??= `${step.method} ${path}: HTTP ${status} ${body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 200)}`
    }
    asked = next()
  }
  return new Promise((done, fail) => {
    const instance = autocannon({ url: base, connections: 1, duration: seconds, timeout: 30, requests: [{ setupRequest, onResponse }] }, (error) =>
      error ? fail(error) : done(),
    )
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => window.latencies.push(responseTime))
  })
}

async function measure(ctx: ScaleContext, users: User[], rows: RowTarget[], configuration: (typeof CONFIGURATIONS)[number]): Promise<MixedRun> {
  const server = await ctx.startServer(configuration.options)
  try {
    // JIT, pools and caches of the fresh processes: not counted.
    await drive(server.base, users, WARM_UP_SECONDS, true)
    const pids = server.workerPids()
    const serverBefore = pids.map(cpuSeconds)
    const generatorBefore = process.cpuUsage()
    const t0 = performance.now()
    const w = await drive(server.base, users, ctx.args.mixedDuration)
    const seconds = (performance.now() - t0) / 1000
    const serverCpu = pids.map(cpuSeconds).reduce((sum, after, i) => sum + after - serverBefore[i], 0)
    const generator = process.cpuUsage(generatorBefore)
    const answered = w.reads + w.saves
    return {
      label: configuration.label,
      workers: server.workers,
      rps: round(answered / seconds),
      readsPerSecond: round(w.reads / seconds),
      savesPerSecond: round(w.saves / seconds),
      p50: round(percentile(w.latencies, 50)),
      p95: round(percentile(w.latencies, 95)),
      requests: w.latencies.length,
      failed: w.failed,
      firstFailure: w.firstFailure,
      serverCpuMsPerRequest: answered > 0 ? round((serverCpu * 1000) / answered, 2) : NaN,
      serverCpuPercent: round((serverCpu / seconds) * 100),
      generatorCpuPercent: round(((generator.user + generator.system) / 1e6 / seconds) * 100),
    }
  } finally {
    // Stopping lets the requests still running finish: then the rows tell which of the saves
    // sent as the window closed were committed.
    await ctx.stopServer(server)
    await settleUnanswered(ctx.handle.db, rows)
  }
}

/** The median of the finite values (a run that answered nothing has no CPU per request). */
function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  const middle = sorted.length / 2
  return sorted.length === 0 ? NaN : Number.isInteger(middle) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[Math.floor(middle)]
}

export const mixedWorkload = scenario<MixedResult>({
  key: 'mixed',
  title: 'Gemischte Last, 20 angemeldete Personen',
  runsAt: (counties) => counties <= 400,
  async run(ctx) {
    const { users, rows, editors } = await buildUsers(ctx)
    const historyBefore = await formHistoryCount(ctx.handle.db, editors)
    const runs: MixedRun[] = []
    for (let pass = 0; pass < ctx.args.mixedRounds; pass++) {
      // Alternate the order, so that neither configuration always runs first.
      const order = pass % 2 === 0 ? CONFIGURATIONS : [...CONFIGURATIONS].reverse()
      for (const configuration of order) {
        process.stdout.write(`  gemischte Last, ${configuration.label} … `)
        const run = await measure(ctx, users, rows, configuration)
        console.log(`${run.rps} req/s (${run.savesPerSecond} Speicherungen/s), p50 ${run.p50} ms, Server-CPU ${run.serverCpuMsPerRequest} ms/Anfrage${run.failed ? `, ${run.failed} fehlgeschlagen` : ''}`)
        runs.push(run)
      }
    }
    const saved = rows.reduce((sum, t) => sum + t.saved, 0)
    const history = (await formHistoryCount(ctx.handle.db, editors)) - historyBefore
    const lostUpdates = (await rowsNotAsSaved(ctx.handle.db, rows)) + Math.abs(history - saved)
    const rpsOf = (label: string) => median(runs.filter((r) => r.label === label).map((r) => r.rps))
    const cpuOf = (label: string) => median(runs.filter((r) => r.label === label).map((r) => r.serverCpuMsPerRequest))
    const oneProcess = rpsOf(CONFIGURATIONS[0].label)
    const twoProcesses = rpsOf(CONFIGURATIONS[1].label)
    return {
      users: { editors: editors.length, coordinators: 1, viewers: ctx.gen.viewers.length },
      runs,
      oneProcess,
      twoProcesses,
      twoVsOne: round(twoProcesses / oneProcess, 2),
      oneProcessCpuMs: round(cpuOf(CONFIGURATIONS[0].label), 2),
      twoProcessesCpuMs: round(cpuOf(CONFIGURATIONS[1].label), 2),
      lostUpdates,
      failed: runs.reduce((sum, r) => sum + r.failed, 0),
    }
  },
  print(result) {
    const lines = [`Gemischte Last: ${result.users.editors} Redaktionen, ${result.users.coordinators} Koordination, ${result.users.viewers} Lesende (je eine Verbindung)`]
    lines.push([pad('Konfiguration', 30), pad('req/s', 9), pad('Speich./s', 10), pad('p50 ms', 9), pad('p95 ms', 9), pad('Server-CPU ms/Anfr.', 20), 'CPU Server / Lastgenerator'].join(' '))
    for (const r of result.runs) {
      lines.push(
        [pad(r.label, 30), pad(String(r.rps), 9), pad(String(r.savesPerSecond), 10), pad(String(r.p50), 9), pad(String(r.p95), 9), pad(String(r.serverCpuMsPerRequest), 20), `${r.serverCpuPercent} % / ${r.generatorCpuPercent} %`].join(' '),
      )
      if (r.firstFailure) lines.push(`  erster Fehler: ${r.firstFailure}`)
    }
    lines.push(
      `Median: 1 Prozess ${result.oneProcess}, 2 Prozesse ${result.twoProcesses} req/s (= ${result.twoVsOne}×); Server-CPU je Anfrage ${result.oneProcessCpuMs} bzw. ${result.twoProcessesCpuMs} ms; verlorene Änderungen ${result.lostUpdates}`,
    )
    return lines
  },
  targets(results) {
    return results
      .filter((r) => r.counties === 16)
      .flatMap(({ counties, result }) => [
        {
          target: 'zwei Prozesse vs. einer, gemischte Last ≥ 1,7×',
          scale: counties,
          value: `${result.twoProcesses} vs ${result.oneProcess} req/s = ${result.twoVsOne}×`,
          ok: Number.isFinite(result.twoVsOne) ? result.twoVsOne >= 1.7 : null,
        },
        { target: 'gemischte Last: keine Änderung verloren', scale: counties, value: `${result.lostUpdates} verloren`, ok: result.lostUpdates === 0 },
      ])
  },
})
