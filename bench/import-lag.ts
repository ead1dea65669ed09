// How long a confirmed import keeps other users waiting (issue 10, item 11). Opens a fresh
// database with the demo community (16 counties, 8,912 rows), changes the note of every row in an
// exported file, previews it, and while applyImport runs measures what another user notices:
//   - event loop: the longest gap between 10 ms timer ticks (nothing else can run in that gap);
//   - a page's query: `select count(*) from statuses where county_id = 1` issued every 20 ms,
//     the longest time one of them took to answer.
// Usage: npx tsx bench/import-lag.ts [--engine pglite|postgres] [--rows-changed all|tenth]
// (postgres: BENCH_ADMIN_URL or postgres://postgres@127.0.0.1:5432/test; a throwaway database.)
// LAG_TRACE=<ms>: print every database protocol message of the apply slower than that.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { counties, users } from '../db/schema'
import { seedDatabase } from '../seeds/seed.server'
import type { SessionUser } from '../app/domain/permissions'
import { formatStatusCsv, StatusFilter, toCsvRecord } from '../app/domain/status-csv'
import { listStatusRows } from '../app/models/export.server'
import { applyImport, previewImport } from '../app/models/import.server'
import { openDatabase, queryRows, useDatabase, type DatabaseHandle } from '../app/utils/db.server'

const args = process.argv.slice(2)
const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'pglite'
const everyRow = !(args.includes('--rows-changed') && args[args.indexOf('--rows-changed') + 1] === 'tenth')

async function open(): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'ozg-import-lag-'))
    const handle = await openDatabase({ engine: 'pglite', dir: join(dir, 'pglite') })
    return { handle, cleanup: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }) } }
  }
  const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const name = `ozg_lag_${randomBytes(4).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ engine: 'postgres', url: url.toString() })
  return {
    handle,
    cleanup: async () => {
      await handle.close()
      await admin.unsafe(`drop database ${name} with (force)`)
      await admin.end()
    },
  }
}

const { handle, cleanup } = await open()
try {
  useDatabase(handle)
  await seedDatabase(handle.db, { demo: true })
  const [u] = await handle.db.select().from(users).where(eq(users.email, 'koordination@demo.invalid'))
  const user: SessionUser = { id: u.id, email: u.email, name: u.name, role: 'coordinator', countyId: null, countyAgs: null }
  const rows = await listStatusRows(StatusFilter.parse({}))
  const records = rows.map((row, i) => (everyRow || i % 10 === 0 ? { ...toCsvRecord(row), notiz: `Lag-Messung ${i}` } : toCsvRecord(row)))
  const file = { name: 'alle.csv', bytes: new TextEncoder().encode(formatStatusCsv(records)) }
  const t0 = performance.now()
  const preview = await previewImport(file, user)
  const t1 = performance.now()
  if (!preview.token) throw new Error(`Keine Vorschau: ${JSON.stringify(preview.errors.slice(0, 3))}`)

  let running = true
  let maxGap = 0
  let last = performance.now()
  const ticker = setInterval(() => {
    const now = performance.now()
    maxGap = Math.max(maxGap, now - last - 10)
    last = now
  }, 10)
  let maxQuery = 0
  let queries = 0
  const [{ id: countyId }] = await handle.db.select({ id: counties.id }).from(counties).limit(1)
  const other = (async () => {
    while (running) {
      const q0 = performance.now()
      await queryRows(handle.db, sql`select count(*) from statuses where county_id = ${countyId}`)
      maxQuery = Math.max(maxQuery, performance.now() - q0)
      queries++
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  const trace: [number, number, string][] = []
  const client = (handle.db as unknown as { $client?: { execProtocolRaw?: (m: Uint8Array, o?: unknown) => Promise<unknown> } }).$client
  if (process.env.LAG_TRACE && client?.execProtocolRaw) {
    const original = client.execProtocolRaw.bind(client)
    client.execProtocolRaw = async (m, o) => {
      const s0 = performance.now()
      try {
        return await original(m, o)
      } finally {
        trace.push([s0, performance.now() - s0, Buffer.from(m.subarray(0, 200)).toString('latin1').replace(/[^ -~]/g, '.').slice(0, 120)])
      }
    }
  }
  const t2 = performance.now()
  const result = await applyImport(preview.token, user)
  if (process.env.LAG_TRACE) for (const [at, ms, text] of trace.filter((t) => t[1] > Number(process.env.LAG_TRACE))) console.log(Math.round(at - t2), Math.round(ms), text)
  const t3 = performance.now()
  running = false
  clearInterval(ticker)
  await other
  if (!result.ok) throw new Error(result.message)
  console.log(
    JSON.stringify({
      engine,
      rows: rows.length,
      changed: result.changed,
      previewSeconds: +((t1 - t0) / 1000).toFixed(2),
      applySeconds: +((t3 - t2) / 1000).toFixed(2),
      longestEventLoopGapMs: Math.round(maxGap),
      longestOtherQueryMs: Math.round(maxQuery),
      otherQueriesDuringApply: queries,
    }),
  )
} finally {
  await cleanup()
}
