// Applicability as data (issue 12): which county executes which service. One SQL definition
// decides it — a county's override, then the community's override, then the rules of the
// county's Land and kind, then the LeiKa suggestion (services.applies_to) — and moves status rows
// between „offen“ and „nicht zuständig“ with history. A row a person has worked on is never
// changed: it is listed for a human decision.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import {
  applicabilityOverrides,
  applicabilityRules,
  auditLog,
  counties,
  services,
} from '../../db/schema'
import { getDb, queryRows, type Db, type Tx } from '~/utils/db.server'
import { pick } from './columns.server'
import type { Actor } from './status.server'

type Scope = { countyIds?: number[]; serviceIds?: number[] }

function idList(ids: number[]) {
  return sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )
}

function scopeWhere(scope: Scope): SQL {
  const parts: SQL[] = [sql`c.is_member`]
  if (scope.countyIds) parts.push(scope.countyIds.length ? sql`s.county_id in (${idList(scope.countyIds)})` : sql`false`)
  if (scope.serviceIds) parts.push(scope.serviceIds.length ? sql`s.service_id in (${idList(scope.serviceIds)})` : sql`false`)
  return sql.join(parts, sql` and `)
}

// The joins that give `applies` (and where the decision comes from) for status rows `s` of
// county `c` and service `v`.
const effectiveJoins = sql`
  left join applicability_overrides oc on oc.service_id = v.id and oc.county_id = c.id
  left join applicability_overrides og on og.service_id = v.id and og.county_id is null
  left join (
    select land, county_kind, unnest(ozg_ids) as ozg_id, bool_or(applies) as applies
    from applicability_rules group by 1, 2, 3
  ) r on r.land = c.land and r.county_kind = c.kind and r.ozg_id = v.ozg_id`
const applies = sql`coalesce(oc.applies, og.applies, r.applies, c.kind = any(v.applies_to))`

// A row nobody has worked on: every value besides the approach is empty, and no person ever set
// its approach (the seed, a join or an applicability change may have).
const untouched = sql`(s.pending_plan is null and s.online_service_id is null and s.connection is null
  and s.stage = 'planned' and s.maturity is null and s.online_since is null and s.target_date is null
  and s.fachverfahren_id is null and s.interface_standard is null and s.interface_status is null
  and s.end_to_end is null and s.internal_processing is null and s.funding is null and s.cost_one_off is null
  and s.cost_annual is null and s.funding_note is null and s.applications_per_year is null and s.contact is null
  and s.note is null
  and not exists (select 1 from status_changes h where h.status_id = s.id and h.source in ('form', 'bulk', 'import', 'api') and h.changes ? 'approach'))`

const mismatch = sql`(case when ${applies} then s.approach = 'not_applicable' else s.approach <> 'not_applicable' end)`

/**
 * Creates the missing status rows of the given counties (one per service), „offen“ or
 * „nicht zuständig“ as the rules say, each with a history record. Returns how many it created.
 */
export async function insertMissingStatusRows(tx: Tx | Db, countyIds: number[], actor: Actor, comment: string): Promise<number> {
  if (countyIds.length === 0) return 0
  const actorId = actor?.id ?? null
  // One statement: the rows and their history records together, without a round trip of ids.
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`with inserted as (
          insert into statuses (county_id, service_id, approach, updated_by)
          select c.id, v.id, case when ${applies} then 'pending' else 'not_applicable' end, ${actorId}
          from counties c cross join services v ${effectiveJoins}
          where c.id in (${idList(countyIds)})
            and not exists (select 1 from statuses x where x.county_id = c.id and x.service_id = v.id)
          order by c.id, v.id
          returning id, county_id, service_id, approach
        ),
        logged as (
          insert into status_changes (status_id, county_id, service_id, changed_by, changes, comment, source)
          select i.id, i.county_id, i.service_id, ${actorId}, jsonb_build_object('approach', jsonb_build_object('from', null, 'to', i.approach)), ${comment}, 'membership'
          from inserted i
          returning 1
        )
        select count(*)::int as n from logged`,
  )
  return Number(n)
}

export type BlockedRow = { ags: string; countyName: string; ozgId: string; serviceName: string; approach: string; applies: boolean }
export type ApplicabilityPlan = { toPending: number; toNotApplicable: number; blocked: number; blockedRows: BlockedRow[] }

const BLOCKED_SHOWN = 200

/** What applying the current rules and overrides would change among the member counties. */
export async function planApplicability(scope: Scope = {}, db?: Db | Tx): Promise<ApplicabilityPlan> {
  db ??= await getDb()
  const [counts] = await queryRows<{ to_pending: number; to_not_applicable: number; blocked: number }>(
    db,
    sql`select count(*) filter (where ${applies} and ${untouched})::int as to_pending,
               count(*) filter (where not ${applies} and s.approach = 'pending' and ${untouched})::int as to_not_applicable,
               count(*) filter (where not (s.approach in ('pending', 'not_applicable') and ${untouched}))::int as blocked
        from statuses s join counties c on c.id = s.county_id join services v on v.id = s.service_id ${effectiveJoins}
        where ${scopeWhere(scope)} and v.retired_at is null and ${mismatch}`,
  )
  const blockedRows = await queryRows<{ ags: string; county_name: string; ozg_id: string; service_name: string; approach: string; applies: boolean }>(
    db,
    sql`select c.ags, c.name as county_name, v.ozg_id, v.name as service_name, s.approach, ${applies} as applies
        from statuses s join counties c on c.id = s.county_id join services v on v.id = s.service_id ${effectiveJoins}
        where ${scopeWhere(scope)} and v.retired_at is null and ${mismatch}
          and not (s.approach in ('pending', 'not_applicable') and ${untouched})
        order by c.name, v.ozg_id limit ${BLOCKED_SHOWN}`,
  )
  return {
    toPending: Number(counts.to_pending),
    toNotApplicable: Number(counts.to_not_applicable),
    blocked: Number(counts.blocked),
    blockedRows: blockedRows.map((r) => ({ ags: r.ags, countyName: r.county_name, ozgId: r.ozg_id, serviceName: r.service_name, approach: r.approach, applies: r.applies })),
  }
}

/**
 * Moves the untouched rows in scope to what the rules say, each move with a history record, in
 * the caller's transaction. Rows with data stay as they are (see planApplicability's blocked).
 */
export async function applyApplicability(tx: Tx, scope: Scope, actor: Actor, comment: string): Promise<{ toPending: number; toNotApplicable: number }> {
  const actorId = actor?.id ?? null
  const moved = await queryRows<{ to: string; n: number }>(
    tx,
    sql`with target as (
          select s.id, case when ${applies} then 'pending' else 'not_applicable' end as to_approach
          from statuses s join counties c on c.id = s.county_id join services v on v.id = s.service_id ${effectiveJoins}
          where ${scopeWhere(scope)} and v.retired_at is null and s.approach in ('pending', 'not_applicable') and ${mismatch} and ${untouched}
        ),
        moved as (
          update statuses s set approach = t.to_approach, version = s.version + 1, updated_at = now(), updated_by = ${actorId}
          from target t where s.id = t.id
          returning s.id, s.county_id, s.service_id, s.approach
        ),
        logged as (
          insert into status_changes (status_id, county_id, service_id, changed_by, changes, comment, source)
          select m.id, m.county_id, m.service_id, ${actorId},
                 jsonb_build_object('approach', jsonb_build_object('from', case m.approach when 'pending' then 'not_applicable' else 'pending' end, 'to', m.approach)),
                 ${comment}, 'applicability'
          from moved m
          returning 1
        )
        select approach as to, count(*)::int as n from moved group by approach`,
  )
  const count = (to: string) => Number(moved.find((m) => m.to === to)?.n ?? 0)
  return { toPending: count('pending'), toNotApplicable: count('not_applicable') }
}

/** Applies the rules and overrides to every member county, with an audit record. */
export async function applyAllApplicability(actor: Actor) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const result = await applyApplicability(tx, {}, actor, 'Zuständigkeitsregeln angewendet')
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'apply', entity: 'applicability', entityId: null, details: result })
    return result
  })
}

export async function listRules() {
  const db = await getDb()
  return db
    .select(pick(applicabilityRules, 'id', 'land', 'countyKind', 'topic', 'ozgIds', 'applies', 'legalBasis', 'source', 'isAssumption', 'confirmedAt'))
    .from(applicabilityRules)
    .orderBy(asc(applicabilityRules.land), asc(applicabilityRules.topic), asc(applicabilityRules.countyKind))
}

/** A coordinator confirms an assumption after checking it; the record says who and when. */
export async function confirmRule(id: number, actor: Actor): Promise<boolean> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(applicabilityRules)
      .set({ confirmedAt: sql`now()`, confirmedBy: actor?.id ?? null })
      .where(and(eq(applicabilityRules.id, id), eq(applicabilityRules.isAssumption, true), isNull(applicabilityRules.confirmedAt)))
      .returning({ topic: applicabilityRules.topic, kind: applicabilityRules.countyKind, land: applicabilityRules.land })
    if (updated.length === 0) return false
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'confirm', entity: 'applicability_rule', entityId: String(id), details: updated[0] })
    return true
  })
}

export async function listOverrides() {
  const db = await getDb()
  return db
    .select({
      id: applicabilityOverrides.id,
      ozgId: services.ozgId,
      serviceName: services.name,
      ags: counties.ags,
      countyName: counties.name,
      ...pick(applicabilityOverrides, 'applies', 'reason', 'createdAt'),
    })
    .from(applicabilityOverrides)
    .innerJoin(services, eq(services.id, applicabilityOverrides.serviceId))
    .leftJoin(counties, eq(counties.id, applicabilityOverrides.countyId))
    .orderBy(asc(services.ozgId), sql`${counties.name} asc nulls first`)
}

export type OverrideResult =
  | { ok: true; toPending: number; toNotApplicable: number; blocked: ApplicabilityPlan }
  | { ok: false; field: string; message: string }

/**
 * Sets the coordinator's decision for one service (whole community, or one county), replacing an
 * earlier one for the same scope, and applies it to the rows at once.
 */
export async function setOverride(input: { ozgId: string; ags?: string; applies: boolean; reason: string }, actor: Actor): Promise<OverrideResult> {
  const db = await getDb()
  const [service] = await db.select({ id: services.id, name: services.name }).from(services).where(eq(services.ozgId, input.ozgId))
  if (!service) return { ok: false, field: 'ozgId', message: `Eine Leistung mit der OZG-ID ${input.ozgId} gibt es nicht.` }
  let countyId: number | null = null
  if (input.ags) {
    const [county] = await db.select({ id: counties.id }).from(counties).where(and(eq(counties.ags, input.ags), eq(counties.isMember, true)))
    if (!county) return { ok: false, field: 'ags', message: `Der Kreis ${input.ags} ist kein Mitglied der Community.` }
    countyId = county.id
  }
  return db.transaction(async (tx) => {
    const scopeMatch = countyId === null ? isNull(applicabilityOverrides.countyId) : eq(applicabilityOverrides.countyId, countyId)
    const [before] = await tx
      .delete(applicabilityOverrides)
      .where(and(eq(applicabilityOverrides.serviceId, service.id), scopeMatch))
      .returning({ applies: applicabilityOverrides.applies, reason: applicabilityOverrides.reason })
    const [created] = await tx
      .insert(applicabilityOverrides)
      .values({ serviceId: service.id, countyId, applies: input.applies, reason: input.reason, createdBy: actor?.id ?? null })
      .returning({ id: applicabilityOverrides.id })
    const comment = `Zuständigkeit ${input.applies ? 'ja' : 'nein'} (${input.ags ? `Kreis ${input.ags}` : 'ganze Community'}): ${input.reason}`
    const moved = await applyApplicability(tx, { serviceIds: [service.id], countyIds: countyId === null ? undefined : [countyId] }, actor, comment)
    await tx.insert(auditLog).values({
      userId: actor?.id ?? null,
      action: 'set',
      entity: 'applicability_override',
      entityId: String(created.id),
      details: { ozgId: input.ozgId, county: input.ags ?? null, applies: input.applies, reason: input.reason, before: before ?? null, moved },
    })
    const blocked = await planApplicability({ serviceIds: [service.id], countyIds: countyId === null ? undefined : [countyId] }, tx)
    return { ok: true as const, ...moved, blocked }
  })
}

/** Removes an override (the rules decide again) and applies that, with a reason. */
export async function removeOverride(id: number, reason: string, actor: Actor): Promise<{ toPending: number; toNotApplicable: number } | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(applicabilityOverrides)
      .where(eq(applicabilityOverrides.id, id))
      .returning({ serviceId: applicabilityOverrides.serviceId, countyId: applicabilityOverrides.countyId, applies: applicabilityOverrides.applies, reason: applicabilityOverrides.reason })
    if (!removed) return null
    const moved = await applyApplicability(
      tx,
      { serviceIds: [removed.serviceId], countyIds: removed.countyId === null ? undefined : [removed.countyId] },
      actor,
      `Festlegung zur Zuständigkeit aufgehoben: ${reason}`,
    )
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'delete', entity: 'applicability_override', entityId: String(id), details: { removed, reason, moved } })
    return moved
  })
}
