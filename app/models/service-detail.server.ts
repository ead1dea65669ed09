// Everything the service page shows: the catalogue entry, its online services, every member
// county's row side by side and the reuse finder's figures. Counts come from SQL.
import { and, asc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import {
  counties,
  fachverfahren,
  leikaEntries,
  lifeSituations,
  onlineServices,
  onlineServiceServices,
  services,
  statuses,
  themes,
  vendors,
} from '../../db/schema'
import { getDb, type Db } from '~/utils/db.server'
import { listContacts } from './contact.server'
import { pick } from './columns.server'
import { countWhere, isApplicable, isOnline } from './sql.server'
import { isOnline as isOnlineRow } from '~/domain/rules'

/** The LeiKa entries behind the service. */
function listLeika(db: Db, serviceId: number) {
  return db
    .select({ key: leikaEntries.key, name: leikaEntries.name, leikaType: leikaEntries.leikaType, legalBasis: leikaEntries.legalBasis })
    .from(leikaEntries)
    .where(eq(leikaEntries.serviceId, serviceId))
    .orderBy(asc(leikaEntries.key), asc(leikaEntries.name))
}

/** The online services implementing it, with how many member counties use each and how many are live. */
function listImplementations(db: Db, serviceId: number) {
  const lead = alias(counties, 'lead_county')
  const usage = alias(statuses, 'usage')
  return db
    .select({
      id: onlineServices.id,
      name: onlineServices.name,
      kind: onlineServices.kind,
      provider: onlineServices.provider,
      availability: onlineServices.availability,
      maturity: onlineServices.maturity,
      maturityModel: onlineServices.maturityModel,
      url: onlineServices.url,
      leadAgs: lead.ags,
      leadName: lead.name,
      // Member counties using it for this service, and how many of them are live.
      users: sql<number>`count(${usage.id})`.mapWith(Number),
      live: sql<number>`count(*) filter (where ${usage.connection} = 'live')`.mapWith(Number),
    })
    .from(onlineServiceServices)
    .innerJoin(onlineServices, eq(onlineServices.id, onlineServiceServices.onlineServiceId))
    .leftJoin(lead, eq(lead.id, onlineServices.leadCountyId))
    .leftJoin(
      usage,
      and(
        eq(usage.onlineServiceId, onlineServices.id),
        eq(usage.serviceId, serviceId),
        sql`${usage.countyId} in (select ${counties.id} from ${counties} where ${counties.isMember})`,
      ),
    )
    .where(eq(onlineServiceServices.serviceId, serviceId))
    .groupBy(onlineServices.id, lead.ags, lead.name)
    .orderBy(asc(onlineServices.name))
}

/** Every member county's row for the service, side by side (a county without one: nulls). */
function listCountyRows(db: Db, serviceId: number) {
  return db
    .select({
      ags: counties.ags,
      name: counties.name,
      countyId: counties.id,
      approach: statuses.approach,
      pendingPlan: statuses.pendingPlan,
      onlineServiceId: statuses.onlineServiceId,
      onlineServiceName: onlineServices.name,
      onlineServiceKind: onlineServices.kind,
      connection: statuses.connection,
      stage: statuses.stage,
      maturity: statuses.maturity,
      maturityModel: statuses.maturityModel,
      onlineSince: statuses.onlineSince,
      targetDate: statuses.targetDate,
      fachverfahrenId: statuses.fachverfahrenId,
      fachverfahrenName: fachverfahren.name,
      vendorId: vendors.id,
      vendorName: vendors.name,
      interfaceStandard: statuses.interfaceStandard,
      interfaceStatus: statuses.interfaceStatus,
      endToEnd: statuses.endToEnd,
      funding: statuses.funding,
      contact: statuses.contact,
    })
    .from(counties)
    .leftJoin(statuses, and(eq(statuses.countyId, counties.id), eq(statuses.serviceId, serviceId)))
    .leftJoin(onlineServices, eq(onlineServices.id, statuses.onlineServiceId))
    .leftJoin(fachverfahren, eq(fachverfahren.id, statuses.fachverfahrenId))
    .leftJoin(vendors, eq(vendors.id, fachverfahren.vendorId))
    .where(eq(counties.isMember, true))
    .orderBy(asc(counties.name), asc(counties.ags))
}

/** The reuse finder's figures over the member counties. */
function countReuse(db: Db, serviceId: number) {
  return db
    .select({
      applicable: countWhere(isApplicable),
      online: countWhere(isOnline),
      awaitingEfa: countWhere(sql`${statuses.approach} = 'pending' and ${statuses.pendingPlan} = 'awaiting_efa'`),
      pending: countWhere(sql`${statuses.approach} = 'pending'`),
    })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .where(and(eq(statuses.serviceId, serviceId), eq(counties.isMember, true)))
}

type Implementation = Awaited<ReturnType<typeof listImplementations>>[number]

/** Community solutions: their lead county and which members took each over for this service. */
async function listCommunitySolutions(db: Db, serviceId: number, implementations: Implementation[]) {
  const communityIds = implementations.filter((o) => o.kind === 'community').map((o) => o.id)
  const community = communityIds.length
    ? await db
        .select({
          onlineServiceId: onlineServices.id,
          ags: counties.ags,
          name: counties.name,
          isLead: sql<boolean>`${onlineServices.leadCountyId} = ${counties.id}`,
          approach: statuses.approach,
          connection: sql<string | null>`case when ${statuses.onlineServiceId} = ${onlineServices.id} then ${statuses.connection} end`,
          adopted: sql<boolean>`coalesce(${statuses.onlineServiceId} = ${onlineServices.id}, false)`,
        })
        .from(onlineServices)
        .innerJoin(counties, eq(counties.isMember, true))
        .leftJoin(statuses, and(eq(statuses.countyId, counties.id), eq(statuses.serviceId, serviceId)))
        .where(sql`${onlineServices.id} in (${sql.join(communityIds.map((id) => sql`${id}`), sql`, `)})`)
        .orderBy(asc(counties.name))
    : []
  return implementations
    .filter((o) => o.kind === 'community')
    .map((o) => {
      const members = community.filter((m) => m.onlineServiceId === o.id && !m.isLead)
      return {
        id: o.id,
        name: o.name,
        leadAgs: o.leadAgs,
        leadName: o.leadName,
        adopted: members.filter((m) => m.adopted).map((m) => ({ ags: m.ags, name: m.name, connection: m.connection })),
        notYet: members
          .filter((m) => !m.adopted && m.approach !== 'not_applicable')
          .map((m) => ({ ags: m.ags, name: m.name, approach: m.approach })),
      }
    })
}

/** A catalogue entry of a service with its theme and life situation (joined as getServiceDetail does). */
export const serviceEntryColumns = {
  ...pick(services, 'ozgId', 'name', 'themeId'),
  theme: themes.name,
  lifeSituation: lifeSituations.name,
  ...pick(services, 'responsibilities', 'appliesTo', 'retiredAt'),
}

export async function getServiceDetail(ozgId: string) {
  const db = await getDb()
  const [service] = await db
    .select({
      id: services.id,
      ...serviceEntryColumns,
      description: services.description,
    })
    .from(services)
    .innerJoin(themes, eq(themes.id, services.themeId))
    .leftJoin(lifeSituations, eq(lifeSituations.id, services.lifeSituationId))
    .where(eq(services.ozgId, ozgId))
  if (!service) return null

  const [leika, implementations, rows, [reuse]] = await Promise.all([
    listLeika(db, service.id),
    listImplementations(db, service.id),
    listCountyRows(db, service.id),
    countReuse(db, service.id),
  ])
  const communitySolutions = await listCommunitySolutions(db, service.id, implementations)

  // Named contacts of the counties that offer the service online (and of lead counties): whom to
  // call about reusing it.
  const askable = new Set(rows.filter(isOnlineRow).map((r) => r.countyId))
  for (const s of communitySolutions) {
    const lead = rows.find((r) => r.ags === s.leadAgs)
    if (lead) askable.add(lead.countyId)
  }
  const contacts = await listContacts([...askable])

  return { service, leika, implementations, counties: rows, reuse, communitySolutions, contacts }
}

export type ServiceDetail = NonNullable<Awaited<ReturnType<typeof getServiceDetail>>>
