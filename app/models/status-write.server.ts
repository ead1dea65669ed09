// THE write path of status rows. Every change of a status row goes through applyStatusChanges():
// it bumps the version, stamps who and when, and appends exactly one status_changes record per
// changed row — the form, the bulk edit and the CSV import alike.
import { eq, inArray, sql, type Query } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { onlineServices, services, statuses } from '../../db/schema'
import type { OnlineServiceKindCode } from '~/domain/enums'
import { checkStatusRules, diffStatus, STATUS_VALUE_FIELDS, todayIso, toStatusValues, type StatusDiff, type StatusField, type StatusInputField, type StatusValues } from '~/domain/status'
import type { ChangeSource } from '~/domain/status-fields'
import type { Db, Tx } from '~/utils/db.server'
import { valueColumns } from './status-columns.server'

export type { ChangeSource } from '~/domain/status-fields'
export type Actor = { id: number } | null


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

export type Planned = { change: StatusChange; before: StatusSnapshot; merged: StatusValues; diff: StatusDiff }

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
export async function writePlanned(db: Db | Tx, planned: Planned[], actor: Actor, options: { comment?: string | null; source: ChangeSource }): Promise<Written> {
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
      current.set(r.id, { id: r.id, countyId: r.countyId, serviceId: r.serviceId, ozgId: r.ozgId, serviceName: r.serviceName, version: r.version, confirmedAt: r.confirmedAt, values: toStatusValues(r) })
    }
  }
  return current
}

/** Merges and diffs every change against its row; throws StatusConflictError on a stale version. */
export function planChanges(changes: StatusChange[], current: Map<number, StatusSnapshot>): { planned: Planned[]; unchanged: number[] } {
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
export async function checkPlannedRules(db: Db | Tx, planned: Planned[], known?: Map<number, OnlineServiceKindCode>) {
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

export function toResult(planned: Planned[], unchanged: number[], written: Written): ApplyResult {
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
