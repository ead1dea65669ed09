// Read queries that only the JSON API needs (the catalogue with limit/offset paging).
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm'
import { lifeSituations, services, themes } from '../../db/schema'
import { getDb } from '~/utils/db.server'
import { serviceEntryColumns } from './service-detail.server'
import { containsPattern } from './sql.server'

export type ServiceListFilter = { q?: string; themenfeld?: number; ausgesondert?: boolean }

export async function listServicesPage(filter: ServiceListFilter, page: { limit: number; offset: number }) {
  const db = await getDb()
  const conditions: SQL[] = []
  if (!filter.ausgesondert) conditions.push(isNull(services.retiredAt))
  if (filter.themenfeld) conditions.push(eq(services.themeId, filter.themenfeld))
  if (filter.q) {
    const pattern = containsPattern(filter.q)
    conditions.push(or(ilike(services.name, pattern), sql`${services.ozgId} like ${`${filter.q}%`}`)!)
  }
  const where = conditions.length ? and(...conditions) : undefined
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(services).where(where),
    db
      .select({
        ...serviceEntryColumns,
      })
      .from(services)
      .innerJoin(themes, eq(themes.id, services.themeId))
      .leftJoin(lifeSituations, eq(lifeSituations.id, services.lifeSituationId))
      .where(where)
      .orderBy(asc(services.ozgId))
      .limit(page.limit)
      .offset(page.offset),
  ])
  return { total: Number(total), rows }
}
