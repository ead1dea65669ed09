// Fills an empty database: the OZG catalogue always, the demo community in demo mode.
import { sql } from 'drizzle-orm'
import { queryRows, type Db, type Tx } from '../app/utils/db.server'
import { loadCatalogue } from './catalogue.server'
import { loadDemoCommunity } from './demo.server'
import { loadApplicabilityRules, loadRegister } from './register.server'

// Any constant works; it must differ from the migration lock in db.server.ts.
const SEED_LOCK = 4_206_302

export async function seedDatabase(db: Db, options: { demo: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    // Several app servers may start at once: the second waits here and then finds data.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`)
    if (await isEmpty(tx, 'services')) await loadCatalogue(tx)
    // Reference data added after the first release: loaded into existing databases too.
    if (await isEmpty(tx, 'county_register')) await loadRegister(tx)
    if (await isEmpty(tx, 'applicability_rules')) await loadApplicabilityRules(tx)
    if (options.demo && (await isEmpty(tx, 'counties'))) {
      await loadDemoCommunity(tx)
      await tx.execute(sql`insert into app_meta (key, value) values ('demo', 'true') on conflict (key) do update set value = excluded.value`)
    }
  })
}

async function isEmpty(tx: Tx, table: 'services' | 'counties' | 'county_register' | 'applicability_rules') {
  const rows = await queryRows<{ found: boolean }>(tx, sql`select exists (select 1 from ${sql.identifier(table)}) as found`)
  return !rows[0].found
}
