// Facts about this installation that the seed writes once.
import { sql } from 'drizzle-orm'
import { getDb, oncePerDatabase, queryRows } from '~/utils/db.server'

const isDemoDatabase = oncePerDatabase((db) =>
  queryRows<{ value: string }>(db, sql`select value from app_meta where key = 'demo'`).then(([row]) => row?.value === 'true'),
)

/** Whether this is the demo community: set when the database is seeded. */
export async function isDemoMode(): Promise<boolean> {
  return isDemoDatabase(await getDb())
}
