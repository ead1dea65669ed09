import { asc, eq, sql } from 'drizzle-orm'
import { counties, statuses } from '../../db/schema'
import { getDb } from '~/utils/db.server'
import { countWhere, isOnline } from './sql.server'

/** Every member county with its status counts, aggregated in SQL. */
export async function listCountiesWithCounts() {
  const db = await getDb()
  return db
    .select({
      ags: counties.ags,
      name: counties.name,
      kind: counties.kind,
      total: sql<number>`count(${statuses.id})`.mapWith(Number),
      online: countWhere(isOnline),
      own: countWhere(sql`${statuses.approach} = 'own'`),
      efa: countWhere(sql`${statuses.approach} = 'efa'`),
      pending: countWhere(sql`${statuses.approach} = 'pending'`),
      notApplicable: countWhere(sql`${statuses.approach} = 'not_applicable'`),
    })
    .from(counties)
    .leftJoin(statuses, eq(statuses.countyId, counties.id))
    .where(eq(counties.isMember, true))
    .groupBy(counties.id)
    .orderBy(asc(counties.name))
}
