// National scale (issue 15 item 5): on a database made by `npm run bench:data -- --counties N`
// (10,800 Gemeinden: ~6 M status rows), time what a user waits for — the dashboard, the API
// summary and a county page — one request after the other, and each model function those
// pages call, in this process on the same database. Sequential on purpose: at this size one
// request is seconds, and the machine is shared.
//
//   npm run bench:national -- [--counties 10800] [--database ozg_bench_10800] [--runs 3] [--admin-url URL] [--no-server]
//     [--meeting 2026-08-31]
//
// The generated data has no meeting, so the dashboard's „seit der Sitzung“ query returns at once;
// --meeting adds one held on that day for the run (and removes it afterwards), so the changes
// since are read as after a real meeting.
//
// Needs the production build (`npm run build` with NODE_ENV=production) and bench/data/ozg_bench_<N>.json.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase, queryRows, useDatabase } from '../app/utils/db.server'
import { DEFAULT_ADMIN_URL, withDatabase, type BenchCredentials } from './generate'
import { peakRssMb, QUIET_UNLIMITED, startServer, stopServer } from './lib/server'

const ROOT = resolve(import.meta.dirname, '..')

type Args = { counties: number; database: string; runs: number; adminUrl: string; server: boolean; meeting?: string }

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name)
    return i === -1 ? undefined : argv[i + 1]
  }
  return {
    counties: Number(value('--counties') ?? 10800),
    database: value('--database') ?? `ozg_bench_${Number(value('--counties') ?? 10800)}`,
    runs: Number(value('--runs') ?? 3),
    adminUrl: value('--admin-url') ?? process.env.BENCH_ADMIN_URL ?? DEFAULT_ADMIN_URL,
    server: !argv.includes('--no-server'),
    meeting: value('--meeting'),
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]
const ms = (n: number) => `${(n < 100 ? Math.round(n * 10) / 10 : Math.round(n)).toLocaleString('de-DE')} ms`

async function timeRuns(runs: number, task: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await task()
    times.push(performance.now() - t0)
  }
  return times
}

async function modelTimes(args: Args, firstCountyId: number, firstAgs: string) {
  const summary = await import('../app/models/summary.server')
  const status = await import('../app/models/status.server')
  const standing = await import('../app/models/standing.server')
  const service = await import('../app/models/service.server')
  const { rawDashboardWork } = await import('./lib/baselines')
  const tasks: [string, () => Promise<unknown>][] = [
    ['listThemes (Übersicht)', () => service.listThemes()],
    ['getCountySummary (Übersicht, Karte, Tabellen)', () => summary.getCountySummary({})],
    ['getOnlineTrend (Übersicht, Gemeinschaftslinie)', () => summary.getOnlineTrend({}, [])],
    ['getMaturity20Series (Übersicht liest es aus getCountySummary)', () => summary.getMaturity20Series({})],
    ['getStandingAtLastMeeting (Übersicht)', () => standing.getStandingAtLastMeeting({})],
    ['getCountyLands (Übersicht)', () => standing.getCountyLands()],
    ['alle Aufrufe der Übersicht (wie rawDashboard)', rawDashboardWork],
    ['getCountyKpis (API, Kreisseite)', () => summary.getCountyKpis({})],
    ['getCountyKpisOf (Kreisseite)', () => summary.getCountyKpisOf(firstAgs)],
    ['listStatusesForCounty (Kreisseite, Seite 1)', () => status.listStatusesForCounty(firstCountyId, {}, { by: 'ozg_id', direction: 'asc' }, { page: 1, pageSize: 50 })],
  ]
  const rows: string[] = []
  for (const [label, task] of tasks) {
    await task() // warm-up
    const times = await timeRuns(args.runs, task)
    rows.push(`| ${label} | ${ms(median(times))} | ${times.map((t) => Math.round(t * 10) / 10).join(' / ')} |`)
  }
  return rows
}

async function pageTimes(args: Args, credentials: BenchCredentials, firstAgs: string) {
  const server = await startServer(credentials.databaseUrl, { env: QUIET_UNLIMITED })
  const pages: [string, string, Record<string, string>][] = [
    ['Übersicht `/`', '/', { Cookie: credentials.coordinatorCookie }],
    ['API `/api/v1/summary`', '/api/v1/summary', { Authorization: `Bearer ${credentials.apiToken}` }],
    [`Kreisseite \`/kreise/${firstAgs}\``, `/kreise/${firstAgs}`, { Cookie: credentials.coordinatorCookie }],
  ]
  const rows: string[] = []
  try {
    for (const [label, path, headers] of pages) {
      let bytes = 0
      let status = 0
      const task = async () => {
        const response = await fetch(server.base + path, { headers })
        status = response.status
        bytes = (await response.arrayBuffer()).byteLength
      }
      await task()
      const times = await timeRuns(args.runs, task)
      rows.push(`| ${label} | ${status} | ${ms(median(times))} | ${times.map((t) => Math.round(t)).join(' / ')} | ${(bytes / 1e6).toFixed(2)} MB |`)
    }
    rows.push(`\nServer peak RSS: ${peakRssMb(server.child.pid) ?? '?'} MB`)
  } finally {
    await stopServer(server)
  }
  return rows
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const name = args.database
  const credentials = JSON.parse(readFileSync(resolve(ROOT, `bench/data/${name}.json`), 'utf8')) as BenchCredentials
  const handle = await openDatabase({ engine: 'postgres', url: withDatabase(args.adminUrl, name), max: 10 })
  useDatabase(handle)
  const [meeting] = args.meeting
    ? await queryRows<{ id: number }>(handle.db, sql`insert into meetings (held_on, title) values (${args.meeting}, 'Benchmark') returning id`)
    : []
  try {
    const [counts] = await queryRows<{ statuses: string; counties: string }>(
      handle.db,
      sql`select (select count(*) from statuses) as statuses, (select count(*) from counties where is_member) as counties`,
    )
    const [first] = await queryRows<{ id: number; ags: string }>(handle.db, sql`select id, ags from counties where is_member order by name, ags limit 1`)
    console.log(`${name}: ${Number(counts.counties).toLocaleString('de-DE')} Kreise, ${Number(counts.statuses).toLocaleString('de-DE')} Statuszeilen, ${args.runs} Läufe je Messung (Median, dann alle)${args.meeting ? `, Sitzung am ${args.meeting}` : ''}\n`)
    console.log('| Modellfunktion (im Prozess) | Median | Läufe |\n|---|---|---|')
    for (const row of await modelTimes(args, first.id, first.ags)) console.log(row)
    if (args.server) {
      console.log('\n| Seite (nacheinander) | Status | Median | Läufe | Größe |\n|---|---|---|---|---|')
      for (const row of await pageTimes(args, credentials, first.ags)) console.log(row)
    }
  } finally {
    if (meeting) await queryRows(handle.db, sql`delete from meetings where id = ${meeting.id}`)
    await handle.close()
  }
}

await main()
