// Status rows (county × service): reading them for the county and row pages, and THE write path.
// Every change of a status row goes through applyStatusChanges(): it bumps the version, stamps
// who and when, and appends exactly one status_changes record per changed row — the form, the
// bulk edit and the CSV import alike.
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type Query, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
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
  contextById,
  diffStatus,
  STATUS_VALUE_FIELDS,
  todayIso,
  toStatusValues,
  type FachverfahrenRef,
  type OnlineServiceRef,
  type StatusDiff,
  type StatusField,
  type StatusInputField,
  type StatusValues,
} from '~/domain/status'
import { parseId } from '~/domain/id'
import { getDb, type Db, type Tx } from '~/utils/db.server'
import { containsPattern, interfaceFilterConditions, isStale } from './sql.server'

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

// Between the chunks of a large write, other requests get the event loop (their own work and,
// on PostgreSQL, their queries; PGlite serialises them behind the open transaction anyway —
// docs/decisions/014-import-on-pglite.md).
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/** A status row as the write path plans against it: its keys, version and current values. */
export type StatusSnapshot = {
  id: number
  countyId: number
  serviceId: number
  ozgId: string
  serviceName: string
  version: number
  confirmedAt: Date | null
  values: StatusValues
}

type Planned = { change: StatusChange; before: StatusSnapshot; merged: StatusValues; diff: StatusDiff }

// Rows per statement: big enough that a 230k-row import is a few dozen statements, small enough
// that one statement's parameters stay a few MB.
const CHUNK = 5000

/**
 * Runs a statement as a named (prepared) statement. db.execute() sends every statement unnamed,
 * and postgres.js then describes it in a round trip of its own before executing it; a named one
 * is described once per connection and afterwards costs one round trip.
 */
async function executeNamed<T>(db: Db | Tx, name: string, query: Query, values: Record<string, unknown>): Promise<T[]> {
  const result = (await db._.session.prepareQuery(query, undefined, name, false).execute(values)) as T[] | { rows: T[] }
  return Array.isArray(result) ? result : result.rows
}

/**
 * The one write statement: sets the merged values of every planned row, bumps its version and
 * stamps who and when — only where the row is still at the version the plan was made against —
 * and appends the history record of each row it updated. One statement per chunk of rows, so
 * that the history cannot miss a row and statement-level triggers see the whole chunk at once.
 * A row that moved on in between is simply not updated (and gets no record); the caller sees it.
 * Each column travels as one array parameter (unnest), which PostgreSQL reads far faster than
 * the same rows as JSON.
 */
const WRITE_COLUMNS = Object.values(valueColumns)
// The new confirmed_at as JavaScript's toISOString() writes it (history records hold ISO text).
const NOW_ISO = sql.raw(`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)
const WRITE_SQL = sql`
  with v as (
    select * from unnest(
      ${sql.placeholder('id')}::text::integer[], ${sql.placeholder('version')}::text::integer[],
      ${sql.placeholder('changes')}::text::jsonb[], ${sql.placeholder('confirmedBefore')}::text::text[],
      ${sql.join(
        WRITE_COLUMNS.map((c) => sql`${sql.placeholder(c.name)}::text::${sql.raw(c.getSQLType())}[]`),
        sql`, `,
      )}
    ) with ordinality as v(id, version, changes, confirmed_before, ${sql.raw(WRITE_COLUMNS.map((c) => c.name).join(', '))}, ord)
  ), u as (
    update statuses s set
      ${sql.raw(WRITE_COLUMNS.map((c) => `${c.name} = v.${c.name}`).join(', '))},
      version = s.version + 1, updated_at = now(), updated_by = ${sql.placeholder('actor')}::integer,
      -- Saving a change also means "this row is current"; "confirm" alone stamps only that.
      confirmed_at = now()
    from v
    -- The ids once more, as a semi-join: the planner then reads the rows by primary key instead
    -- of guessing the size of the unnest and scanning the table for one row. Not as
    -- \`s.id = any(array)\`: when the planner scans the table anyway (PGlite, whose tables are
    -- seldom analysed), that compares every row with every id — 10 s for 5,000 of 8,912 rows.
    where s.id in (select unnest(${sql.placeholder('id')}::text::integer[])) and s.id = v.id and s.version = v.version
    returning s.id, s.county_id, s.service_id, s.version
  ), h as (
    insert into status_changes (status_id, county_id, service_id, changed_by, changes, comment, source)
    select u.id, u.county_id, u.service_id, ${sql.placeholder('actor')}::integer,
      -- A confirmation without a change records when (the new confirmed_at, as JS writes ISO dates).
      coalesce(v.changes, jsonb_build_object('confirmedAt', jsonb_build_object('from', v.confirmed_before, 'to', ${NOW_ISO}))),
      ${sql.placeholder('comment')}::text, ${sql.placeholder('source')}::text
    from u join v on v.id = u.id
    order by v.ord
  )
  select id, version, ${NOW_ISO} as confirmed_at from u`
// Built once: only the placeholders change from call to call.
const WRITE_QUERY = new PgDialect().sqlToQuery(WRITE_SQL)

/** A PostgreSQL array literal, sent as one text parameter (both engines pass text through as is). */
function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL'
    if (typeof v === 'number') return String(v)
    if (typeof v === 'boolean') return v ? 't' : 'f'
    return `"${String(v).replace(/[\\"]/g, '\\$&')}"`
  })
  return `{${items.join(',')}}`
}

type Written = { versions: Map<number, number>; confirmedAt: string | null }

/** Writes the planned rows; returns the new versions. Throws StatusConflictError if a row moved on. */
async function writePlanned(db: Db | Tx, planned: Planned[], actor: Actor, options: { comment?: string | null; source: ChangeSource }): Promise<Written> {
  const versions = new Map<number, number>()
  let confirmedAt: string | null = null
  // In id order, so that two batches over the same rows lock them in the same order (no deadlock).
  const ordered = [...planned].sort((a, b) => a.before.id - b.before.id)
  for (const [i, part] of chunks(ordered, CHUNK).entries()) {
    if (i > 0) await nextTurn()
    const params: Record<string, unknown> = {
      id: arrayLiteral(part.map((p) => p.before.id)),
      version: arrayLiteral(part.map((p) => p.before.version)),
      changes: arrayLiteral(part.map((p) => (Object.keys(p.diff).length > 0 ? JSON.stringify(p.diff) : null))),
      confirmedBefore: arrayLiteral(part.map((p) => p.before.confirmedAt?.toISOString() ?? null)),
      actor: actor?.id ?? null,
      comment: options.comment || null,
      source: options.source,
    }
    for (const [field, column] of Object.entries(valueColumns)) params[column.name] = arrayLiteral(part.map((p) => p.merged[field as StatusField]))
    const updated = await executeNamed<{ id: number; version: number; confirmed_at: string }>(db, 'apply_status_changes', WRITE_QUERY, params)
    for (const u of updated) {
      versions.set(Number(u.id), Number(u.version))
      confirmedAt = u.confirmed_at
    }
    if (updated.length !== part.length) {
      const moved = part.find((p) => !versions.has(p.before.id))!
      const [now] = await db.select({ version: statuses.version }).from(statuses).where(eq(statuses.id, moved.before.id))
      throw new StatusConflictError(moved.before.id, now?.version ?? moved.before.version)
    }
  }
  return { versions, confirmedAt }
}

/**
 * Reads the rows, locked (FOR UPDATE) until the caller's transaction ends unless `lock` is false:
 * a change that names the version it expects needs no lock, since the write only applies at that
 * version anyway.
 */
async function readStatuses(tx: Tx, ids: number[], lock: boolean): Promise<Map<number, StatusSnapshot>> {
  const current = new Map<number, StatusSnapshot>()
  for (const [i, part] of chunks(ids, CHUNK).entries()) {
    if (i > 0) await nextTurn()
    const query = tx
      .select({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId, ozgId: services.ozgId, serviceName: services.name, version: statuses.version, confirmedAt: statuses.confirmedAt, ...valueColumns })
      .from(statuses)
      .innerJoin(services, eq(services.id, statuses.serviceId))
      // A semi-join, not `= any(array)`: see WRITE_SQL.
      .where(sql`${statuses.id} in (select unnest(${arrayLiteral(part)}::text::integer[]))`)
    for (const r of await (lock ? query.for('update', { of: statuses }) : query)) {
      current.set(r.id, { id: r.id, countyId: r.countyId, serviceId: r.serviceId, ozgId: r.ozgId, serviceName: r.serviceName, version: r.version, confirmedAt: r.confirmedAt, values: toStatusValues(r as never) })
    }
  }
  return current
}

/** Merges and diffs every change against its row; throws StatusConflictError on a stale version. */
function planChanges(changes: StatusChange[], current: Map<number, StatusSnapshot>): { planned: Planned[]; unchanged: number[] } {
  const planned: Planned[] = []
  const unchanged: number[] = []
  const seen = new Set<number>()
  for (const change of changes) {
    if (seen.has(change.statusId)) throw new Error(`Status ${change.statusId} kommt in einer Änderung doppelt vor.`)
    seen.add(change.statusId)
    const before = current.get(change.statusId)
    if (!before) throw new Error(`Status ${change.statusId} gibt es nicht.`)
    if (change.expectedVersion !== undefined && change.expectedVersion !== before.version) {
      throw new StatusConflictError(change.statusId, before.version)
    }
    const set: Partial<StatusValues> = {}
    for (const f of STATUS_VALUE_FIELDS) if (f in change.set) (set as Record<string, unknown>)[f] = change.set[f] ?? null
    const diff = diffStatus(before.values, set)
    if (Object.keys(diff).length === 0 && !change.confirm) {
      unchanged.push(change.statusId)
      continue
    }
    planned.push({ change: { ...change, set }, before, merged: { ...before.values, ...set }, diff })
  }
  return { planned, unchanged }
}

/** The cross-field rules on the merged values of every row that changes a value. */
async function checkPlannedRules(db: Db | Tx, planned: Planned[], known?: Map<number, OnlineServiceKindCode>) {
  const checked = planned.filter((p) => Object.keys(p.diff).length > 0)
  // The rules need the kinds of the referenced online services: one query per chunk of ids.
  const kinds = new Map(known)
  const missing = [...new Set(checked.map((p) => p.merged.onlineServiceId).filter((id): id is number => id !== null && !kinds.has(id)))]
  for (const part of chunks(missing, CHUNK)) {
    for (const r of await db.select({ id: onlineServices.id, kind: onlineServices.kind }).from(onlineServices).where(inArray(onlineServices.id, part))) {
      kinds.set(r.id, r.kind as OnlineServiceKindCode)
    }
  }
  const today = todayIso()
  const issues: RowRuleIssue[] = []
  for (const p of checked) {
    for (const issue of checkStatusRules(p.merged, { onlineServiceKind: p.merged.onlineServiceId ? (kinds.get(p.merged.onlineServiceId) ?? null) : null, today })) {
      issues.push({ statusId: p.before.id, ozgId: p.before.ozgId, serviceName: p.before.serviceName, ...issue })
    }
  }
  if (issues.length > 0) throw new StatusRuleError(issues)
}

function toResult(planned: Planned[], unchanged: number[], written: Written): ApplyResult {
  return {
    changed: planned.map((p) => {
      const changes: StatusDiff = { ...p.diff }
      if (Object.keys(p.diff).length === 0) changes.confirmedAt = { from: p.before.confirmedAt?.toISOString() ?? null, to: written.confirmedAt }
      return { statusId: p.before.id, version: written.versions.get(p.before.id)!, changes }
    }),
    unchanged,
  }
}

/**
 * The one write path for status rows, inside the caller's transaction. Reads the rows (locking
 * those without an expected version), checks versions and the cross-field rules on the merged
 * values, then writes every changed row and its one history record with one set-based statement
 * per chunk of rows, each row only at the version it was planned against.
 * Throws StatusConflictError or StatusRuleError (the caller's transaction then rolls back).
 */
export async function applyStatusChanges(
  tx: Tx,
  changes: StatusChange[],
  actor: Actor,
  options: { comment?: string | null; source: ChangeSource },
): Promise<ApplyResult> {
  if (changes.length === 0) return { changed: [], unchanged: [] }
  const versioned = changes.filter((c) => c.expectedVersion !== undefined).map((c) => c.statusId)
  const unversioned = changes.filter((c) => c.expectedVersion === undefined).map((c) => c.statusId)
  const current = new Map([...(await readStatuses(tx, versioned, false)), ...(await readStatuses(tx, unversioned, true))])
  const { planned, unchanged } = planChanges(changes, current)
  await checkPlannedRules(tx, planned)
  return toResult(planned, unchanged, await writePlanned(tx, planned, actor, options))
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
    row: { ...status, values: toStatusValues(status as never) } satisfies StatusSnapshot & { ags: string; countyName: string },
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
}): Promise<UpdateResult> {
  const db = await getDb()
  try {
    const current = input.current ?? (await readStatus(db, input.statusId))
    if (!current || current.id !== input.statusId) throw new Error(`Status ${input.statusId} gibt es nicht.`)
    const change: StatusChange = { statusId: input.statusId, set: input.values, expectedVersion: input.expectedVersion, confirm: true }
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
    return { ok: false, conflict: { version: row.version, values: toStatusValues(row as never), updatedAt: row.updatedAt, changesSince } }
  }
}

async function readStatus(db: Db, statusId: number): Promise<StatusSnapshot | null> {
  const [r] = await db
    .select({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId, ozgId: services.ozgId, serviceName: services.name, version: statuses.version, confirmedAt: statuses.confirmedAt, ...valueColumns })
    .from(statuses)
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(eq(statuses.id, statusId))
  return r ? { id: r.id, countyId: r.countyId, serviceId: r.serviceId, ozgId: r.ozgId, serviceName: r.serviceName, version: r.version, confirmedAt: r.confirmedAt, values: toStatusValues(r as never) } : null
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
