// Status rows (county × service): reading them for the county and row pages, and THE write path.
// Every change of a status row goes through applyStatusChanges(): it bumps the version, stamps
// who and when, and appends exactly one status_changes record per changed row — the form, the
// bulk edit and the CSV import alike.
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import {
  counties,
  fachverfahren,
  onlineServiceServices,
  onlineServices,
  services,
  statusChanges,
  statuses,
  themes,
  users,
  vendors,
} from '../../db/schema'
import type { OnlineServiceKindCode, MaturityModelCode } from '~/domain/enums'
import {
  checkStatusRules,
  diffStatus,
  STATUS_VALUE_FIELDS,
  toStatusValues,
  type FachverfahrenRef,
  type OnlineServiceRef,
  type StatusDiff,
  type StatusField,
  type StatusInputField,
  type StatusValues,
} from '~/domain/status'
import { STALE_AFTER_DAYS } from '~/domain/kpi'
import { getDb, type Tx } from '~/utils/db.server'

export type Actor = { id: number } | null
export type ChangeSource = 'form' | 'bulk' | 'import' | 'api' | 'seed' | 'catalogue'

export type StatusChange = {
  statusId: number
  /** Only the fields to set; absent fields stay as they are. */
  set: Partial<StatusValues>
  /** Stamp confirmed_at = now(): "checked and still current". Recorded in the history. */
  confirm?: boolean
  /** When given, the row must still be at this version, else StatusConflictError. */
  expectedVersion?: number
}

export type AppliedChange = { statusId: number; version: number; changes: StatusDiff }
export type ApplyResult = { changed: AppliedChange[]; unchanged: number[] }

export class StatusConflictError extends Error {
  constructor(
    public statusId: number,
    public currentVersion: number,
  ) {
    super(`Status ${statusId} wurde inzwischen geändert (Version ${currentVersion}).`)
  }
}

export type RowRuleIssue = { statusId: number; ozgId: string; serviceName: string; field: StatusInputField; message: string }
export class StatusRuleError extends Error {
  constructor(public issues: RowRuleIssue[]) {
    super(issues.map((i) => `${i.ozgId}: ${i.message}`).join(' '))
  }
}

/** The editable columns of a status row, selected by every reader that diffs or rewrites rows. */
export const valueColumns = {
  approach: statuses.approach,
  pendingPlan: statuses.pendingPlan,
  onlineServiceId: statuses.onlineServiceId,
  connection: statuses.connection,
  stage: statuses.stage,
  maturity: statuses.maturity,
  maturityModel: statuses.maturityModel,
  onlineSince: statuses.onlineSince,
  targetDate: statuses.targetDate,
  fachverfahrenId: statuses.fachverfahrenId,
  interfaceStandard: statuses.interfaceStandard,
  interfaceStatus: statuses.interfaceStatus,
  endToEnd: statuses.endToEnd,
  internalProcessing: statuses.internalProcessing,
  funding: statuses.funding,
  costOneOff: statuses.costOneOff,
  costAnnual: statuses.costAnnual,
  fundingNote: statuses.fundingNote,
  applicationsPerYear: statuses.applicationsPerYear,
  contact: statuses.contact,
  note: statuses.note,
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/**
 * The one write path for status rows, inside the caller's transaction. Locks the rows, checks
 * versions and the cross-field rules on the merged values, updates rows that share the same
 * new values with one statement, and writes one history record per changed row.
 * Throws StatusConflictError or StatusRuleError (the caller's transaction then rolls back).
 */
export async function applyStatusChanges(
  tx: Tx,
  changes: StatusChange[],
  actor: Actor,
  options: { comment?: string | null; source: ChangeSource },
): Promise<ApplyResult> {
  if (changes.length === 0) return { changed: [], unchanged: [] }
  const ids = changes.map((c) => c.statusId)
  const current = new Map<number, { countyId: number; serviceId: number; ozgId: string; serviceName: string; version: number; confirmedAt: Date | null; values: StatusValues }>()
  for (const part of chunks(ids, 5000)) {
    const rows = await tx
      .select({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId, version: statuses.version, confirmedAt: statuses.confirmedAt, ...valueColumns })
      .from(statuses)
      .where(inArray(statuses.id, part))
      .for('update')
    // Locked separately from the join: FOR UPDATE on an outer join is not allowed.
    const names = await tx.select({ id: services.id, ozgId: services.ozgId, name: services.name }).from(services).where(inArray(services.id, [...new Set(rows.map((r) => r.serviceId))]))
    const byService = new Map(names.map((n) => [n.id, n]))
    for (const r of rows) {
      const s = byService.get(r.serviceId)!
      current.set(r.id, {
        countyId: r.countyId,
        serviceId: r.serviceId,
        ozgId: s.ozgId,
        serviceName: s.name,
        version: r.version,
        confirmedAt: r.confirmedAt,
        values: toStatusValues(r as never),
      })
    }
  }

  type Planned = { change: StatusChange; before: (typeof current extends Map<number, infer V> ? V : never); merged: StatusValues; diff: StatusDiff }
  const planned: Planned[] = []
  const unchanged: number[] = []
  for (const change of changes) {
    const before = current.get(change.statusId)
    if (!before) throw new Error(`Status ${change.statusId} gibt es nicht.`)
    if (change.expectedVersion !== undefined && change.expectedVersion !== before.version) {
      throw new StatusConflictError(change.statusId, before.version)
    }
    const set: Partial<StatusValues> = {}
    for (const f of STATUS_VALUE_FIELDS) if (f in change.set) (set as Record<string, unknown>)[f] = change.set[f] ?? null
    const merged = { ...before.values, ...set }
    const diff = diffStatus(before.values, set)
    if (Object.keys(diff).length === 0 && !change.confirm) {
      unchanged.push(change.statusId)
      continue
    }
    planned.push({ change: { ...change, set }, before, merged, diff })
  }

  // The rules need the kinds of the referenced online services: one query for all rows.
  const osIds = [...new Set(planned.map((p) => p.merged.onlineServiceId).filter((id): id is number => id !== null))]
  const kinds = new Map<number, OnlineServiceKindCode>()
  for (const part of chunks(osIds, 5000)) {
    for (const r of await tx.select({ id: onlineServices.id, kind: onlineServices.kind }).from(onlineServices).where(inArray(onlineServices.id, part))) {
      kinds.set(r.id, r.kind as OnlineServiceKindCode)
    }
  }
  const issues: RowRuleIssue[] = []
  for (const p of planned) {
    if (Object.keys(p.diff).length === 0) continue
    for (const issue of checkStatusRules(p.merged, { onlineServiceKind: p.merged.onlineServiceId ? (kinds.get(p.merged.onlineServiceId) ?? null) : null })) {
      issues.push({ statusId: p.change.statusId, ozgId: p.before.ozgId, serviceName: p.before.serviceName, ...issue })
    }
  }
  if (issues.length > 0) throw new StatusRuleError(issues)

  // Rows that get the same new values are updated by one statement (the bulk edit's case).
  const groups = new Map<string, Planned[]>()
  for (const p of planned) {
    const key = JSON.stringify([p.change.set, !!p.change.confirm])
    const group = groups.get(key) ?? []
    group.push(p)
    groups.set(key, group)
  }
  const versions = new Map<number, number>()
  const confirmedAt = new Map<number, Date | null>()
  for (const group of groups.values()) {
    const { set, confirm } = group[0].change
    for (const part of chunks(group, 5000)) {
      const updated = await tx
        .update(statuses)
        .set({
          ...set,
          version: sql`${statuses.version} + 1`,
          updatedAt: sql`now()`,
          updatedBy: actor?.id ?? null,
          // Saving a change also means "this row is current"; "confirm" alone stamps only that.
          confirmedAt: sql`now()`,
        })
        .where(inArray(statuses.id, part.map((p) => p.change.statusId)))
        .returning({ id: statuses.id, version: statuses.version, confirmedAt: statuses.confirmedAt })
      for (const u of updated) {
        versions.set(u.id, u.version)
        if (confirm) confirmedAt.set(u.id, u.confirmedAt)
      }
    }
  }

  const records = planned.map((p) => {
    const diff: StatusDiff = { ...p.diff }
    if (p.change.confirm && Object.keys(p.diff).length === 0) {
      diff.confirmedAt = { from: p.before.confirmedAt?.toISOString() ?? null, to: confirmedAt.get(p.change.statusId)?.toISOString() ?? null }
    }
    return { statusId: p.change.statusId, countyId: p.before.countyId, serviceId: p.before.serviceId, diff }
  })
  for (const part of chunks(records, 1000)) {
    await tx.insert(statusChanges).values(
      part.map((r) => ({
        statusId: r.statusId,
        countyId: r.countyId,
        serviceId: r.serviceId,
        changedBy: actor?.id ?? null,
        changes: r.diff as Record<string, { from: unknown; to: unknown }>,
        comment: options.comment || null,
        source: options.source,
      })),
    )
  }
  return {
    changed: records.map((r) => ({ statusId: r.statusId, version: versions.get(r.statusId)!, changes: r.diff })),
    unchanged,
  }
}

// ---------------------------------------------------------------------------------------------
// Reading one row.
export async function getStatus(ags: string, ozgId: string) {
  const db = await getDb()
  const [row] = await db
    .select({
      id: statuses.id,
      countyId: counties.id,
      ags: counties.ags,
      countyName: counties.name,
      serviceId: services.id,
      ozgId: services.ozgId,
      serviceName: services.name,
      theme: themes.name,
      version: statuses.version,
      updatedAt: statuses.updatedAt,
      confirmedAt: statuses.confirmedAt,
      updatedByName: users.name,
      updatedByEmail: users.email,
      ...valueColumns,
    })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .innerJoin(themes, eq(themes.id, services.themeId))
    .leftJoin(users, eq(users.id, statuses.updatedBy))
    .where(and(eq(counties.ags, ags), eq(services.ozgId, ozgId), eq(counties.isMember, true)))
  if (!row) return null
  return { ...row, values: toStatusValues(row as never) }
}
export type StatusRow = NonNullable<Awaited<ReturnType<typeof getStatus>>>

/**
 * The references a row's form offers: the online services that implement this service (plus the
 * one currently chosen) and every Fachverfahren with its vendor.
 */
export async function getStatusReferences(serviceId: number, currentOnlineServiceId: number | null) {
  const db = await getDb()
  const linked = db.select({ id: onlineServiceServices.onlineServiceId }).from(onlineServiceServices).where(eq(onlineServiceServices.serviceId, serviceId))
  const os = await db
    .select({ id: onlineServices.id, name: onlineServices.name, kind: onlineServices.kind, maturityModel: onlineServices.maturityModel, maturity: onlineServices.maturity })
    .from(onlineServices)
    .where(or(inArray(onlineServices.id, linked), currentOnlineServiceId ? eq(onlineServices.id, currentOnlineServiceId) : sql`false`))
    .orderBy(asc(onlineServices.name))
  const fv = await db
    .select({ id: fachverfahren.id, name: fachverfahren.name, vendor: vendors.name })
    .from(fachverfahren)
    .innerJoin(vendors, eq(vendors.id, fachverfahren.vendorId))
    .orderBy(asc(vendors.name), asc(fachverfahren.name))
  return {
    onlineServices: os.map((o) => ({ ...o, kind: o.kind as OnlineServiceKindCode, maturityModel: o.maturityModel as MaturityModelCode })) satisfies OnlineServiceRef[],
    fachverfahren: fv satisfies FachverfahrenRef[],
  }
}

/** Names for ids in history records (online services and Fachverfahren that may be gone from the form). */
export async function getReferenceNames(onlineServiceIds: number[], fachverfahrenIds: number[]) {
  const db = await getDb()
  const [os, fv] = await Promise.all([
    onlineServiceIds.length ? db.select({ id: onlineServices.id, name: onlineServices.name }).from(onlineServices).where(inArray(onlineServices.id, onlineServiceIds)) : [],
    fachverfahrenIds.length ? db.select({ id: fachverfahren.id, name: fachverfahren.name }).from(fachverfahren).where(inArray(fachverfahren.id, fachverfahrenIds)) : [],
  ])
  return { onlineServices: os.map((o) => [o.id, o.name] as const), fachverfahren: fv.map((f) => [f.id, f.name] as const) }
}

// ---------------------------------------------------------------------------------------------
// Writing one row (the edit form).
export type UpdateResult =
  | { ok: true; version: number; changed: boolean }
  | { ok: false; conflict: { version: number; values: StatusValues; updatedAt: Date; changesSince: HistoryEntry[] } }

export async function updateStatus(input: { statusId: number; expectedVersion: number; values: StatusValues; comment: string | null; actor: Actor }): Promise<UpdateResult> {
  const db = await getDb()
  try {
    const result = await db.transaction((tx) =>
      applyStatusChanges(tx, [{ statusId: input.statusId, set: input.values, expectedVersion: input.expectedVersion, confirm: true }], input.actor, {
        comment: input.comment,
        source: 'form',
      }),
    )
    const changed = result.changed[0]
    return { ok: true, version: changed?.version ?? input.expectedVersion, changed: !!changed && !('confirmedAt' in changed.changes) }
  } catch (error) {
    if (!(error instanceof StatusConflictError)) throw error
    const [row] = await db
      .select({ version: statuses.version, updatedAt: statuses.updatedAt, ...valueColumns })
      .from(statuses)
      .where(eq(statuses.id, input.statusId))
    // Every version bump wrote exactly one history record: the newest (current − expected) ones
    // are what the other person changed since this form was opened.
    const since = Math.max(1, row.version - input.expectedVersion)
    const changesSince = (await listHistory(input.statusId, since)).reverse()
    return { ok: false, conflict: { version: row.version, values: toStatusValues(row as never), updatedAt: row.updatedAt, changesSince } }
  }
}

/**
 * Three-way merge after a conflict: a field the user left as it was when they opened the form
 * takes the other person's new value; a field the user changed keeps the user's input.
 * `base` is reconstructed from the current values by undoing the changes since.
 */
export function mergeAfterConflict(current: StatusValues, changesSince: { changes: StatusDiff }[], mine: StatusValues) {
  const base = { ...current } as Record<string, unknown>
  for (const entry of [...changesSince].reverse()) {
    for (const [field, change] of Object.entries(entry.changes)) if (field in base) base[field] = change?.from ?? null
  }
  const merged = { ...mine } as Record<string, unknown>
  const clashes: StatusField[] = []
  const theirs: StatusField[] = []
  for (const f of STATUS_VALUE_FIELDS) {
    const theirsChanged = (base[f] ?? null) !== (current[f] ?? null)
    if (!theirsChanged) continue
    theirs.push(f)
    if ((mine[f] ?? null) === (base[f] ?? null)) merged[f] = current[f]
    else if ((mine[f] ?? null) !== (current[f] ?? null)) clashes.push(f)
  }
  return { merged: merged as StatusValues, base: base as StatusValues, clashes, theirs }
}

// ---------------------------------------------------------------------------------------------
// History and activity.
export type HistoryEntry = {
  id: number
  changedAt: Date
  changes: StatusDiff
  comment: string | null
  source: string
  byName: string | null
  byEmail: string | null
}

export async function listHistory(statusId: number, limit = 200): Promise<HistoryEntry[]> {
  const db = await getDb()
  const rows = await db
    .select({
      id: statusChanges.id,
      changedAt: statusChanges.changedAt,
      changes: statusChanges.changes,
      comment: statusChanges.comment,
      source: statusChanges.source,
      byName: users.name,
      byEmail: users.email,
    })
    .from(statusChanges)
    .leftJoin(users, eq(users.id, statusChanges.changedBy))
    .where(eq(statusChanges.statusId, statusId))
    .orderBy(desc(statusChanges.changedAt), desc(statusChanges.id))
    .limit(limit)
  return rows as HistoryEntry[]
}

export async function listActivityForCounty(countyId: number, limit = 15) {
  const db = await getDb()
  const rows = await db
    .select({
      id: statusChanges.id,
      changedAt: statusChanges.changedAt,
      changes: statusChanges.changes,
      comment: statusChanges.comment,
      source: statusChanges.source,
      ozgId: services.ozgId,
      serviceName: services.name,
      byName: users.name,
      byEmail: users.email,
    })
    .from(statusChanges)
    .innerJoin(services, eq(services.id, statusChanges.serviceId))
    .leftJoin(users, eq(users.id, statusChanges.changedBy))
    .where(eq(statusChanges.countyId, countyId))
    .orderBy(desc(statusChanges.changedAt), desc(statusChanges.id))
    .limit(limit)
  return rows.map((r) => ({ ...r, changes: r.changes as StatusDiff }))
}

// ---------------------------------------------------------------------------------------------
// The county's rows: filters, sorting and pages, all in SQL.
export type CountyRowFilter = {
  umsetzungsweg?: string
  fortschritt?: string
  schnittstellenstatus?: string
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

// As the KPI counts it (app/domain/kpi.ts): applicable rows never or long not confirmed.
export const isStale = sql`(${statuses.approach} <> 'not_applicable' and (${statuses.confirmedAt} is null or ${statuses.confirmedAt} < now() - make_interval(days => ${STALE_AFTER_DAYS})))`

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function countyRowConditions(countyId: number, filter: CountyRowFilter): SQL {
  const conditions: SQL[] = [eq(statuses.countyId, countyId), isNull(services.retiredAt)]
  if (filter.umsetzungsweg) conditions.push(eq(statuses.approach, filter.umsetzungsweg))
  if (filter.fortschritt) conditions.push(eq(statuses.stage, filter.fortschritt))
  if (filter.schnittstellenstatus) conditions.push(eq(statuses.interfaceStatus, filter.schnittstellenstatus))
  if (filter.themenfeld) conditions.push(eq(services.themeId, filter.themenfeld))
  if (filter.veraltet !== undefined) conditions.push(filter.veraltet ? isStale : sql`not ${isStale}`)
  if (filter.q) {
    const q = filter.q.trim()
    const byText: SQL[] = [ilike(services.name, `%${escapeLike(q)}%`)]
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

export type BulkResult = { ok: true; changed: number; unchanged: number } | { ok: false; issues: RowRuleIssue[] }

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
        throw new Error('Die Auswahl enthält Zeilen, die nicht zu diesem Kreis gehören.')
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
