// Online services (every kind): the list with usage figures, one service's page, and the
// coordinator's create/edit (one transaction with its audit_log entry).
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { auditLog, counties, onlineServices, onlineServiceServices, services, statuses } from '../../db/schema'
import type { OnlineServiceKindCode } from '~/domain/enums'
import type { OnlineServiceInput } from '~/domain/online-service'
import type { SessionUser } from '~/domain/permissions'
import { getDb, queryRows, type Tx } from '~/utils/db.server'
import { pick } from './columns.server'
import { countWhere } from './sql.server'

const memberRow = sql`${statuses.countyId} in (select ${counties.id} from ${counties} where ${counties.isMember})`

/**
 * Every online service with: the services it implements, the member counties using it (distinct)
 * and their rows by connection stage, and how many rows wait for it — pending rows awaiting an
 * EfA service on one of its services (EfA services only) plus rows joined but not yet live.
 */
export async function listOnlineServices(filter: { kind?: OnlineServiceKindCode } = {}) {
  const db = await getDb()
  const kind = filter.kind ? sql` where os.kind = ${filter.kind}` : sql``
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      with usage as (
        select st.online_service_id,
               count(distinct st.county_id) as counties,
               count(*) as rows,
               count(*) filter (where st.connection = 'interest') as interest,
               count(*) filter (where st.connection = 'agreement') as agreement,
               count(*) filter (where st.connection = 'connecting') as connecting,
               count(*) filter (where st.connection = 'live') as live
        from statuses st
        join counties c on c.id = st.county_id and c.is_member
        where st.online_service_id is not null
        group by st.online_service_id
      ),
      implemented as (
        select online_service_id, count(*) as services from online_service_services group by online_service_id
      ),
      -- Pending rows that wait for an EfA service on one of the services this one implements.
      awaiting as (
        select oss.online_service_id, count(*) as awaiting
        from online_service_services oss
        join statuses st on st.service_id = oss.service_id
        join counties c on c.id = st.county_id and c.is_member
        where st.approach = 'pending' and st.pending_plan = 'awaiting_efa'
        group by oss.online_service_id
      )
      select os.id, os.name, os.kind, os.provider, lc.name as lead_name, os.availability, os.maturity, os.maturity_model,
             coalesce(i.services, 0) as services, coalesce(a.awaiting, 0) as awaiting,
             coalesce(u.counties, 0) as counties, coalesce(u.rows, 0) as rows,
             coalesce(u.interest, 0) as interest, coalesce(u.agreement, 0) as agreement,
             coalesce(u.connecting, 0) as connecting, coalesce(u.live, 0) as live
      from online_services os
      left join counties lc on lc.id = os.lead_county_id
      left join usage u on u.online_service_id = os.id
      left join implemented i on i.online_service_id = os.id
      left join awaiting a on a.online_service_id = os.id
      ${kind}
      order by os.name
    `,
  )
  return rows.map((r) => {
    const n = (key: string) => Number(r[key] ?? 0)
    const row = {
      id: n('id'),
      name: String(r.name),
      kind: String(r.kind) as OnlineServiceKindCode,
      provider: (r.provider as string | null) ?? null,
      leadName: (r.lead_name as string | null) ?? null,
      availability: String(r.availability),
      maturity: r.maturity === null ? null : n('maturity'),
      maturityModel: String(r.maturity_model),
      services: n('services'),
      counties: n('counties'),
      rows: n('rows'),
      interest: n('interest'),
      agreement: n('agreement'),
      connecting: n('connecting'),
      live: n('live'),
      // Waiting for an EfA service only makes sense for an EfA service.
      awaitingEfa: String(r.kind) === 'efa' ? n('awaiting') : null,
    }
    return { ...row, notLive: row.interest + row.agreement + row.connecting }
  })
}

export type OnlineServiceListRow = Awaited<ReturnType<typeof listOnlineServices>>[number]

// The online service as its page and its edit form read it, with the lead county's key.
const lead = alias(counties, 'lead_county')
const detailColumns = {
  ...pick(onlineServices, 'id', 'name', 'kind', 'provider'),
  leadCountyAgs: lead.ags,
  ...pick(onlineServices, 'operator', 'availability', 'maturity', 'maturityModel', 'url', 'marketplaceUrl'),
  ...pick(onlineServices, 'feeOneOff', 'feeAnnual', 'feeNote', 'interfaceStandards', 'description'),
}

export async function getOnlineService(id: number) {
  const db = await getDb()
  const [service] = await db
    .select({
      ...detailColumns,
      leadCountyName: lead.name,
      updatedAt: onlineServices.updatedAt,
    })
    .from(onlineServices)
    .leftJoin(lead, eq(lead.id, onlineServices.leadCountyId))
    .where(eq(onlineServices.id, id))
  if (!service) return null
  const [implemented, usage, byCounty] = await Promise.all([
    // Per implemented service: rows using this online service by connection, and rows waiting.
    db
      .select({
        ozgId: services.ozgId,
        name: services.name,
        using: countWhere(sql`${statuses.onlineServiceId} = ${id}`),
        live: countWhere(sql`${statuses.onlineServiceId} = ${id} and ${statuses.connection} = 'live'`),
        awaitingEfa: countWhere(sql`${statuses.approach} = 'pending' and ${statuses.pendingPlan} = 'awaiting_efa'`),
        pending: countWhere(sql`${statuses.approach} = 'pending'`),
      })
      .from(onlineServiceServices)
      .innerJoin(services, eq(services.id, onlineServiceServices.serviceId))
      .leftJoin(statuses, and(eq(statuses.serviceId, services.id), memberRow))
      .where(eq(onlineServiceServices.onlineServiceId, id))
      .groupBy(services.id)
      .orderBy(asc(services.ozgId)),
    // Every member row that uses it: county, service, connection and stage.
    db
      .select({
        ags: counties.ags,
        countyName: counties.name,
        ozgId: services.ozgId,
        serviceName: services.name,
        ...pick(statuses, 'approach', 'connection', 'stage', 'contact'),
      })
      .from(statuses)
      .innerJoin(counties, eq(counties.id, statuses.countyId))
      .innerJoin(services, eq(services.id, statuses.serviceId))
      .where(and(eq(statuses.onlineServiceId, id), eq(counties.isMember, true)))
      .orderBy(asc(counties.name), asc(services.ozgId)),
    // Per county: its rows with this online service by connection stage.
    db
      .select({
        ags: counties.ags,
        name: counties.name,
        interest: countWhere(sql`${statuses.connection} = 'interest'`),
        agreement: countWhere(sql`${statuses.connection} = 'agreement'`),
        connecting: countWhere(sql`${statuses.connection} = 'connecting'`),
        live: countWhere(sql`${statuses.connection} = 'live'`),
        unknown: countWhere(sql`${statuses.connection} is null`),
      })
      .from(statuses)
      .innerJoin(counties, eq(counties.id, statuses.countyId))
      .where(and(eq(statuses.onlineServiceId, id), eq(counties.isMember, true)))
      .groupBy(counties.id)
      .orderBy(asc(counties.name)),
  ])
  return { service, implemented, usage, byCounty }
}

/** The stored values for the edit form. */
export async function getOnlineServiceForEdit(id: number) {
  const db = await getDb()
  const [row] = await db
    .select({
      ...detailColumns,
      serviceOzgIds: sql<string[]>`coalesce((select array_agg(${services.ozgId} order by ${services.ozgId}) from ${onlineServiceServices} join ${services} on ${services.id} = ${onlineServiceServices.serviceId} where ${onlineServiceServices.onlineServiceId} = ${onlineServices.id}), '{}')`,
    })
    .from(onlineServices)
    .leftJoin(lead, eq(lead.id, onlineServices.leadCountyId))
    .where(eq(onlineServices.id, id))
  return row ?? null
}

/** Member counties for the lead-county select. */
export async function listMemberCounties() {
  const db = await getDb()
  return db.select({ ags: counties.ags, name: counties.name }).from(counties).where(eq(counties.isMember, true)).orderBy(asc(counties.name))
}

export type SaveResult = { ok: true; id: number } | { ok: false; errors: Partial<Record<string, string>> }

// References are checked inside the transaction so the errors name the field that is wrong.
async function resolveReferences(tx: Tx, input: OnlineServiceInput, id: number | null) {
  const errors: Partial<Record<string, string>> = {}
  const [clash] = await tx
    .select({ id: onlineServices.id })
    .from(onlineServices)
    .where(and(sql`lower(${onlineServices.name}) = lower(${input.name})`, id === null ? undefined : ne(onlineServices.id, id)))
  if (clash) errors.name = 'Einen Online-Dienst mit diesem Namen gibt es schon. Wählen Sie einen anderen Namen.'
  let leadCountyId: number | null = null
  if (input.leadCountyAgs) {
    const [county] = await tx.select({ id: counties.id }).from(counties).where(eq(counties.ags, input.leadCountyAgs))
    if (!county) errors.federfuehrung = 'Diesen Kreis gibt es nicht. Wählen Sie den federführenden Kreis aus der Liste.'
    else leadCountyId = county.id
  }
  const found = input.serviceOzgIds.length
    ? await tx.select({ id: services.id, ozgId: services.ozgId }).from(services).where(inArray(services.ozgId, input.serviceOzgIds))
    : []
  const missing = input.serviceOzgIds.filter((o) => !found.some((f) => f.ozgId === o))
  if (missing.length) errors.leistungen = `Diese OZG-IDs gibt es im Katalog nicht: ${missing.slice(0, 5).join(', ')}.`
  return { errors, leadCountyId, serviceIds: found.map((f) => f.id) }
}

function columns(input: OnlineServiceInput, leadCountyId: number | null) {
  return {
    name: input.name,
    kind: input.kind,
    provider: input.provider,
    // Only a community solution has a lead county (Federführung).
    leadCountyId: input.kind === 'community' ? leadCountyId : null,
    operator: input.operator,
    availability: input.availability,
    maturity: input.maturity,
    maturityModel: input.maturityModel,
    url: input.url,
    marketplaceUrl: input.marketplaceUrl,
    feeOneOff: input.feeOneOff,
    feeAnnual: input.feeAnnual,
    feeNote: input.feeNote,
    interfaceStandards: input.interfaceStandards,
    description: input.description,
  }
}

export async function createOnlineService(input: OnlineServiceInput, by: SessionUser): Promise<SaveResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const refs = await resolveReferences(tx, input, null)
    if (Object.keys(refs.errors).length) return { ok: false as const, errors: refs.errors }
    const [row] = await tx.insert(onlineServices).values(columns(input, refs.leadCountyId)).returning({ id: onlineServices.id })
    if (refs.serviceIds.length) {
      await tx.insert(onlineServiceServices).values(refs.serviceIds.map((serviceId) => ({ onlineServiceId: row.id, serviceId })))
    }
    await tx.insert(auditLog).values({
      userId: by.id,
      action: 'create',
      entity: 'online_service',
      entityId: String(row.id),
      details: { after: { ...columns(input, refs.leadCountyId), services: input.serviceOzgIds } },
    })
    return { ok: true as const, id: row.id }
  })
}

export async function updateOnlineService(id: number, input: OnlineServiceInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  const before = await getOnlineServiceForEdit(id)
  if (!before) return null
  return db.transaction(async (tx) => {
    const refs = await resolveReferences(tx, input, id)
    if (Object.keys(refs.errors).length) return { ok: false as const, errors: refs.errors }
    await tx
      .update(onlineServices)
      .set({ ...columns(input, refs.leadCountyId), updatedAt: new Date() })
      .where(eq(onlineServices.id, id))
    // Replace the set of implemented services: removed links go, new ones come.
    await tx.delete(onlineServiceServices).where(eq(onlineServiceServices.onlineServiceId, id))
    if (refs.serviceIds.length) {
      await tx.insert(onlineServiceServices).values(refs.serviceIds.map((serviceId) => ({ onlineServiceId: id, serviceId })))
    }
    await tx.insert(auditLog).values({
      userId: by.id,
      action: 'update',
      entity: 'online_service',
      entityId: String(id),
      details: { before, after: { ...columns(input, refs.leadCountyId), services: input.serviceOzgIds } },
    })
    return { ok: true as const, id }
  })
}
