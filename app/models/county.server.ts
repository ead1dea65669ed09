import { and, asc, eq, sql } from 'drizzle-orm'
import { counties, statuses } from '../../db/schema'
import { getDb } from '~/utils/db.server'
import { countWhere, countyTextMatch, isOnline } from './sql.server'

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

/** How many member counties the dashboard's county search lists at most. */
export const COUNTY_SEARCH_LIMIT = 20

export type CountyHit = { ags: string; name: string; land: string | null }

/**
 * Member counties whose name contains the word or whose AGS starts with its digits, by name —
 * the dashboard's chooser beyond the Land grouping threshold, where a list of all would not fit.
 */
export async function searchMemberCounties(q: string, limit = COUNTY_SEARCH_LIMIT): Promise<{ counties: CountyHit[]; more: boolean }> {
  const word = q.trim()
  if (!word) return { counties: [], more: false }
  const db = await getDb()
  const rows = await db
    .select({ ags: counties.ags, name: counties.name, land: counties.land })
    .from(counties)
    .where(and(eq(counties.isMember, true), countyTextMatch(word, counties)))
    .orderBy(asc(counties.name), asc(counties.ags))
    .limit(limit + 1)
  return { counties: rows.slice(0, limit), more: rows.length > limit }
}
