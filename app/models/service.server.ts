import { and, asc, count, eq, exists, ilike, isNull, or, sql, type SQL } from 'drizzle-orm'
import { leikaEntries, lifeSituations, services, themes } from '../../db/schema'
import { PAGE_SIZE, type ServiceSearch } from '~/domain/search'
import { getDb, oncePerDatabase } from '~/utils/db.server'
import { containsPattern } from './sql.server'

// The 14 Themenfelder come with the catalogue seed and no page or import changes them (the
// catalogue import refuses unknown ones): read once per database, not on every page. An empty
// list (a database about to be seeded) is not remembered.
const themesOf = oncePerDatabase(
  (db) => db.select({ id: themes.id, name: themes.name }).from(themes).orderBy(asc(themes.name)),
  (rows) => rows.length > 0,
)

export async function listThemes(): Promise<readonly { id: number; name: string }[]> {
  return themesOf(await getDb())
}

/** Catalogue search by name, OZG-ID or LeiKa key, one page at a time. */
export async function searchServices(search: ServiceSearch) {
  const db = await getDb()
  const conditions: SQL[] = [isNull(services.retiredAt)]
  if (search.q) {
    const q = search.q
    const pattern = containsPattern(q)
    const byText = [ilike(services.name, pattern)]
    if (/^\d{1,5}$/.test(q)) byText.push(sql`${services.ozgId} like ${`${q}%`}`)
    if (/^\d{3,14}$/.test(q)) {
      byText.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(leikaEntries)
            .where(and(eq(leikaEntries.serviceId, services.id), sql`${leikaEntries.key} like ${`${q}%`}`)),
        ),
      )
    }
    conditions.push(or(...byText)!)
  }
  if (search.themenfeld) conditions.push(eq(services.themeId, search.themenfeld))
  const where = and(...conditions)

  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(services).where(where),
    db
      .select({
        ozgId: services.ozgId,
        name: services.name,
        theme: themes.name,
        lifeSituation: lifeSituations.name,
        responsibilities: services.responsibilities,
        leikaCount: sql<number>`(select count(*) from ${leikaEntries} where ${leikaEntries.serviceId} = ${services.id})`.mapWith(Number),
      })
      .from(services)
      .innerJoin(themes, eq(themes.id, services.themeId))
      .leftJoin(lifeSituations, eq(lifeSituations.id, services.lifeSituationId))
      .where(where)
      .orderBy(asc(services.ozgId))
      .limit(PAGE_SIZE)
      .offset((search.seite - 1) * PAGE_SIZE),
  ])
  return { total: Number(total), rows, pageSize: PAGE_SIZE, page: search.seite }
}
