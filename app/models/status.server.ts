// Status rows (county × service): reading one for the row page, saving its edit form, its
// history. The write path itself is status-write.server.ts; the county page's list and bulk form
// are county-rows.server.ts.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm'
import { counties, fachverfahren, onlineServiceServices, onlineServices, services, statusChanges, statuses, themes, users, vendors } from '../../db/schema'
import {
  contextById,
  STATUS_VALUE_FIELDS,
  todayIso,
  toStatusValues,
  type FachverfahrenRef,
  type OnlineServiceRef,
  type StatusDiff,
  type StatusField,
  type StatusValues,
} from '~/domain/status'
import type { MaturityModelCode, OnlineServiceKindCode } from '~/domain/enums'
import { parseId } from '~/domain/id'
import { getDb, type Db } from '~/utils/db.server'
import { pick } from './columns.server'
import { valueColumns } from './status-columns.server'
import { planChanges, checkPlannedRules, toResult, writePlanned, StatusConflictError, type Actor, type StatusChange, type StatusSnapshot } from './status-write.server'

// The modules of status rows answer to this one name, as the routes and tests know it.
export { valueColumns } from './status-columns.server'
export {
  applyStatusChanges,
  StatusConflictError,
  StatusRuleError,
  type Actor,
  type ApplyResult,
  type ChangeSource,
  type RowRuleIssue,
  type StatusChange,
  type StatusSnapshot,
} from './status-write.server'
export { bulkUpdateStatuses, countStatusesForFilter, getCountyByAgs, listStatusesForCounty, type BulkResult, type BulkSet, type CountyRowFilter, type SortKey } from './county-rows.server'
export { isStale } from './sql.server'

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
      ...pick(statuses, 'version', 'updatedAt', 'confirmedAt'),
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
  return { ...row, values: toStatusValues(row) }
}
export type StatusRow = NonNullable<Awaited<ReturnType<typeof getStatus>>>

function prepareStatusForSave(db: Db) {
  const onlineService = sql<OnlineServiceRef | null>`(
    select json_build_object('id', ${onlineServices.id}, 'name', ${onlineServices.name}, 'kind', ${onlineServices.kind}, 'maturityModel', ${onlineServices.maturityModel})
    from ${onlineServices}
    where ${onlineServices.id} = ${sql.placeholder('onlineServiceId')}::integer
      and (${onlineServices.id} = ${statuses.onlineServiceId}
        or exists (select 1 from ${onlineServiceServices} where ${onlineServiceServices.onlineServiceId} = ${onlineServices.id} and ${onlineServiceServices.serviceId} = ${statuses.serviceId})))`
  const chosenFachverfahren = sql<FachverfahrenRef | null>`(
    select json_build_object('id', ${fachverfahren.id}, 'name', ${fachverfahren.name}) from ${fachverfahren} where ${fachverfahren.id} = ${sql.placeholder('fachverfahrenId')}::integer)`
  return db
    .select({
      id: statuses.id,
      countyId: counties.id,
      ags: counties.ags,
      countyName: counties.name,
      serviceId: services.id,
      ozgId: services.ozgId,
      serviceName: services.name,
      version: statuses.version,
      confirmedAt: statuses.confirmedAt,
      ...valueColumns,
      onlineService,
      fachverfahren: chosenFachverfahren,
    })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(and(eq(counties.ags, sql.placeholder('ags')), eq(services.ozgId, sql.placeholder('ozgId')), eq(counties.isMember, true)))
    .prepare('status_for_save')
}
const statusForSave = new WeakMap<Db, ReturnType<typeof prepareStatusForSave>>()

/**
 * What saving the edit form needs, in one query: the row, and the two references the form
 * names — the online service only if this row may choose it (it implements the service, or it
 * is the row's current one, as the form offers them), the Fachverfahren if it exists. Ids that
 * are no numbers simply find nothing, so the form reports them as unknown.
 */
export async function getStatusForSave(ags: string, ozgId: string, refs: { onlineService: string; fachverfahren: string }) {
  const db = await getDb()
  let query = statusForSave.get(db)
  if (!query) statusForSave.set(db, (query = prepareStatusForSave(db)))
  const [row] = await query.execute({ ags, ozgId, onlineServiceId: parseId(refs.onlineService), fachverfahrenId: parseId(refs.fachverfahren) })
  if (!row) return null
  const { onlineService, fachverfahren: chosen, ...status } = row
  const chosenOnlineService = onlineService ? { ...onlineService, kind: onlineService.kind as OnlineServiceKindCode } : null
  return {
    row: { ...status, values: toStatusValues(status) } satisfies StatusSnapshot & { ags: string; countyName: string },
    onlineService: chosenOnlineService,
    /** What the form schema resolves the two references with (and today's date, computed cheaply). */
    context: contextById(chosenOnlineService ? [chosenOnlineService] : [], chosen ? [chosen] : [], { today: todayIso() }),
  }
}


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

export async function updateStatus(input: {
  statusId: number
  expectedVersion: number
  values: StatusValues
  comment: string | null
  actor: Actor
  /** The row as the caller just read it (the edit form does, to authorise): not read again. */
  current?: StatusSnapshot
  /** The kind of `values.onlineServiceId`, when the caller has looked it up already. */
  onlineServiceKind?: OnlineServiceKindCode | null
  /**
   * Stamp the row as current even without a change („Stand bestätigen“). A save that changes a
   * value always stamps it (docs/decisions/022-confirm-only-when-asked.md); without a change
   * and without `confirm` nothing is written.
   */
  confirm?: boolean
}): Promise<UpdateResult> {
  const db = await getDb()
  try {
    const current = input.current ?? (await readStatus(db, input.statusId))
    if (!current || current.id !== input.statusId) throw new Error(`Status ${input.statusId} gibt es nicht.`)
    const change: StatusChange = { statusId: input.statusId, set: input.values, expectedVersion: input.expectedVersion, confirm: input.confirm ?? true }
    const { planned, unchanged } = planChanges([change], new Map([[current.id, current]]))
    const known = input.values.onlineServiceId !== null && input.onlineServiceKind ? new Map([[input.values.onlineServiceId, input.onlineServiceKind]]) : undefined
    await checkPlannedRules(db, planned, known)
    // One row: the write is a single statement (row, version and history record together), atomic
    // without a transaction around it. It only applies while the row is still at the version
    // planned against, so a save in between is a conflict, never a lost update.
    const result = toResult(planned, unchanged, await writePlanned(db, planned, input.actor, { comment: input.comment, source: 'form' }))
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
    return { ok: false, conflict: { version: row.version, values: toStatusValues(row), updatedAt: row.updatedAt, changesSince } }
  }
}

async function readStatus(db: Db, statusId: number): Promise<StatusSnapshot | null> {
  const [r] = await db
    .select({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId, ozgId: services.ozgId, serviceName: services.name, version: statuses.version, confirmedAt: statuses.confirmedAt, ...valueColumns })
    .from(statuses)
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(eq(statuses.id, statusId))
  return r ? { id: r.id, countyId: r.countyId, serviceId: r.serviceId, ozgId: r.ozgId, serviceName: r.serviceName, version: r.version, confirmedAt: r.confirmedAt, values: toStatusValues(r) } : null
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

/** One change of a status row and who made it (users left-joined on changedBy). */
const changeColumns = {
  id: statusChanges.id,
  changedAt: statusChanges.changedAt,
  changes: statusChanges.changes,
  comment: statusChanges.comment,
  source: statusChanges.source,
  byName: users.name,
  byEmail: users.email,
}

export async function listHistory(statusId: number, limit = 200): Promise<HistoryEntry[]> {
  const db = await getDb()
  const rows = await db
    .select({
      ...changeColumns,
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
      ...changeColumns,
      ozgId: services.ozgId,
      serviceName: services.name,
    })
    .from(statusChanges)
    .innerJoin(services, eq(services.id, statusChanges.serviceId))
    .leftJoin(users, eq(users.id, statusChanges.changedBy))
    .where(eq(statusChanges.countyId, countyId))
    .orderBy(desc(statusChanges.changedAt), desc(statusChanges.id))
    .limit(limit)
  return rows.map((r) => ({ ...r, changes: r.changes as StatusDiff }))
}

