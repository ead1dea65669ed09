// The county page's rows: filters, sorting and pages, all in SQL; and its bulk form, which
// writes through the one write path (status-write.server.ts).
import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import { counties, onlineServices, services, statuses, themes } from '../../db/schema'
import type { ApproachCode, StageCode } from '~/domain/enums'
import type { StatusValues } from '~/domain/status'
import { getDb } from '~/utils/db.server'
import { containsPattern, interfaceFilterConditions, isStale } from './sql.server'
import { applyStatusChanges, StatusRuleError, type Actor, type RowRuleIssue, type StatusChange } from './status-write.server'

export type CountyRowFilter = {
  umsetzungsweg?: ApproachCode
  fortschritt?: StageCode
  schnittstellenstatus?: string
  hersteller?: number
  fachverfahren?: number
  themenfeld?: number
  veraltet?: boolean
  q?: string
}
export const SORTS = {
  ozg_id: services.ozgId,
  leistung: services.name,
  themenfeld: themes.name,
  umsetzungsweg: statuses.approach,
  fortschritt: statuses.stage,
  schnittstellenstatus: statuses.interfaceStatus,
  reifegrad: statuses.maturity,
  aktualisiert: statuses.updatedAt,
  bestaetigt: statuses.confirmedAt,
} as const
export type SortKey = keyof typeof SORTS

function countyRowConditions(countyId: number, filter: CountyRowFilter): SQL {
  const conditions: SQL[] = [eq(statuses.countyId, countyId), isNull(services.retiredAt)]
  if (filter.umsetzungsweg) conditions.push(eq(statuses.approach, filter.umsetzungsweg))
  if (filter.fortschritt) conditions.push(eq(statuses.stage, filter.fortschritt))
  conditions.push(...interfaceFilterConditions(filter))
  if (filter.themenfeld) conditions.push(eq(services.themeId, filter.themenfeld))
  if (filter.veraltet !== undefined) conditions.push(filter.veraltet ? isStale : sql`not ${isStale}`)
  if (filter.q) {
    const q = filter.q.trim()
    const byText: SQL[] = [ilike(services.name, containsPattern(q))]
    if (/^\d{1,5}$/.test(q)) byText.push(sql`${services.ozgId} like ${`${q}%`}`)
    conditions.push(or(...byText)!)
  }
  return and(...conditions)!
}

export async function listStatusesForCounty(
  countyId: number,
  filter: CountyRowFilter,
  sort: { by: SortKey; direction: 'asc' | 'desc' },
  page: { page: number; pageSize: number },
) {
  const db = await getDb()
  const where = countyRowConditions(countyId, filter)
  const column = SORTS[sort.by]
  const order = sort.direction === 'desc' ? sql`${column} desc nulls last` : sql`${column} asc nulls last`
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(statuses).innerJoin(services, eq(services.id, statuses.serviceId)).where(where),
    db
      .select({
        id: statuses.id,
        ozgId: services.ozgId,
        serviceName: services.name,
        theme: themes.name,
        approach: statuses.approach,
        stage: statuses.stage,
        interfaceStatus: statuses.interfaceStatus,
        maturity: statuses.maturity,
        onlineService: onlineServices.name,
        updatedAt: statuses.updatedAt,
        confirmedAt: statuses.confirmedAt,
        isStale: sql<boolean>`${isStale}`.mapWith(Boolean),
      })
      .from(statuses)
      .innerJoin(services, eq(services.id, statuses.serviceId))
      .innerJoin(themes, eq(themes.id, services.themeId))
      .leftJoin(onlineServices, eq(onlineServices.id, statuses.onlineServiceId))
      .where(where)
      .orderBy(order, asc(services.ozgId))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
  ])
  return { total: Number(total), rows }
}

// ---------------------------------------------------------------------------------------------
// Many rows at once (the county page's bulk form).
export type BulkSet = Partial<Pick<StatusValues, 'approach' | 'stage' | 'interfaceStatus' | 'funding'>>

export type BulkResult =
  | { ok: true; changed: number; unchanged: number }
  | { ok: false; issues: RowRuleIssue[] }
  /** The selection names rows of another county (or none that exist): nothing was written. */
  | { ok: false; foreignRows: true }

/**
 * Applies one set of values to the selected rows (ids, or every row of a filter) of one county in
 * one transaction. Rows outside the county are refused, so a forged id cannot reach another county.
 */
export async function bulkUpdateStatuses(input: {
  countyId: number
  selection: { ids: number[] } | { filter: CountyRowFilter }
  set: BulkSet
  confirm: boolean
  comment: string | null
  actor: Actor
}): Promise<BulkResult> {
  const db = await getDb()
  try {
    return await db.transaction(async (tx) => {
      const rows =
        'ids' in input.selection
          ? await tx
              .select({ id: statuses.id, approach: statuses.approach, stage: statuses.stage, pendingPlan: statuses.pendingPlan })
              .from(statuses)
              .where(and(eq(statuses.countyId, input.countyId), inArray(statuses.id, input.selection.ids.length ? input.selection.ids : [-1])))
          : await tx
              .select({ id: statuses.id, approach: statuses.approach, stage: statuses.stage, pendingPlan: statuses.pendingPlan })
              .from(statuses)
              .innerJoin(services, eq(services.id, statuses.serviceId))
              .where(countyRowConditions(input.countyId, input.selection.filter))
      if ('ids' in input.selection && rows.length !== new Set(input.selection.ids).size) {
        return { ok: false as const, foreignRows: true as const }
      }
      const changes: StatusChange[] = rows.map((row) => {
        const set: Partial<StatusValues> = { ...input.set }
        const approach = input.set.approach ?? row.approach
        // Follow-ups a person would make anyway: a plan belongs to "offen" only, and "offen" is
        // always "geplant" — unless the form sets the stage explicitly (then the rules decide).
        if (approach !== 'pending' && row.pendingPlan) set.pendingPlan = null
        if (input.set.approach === 'pending' && !input.set.stage) set.stage = 'planned'
        return { statusId: row.id, set, confirm: input.confirm }
      })
      const result = await applyStatusChanges(tx, changes, input.actor, { comment: input.comment, source: 'bulk' })
      return { ok: true as const, changed: result.changed.length, unchanged: result.unchanged.length }
    })
  } catch (error) {
    if (error instanceof StatusRuleError) return { ok: false, issues: error.issues }
    throw error
  }
}

/** How many rows of the county a filter selects (for „alle N Zeilen dieses Filters“). */
export async function countStatusesForFilter(countyId: number, filter: CountyRowFilter) {
  const db = await getDb()
  const [{ total }] = await db.select({ total: count() }).from(statuses).innerJoin(services, eq(services.id, statuses.serviceId)).where(countyRowConditions(countyId, filter))
  return Number(total)
}

export async function getCountyByAgs(ags: string) {
  const db = await getDb()
  const [row] = await db
    .select({ id: counties.id, ags: counties.ags, name: counties.name, kind: counties.kind, isDemo: counties.isDemo })
    .from(counties)
    .where(and(eq(counties.ags, ags), eq(counties.isMember, true)))
  return row ?? null
}
