// Shared vendor negotiations: one record per vendor × Fachverfahren (or interface standard), the
// member counties taking part with their offers, documents, comments and the history (the audit
// log). Writes are authorised by the routes and checked again here where data decides.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import {
  auditLog,
  counties,
  fachverfahren,
  negotiationComments,
  negotiationCounties,
  negotiationDocuments,
  negotiations,
  users,
  vendors,
} from '../../db/schema'
import { DOCUMENT_TYPES, type DocumentKind, type NegotiationInput, type NegotiationOfferInput } from '~/domain/negotiation'
import { canCommentNegotiation, type SessionUser } from '~/domain/permissions'
import { getDb, type Tx } from '~/utils/db.server'
import { pick } from './columns.server'
import { openNegotiationStageSql } from './sql.server'

export type SaveResult = { ok: true; id: number } | { ok: false; errors: Partial<Record<string, string>> }

export type NegotiationFilter = { vendorId?: number; countyAgs?: string; open?: boolean }

export async function listNegotiations(filter: NegotiationFilter = {}) {
  const db = await getDb()
  const conditions = [sql`true`]
  if (filter.vendorId) conditions.push(eq(negotiations.vendorId, filter.vendorId))
  if (filter.open) conditions.push(openNegotiationStageSql(negotiations.stage))
  if (filter.countyAgs) {
    conditions.push(
      sql`${negotiations.id} in (select nc.negotiation_id from negotiation_counties nc join counties c on c.id = nc.county_id where c.ags = ${filter.countyAgs})`,
    )
  }
  const leadCounty = sql<string | null>`(select name from counties where id = ${negotiations.leadCountyId})`
  const leadUser = sql<string | null>`(select coalesce(nullif(name, ''), email) from users where id = ${negotiations.leadUserId})`
  return db
    .select({
      id: negotiations.id,
      vendorId: vendors.id,
      vendor: vendors.name,
      fachverfahren: fachverfahren.name,
      interfaceStandard: negotiations.interfaceStandard,
      stage: negotiations.stage,
      nextStep: negotiations.nextStep,
      dueDate: negotiations.dueDate,
      leadCounty,
      leadUser,
      countyCount: sql<number>`(select count(*) from negotiation_counties nc where nc.negotiation_id = ${negotiations.id})`.mapWith(Number),
      updatedAt: negotiations.updatedAt,
    })
    .from(negotiations)
    .innerJoin(vendors, eq(vendors.id, negotiations.vendorId))
    .leftJoin(fachverfahren, eq(fachverfahren.id, negotiations.fachverfahrenId))
    .where(and(...conditions))
    .orderBy(asc(vendors.name), asc(fachverfahren.name), asc(negotiations.interfaceStandard))
}
export type NegotiationListRow = Awaited<ReturnType<typeof listNegotiations>>[number]

export function negotiationTitle(n: { vendor: string; fachverfahren: string | null; interfaceStandard: string | null }) {
  return [n.vendor, n.fachverfahren, n.interfaceStandard].filter(Boolean).join(' – ')
}

export async function getNegotiation(id: number) {
  const db = await getDb()
  const [row] = await db
    .select({
      id: negotiations.id,
      vendorId: negotiations.vendorId,
      vendor: vendors.name,
      fachverfahrenId: negotiations.fachverfahrenId,
      fachverfahren: fachverfahren.name,
      ...pick(negotiations, 'interfaceStandard', 'stage', 'leadCountyId', 'leadUserId'),
      leadCounty: sql<string | null>`(select name from counties where id = ${negotiations.leadCountyId})`,
      leadCountyAgs: sql<string | null>`(select ags from counties where id = ${negotiations.leadCountyId})`,
      leadUser: sql<string | null>`(select coalesce(nullif(name, ''), email) from users where id = ${negotiations.leadUserId})`,
      ...pick(negotiations, 'nextStep', 'dueDate', 'note', 'updatedAt'),
    })
    .from(negotiations)
    .innerJoin(vendors, eq(vendors.id, negotiations.vendorId))
    .leftJoin(fachverfahren, eq(fachverfahren.id, negotiations.fachverfahrenId))
    .where(eq(negotiations.id, id))
  if (!row) return null
  const [participants, documents, comments, history] = await Promise.all([
    db
      .select({
        countyId: counties.id,
        ags: counties.ags,
        name: counties.name,
        ...pick(negotiationCounties, 'offer', 'priceOneOff', 'priceAnnual'),
      })
      .from(negotiationCounties)
      .innerJoin(counties, eq(counties.id, negotiationCounties.countyId))
      .where(eq(negotiationCounties.negotiationId, id))
      .orderBy(asc(counties.name)),
    db
      .select({
        ...pick(negotiationDocuments, 'id', 'fileName', 'contentType', 'size', 'uploadedAt'),
        uploadedBy: sql<string | null>`(select coalesce(nullif(name, ''), email) from users where id = ${negotiationDocuments.uploadedBy})`,
      })
      .from(negotiationDocuments)
      .where(eq(negotiationDocuments.negotiationId, id))
      .orderBy(desc(negotiationDocuments.uploadedAt), desc(negotiationDocuments.id)),
    db
      .select({
        ...pick(negotiationComments, 'id', 'body', 'createdAt'),
        author: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`,
        authorCounty: sql<string | null>`(select name from counties where id = ${users.countyId})`,
      })
      .from(negotiationComments)
      .leftJoin(users, eq(users.id, negotiationComments.userId))
      .where(eq(negotiationComments.negotiationId, id))
      .orderBy(asc(negotiationComments.createdAt), asc(negotiationComments.id)),
    db
      .select({
        ...pick(auditLog, 'id', 'at', 'action', 'details'),
        by: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(and(eq(auditLog.entity, 'negotiation'), eq(auditLog.entityId, String(id))))
      .orderBy(desc(auditLog.at), desc(auditLog.id)),
  ])
  return { ...row, participants, documents, comments, history }
}
export type NegotiationDetail = NonNullable<Awaited<ReturnType<typeof getNegotiation>>>

/** What the negotiation form offers to choose from. */
export async function getNegotiationFormOptions() {
  const db = await getDb()
  const [vendorRows, procedureRows, countyRows, people] = await Promise.all([
    db.select({ id: vendors.id, name: vendors.name }).from(vendors).orderBy(asc(vendors.name)),
    db
      .select({ id: fachverfahren.id, name: fachverfahren.name, vendorId: fachverfahren.vendorId, vendor: vendors.name })
      .from(fachverfahren)
      .innerJoin(vendors, eq(vendors.id, fachverfahren.vendorId))
      .orderBy(asc(vendors.name), asc(fachverfahren.name)),
    db.select({ ags: counties.ags, name: counties.name }).from(counties).where(eq(counties.isMember, true)).orderBy(asc(counties.name)),
    listPeople(),
  ])
  return { vendors: vendorRows, fachverfahren: procedureRows, counties: countyRows, people }
}

/** Active users who can own a to-do or negotiate: everyone but read-only accounts. */
export async function listPeople() {
  const db = await getDb()
  return db
    .select({ id: users.id, name: sql<string>`coalesce(nullif(${users.name}, ''), ${users.email})`, county: counties.name })
    .from(users)
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(and(eq(users.isActive, true), sql`${users.role} <> 'viewer'`))
    .orderBy(asc(users.name), asc(users.email))
}

/** Checks what needs the database; returns field errors keyed by the form's names. */
async function checkReferences(tx: Tx, input: NegotiationInput, ownId: number | null) {
  const errors: Partial<Record<string, string>> = {}
  const [vendor] = await tx.select({ id: vendors.id }).from(vendors).where(eq(vendors.id, input.vendorId))
  if (!vendor) errors.hersteller = 'Diesen Hersteller gibt es nicht. Wählen Sie einen aus der Liste.'
  if (input.fachverfahrenId !== null) {
    const [procedure] = await tx
      .select({ vendorId: fachverfahren.vendorId })
      .from(fachverfahren)
      .where(eq(fachverfahren.id, input.fachverfahrenId))
    if (!procedure) errors.fachverfahren = 'Dieses Fachverfahren gibt es nicht. Wählen Sie eines aus der Liste.'
    else if (procedure.vendorId !== input.vendorId) errors.fachverfahren = 'Dieses Fachverfahren gehört nicht zum gewählten Hersteller.'
  }
  const found = await tx
    .select({ id: counties.id, ags: counties.ags, isMember: counties.isMember })
    .from(counties)
    .where(inArray(counties.ags, input.countyAgs))
  const members = new Map(found.filter((c) => c.isMember).map((c) => [c.ags, c.id]))
  const outside = input.countyAgs.filter((ags) => !members.has(ags))
  if (outside.length) {
    errors.kreise = `${outside.length === 1 ? 'Der Kreis' : 'Die Kreise'} ${outside.join(', ')} ${outside.length === 1 ? 'gehört' : 'gehören'} nicht zur Community. An einer Verhandlung nehmen nur Mitgliedskreise teil.`
  }
  if (input.leadUserId !== null) {
    const [person] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, input.leadUserId), eq(users.isActive, true)))
    if (!person) errors.federfuehrung_person = 'Diese Person gibt es nicht (mehr). Wählen Sie eine aus der Liste.'
  }
  if (!errors.hersteller && !errors.fachverfahren) {
    const [clash] = await tx
      .select({ id: negotiations.id })
      .from(negotiations)
      .where(
        and(
          eq(negotiations.vendorId, input.vendorId),
          sql`coalesce(${negotiations.fachverfahrenId}, 0) = ${input.fachverfahrenId ?? 0}`,
          sql`lower(coalesce(${negotiations.interfaceStandard}, '')) = lower(${input.interfaceStandard ?? ''})`,
          ownId === null ? sql`true` : sql`${negotiations.id} <> ${ownId}`,
        ),
      )
    if (clash) errors.fachverfahren = 'Für diesen Hersteller und dieses Fachverfahren (bzw. diesen Standard) gibt es schon eine Verhandlung.'
  }
  return { errors, countyIds: members }
}

function values(input: NegotiationInput, countyIds: Map<string, number>) {
  return {
    vendorId: input.vendorId,
    fachverfahrenId: input.fachverfahrenId,
    interfaceStandard: input.interfaceStandard,
    stage: input.stage,
    leadCountyId: input.leadCountyAgs ? (countyIds.get(input.leadCountyAgs) ?? null) : null,
    leadUserId: input.leadUserId,
    nextStep: input.nextStep,
    dueDate: input.dueDate,
    note: input.note,
  }
}

export async function createNegotiation(input: NegotiationInput, by: SessionUser): Promise<SaveResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const { errors, countyIds } = await checkReferences(tx, input, null)
    if (Object.keys(errors).length) return { ok: false as const, errors }
    const row = values(input, countyIds)
    const [created] = await tx.insert(negotiations).values({ ...row, createdBy: by.id }).returning({ id: negotiations.id })
    await tx.insert(negotiationCounties).values(input.countyAgs.map((ags) => ({ negotiationId: created.id, countyId: countyIds.get(ags)! })))
    await tx.insert(auditLog).values({
      userId: by.id,
      action: 'create',
      entity: 'negotiation',
      entityId: String(created.id),
      details: { ...row, counties: input.countyAgs },
    })
    return { ok: true as const, id: created.id }
  })
}

export async function updateNegotiation(id: number, input: NegotiationInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(negotiations).where(eq(negotiations.id, id)).for('update')
    if (!before) return null
    const { errors, countyIds } = await checkReferences(tx, input, id)
    if (Object.keys(errors).length) return { ok: false as const, errors }
    const row = values(input, countyIds)
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const key of Object.keys(row) as (keyof typeof row)[]) {
      if ((before[key] ?? null) !== (row[key] ?? null)) changes[key] = { from: before[key], to: row[key] }
    }
    const current = await tx
      .select({ ags: counties.ags })
      .from(negotiationCounties)
      .innerJoin(counties, eq(counties.id, negotiationCounties.countyId))
      .where(eq(negotiationCounties.negotiationId, id))
    const had = new Set(current.map((c) => c.ags))
    const wants = new Set(input.countyAgs)
    const added = input.countyAgs.filter((a) => !had.has(a))
    const removed = [...had].filter((a) => !wants.has(a))
    if (added.length || removed.length) changes.counties = { from: [...had].sort(), to: [...wants].sort() }
    if (Object.keys(changes).length === 0) return { ok: true as const, id }
    await tx.update(negotiations).set({ ...row, version: before.version + 1, updatedAt: new Date() }).where(eq(negotiations.id, id))
    if (removed.length) {
      const removedIds = removed.map((ags) => sql`${ags}`)
      await tx
        .delete(negotiationCounties)
        .where(and(eq(negotiationCounties.negotiationId, id), sql`${negotiationCounties.countyId} in (select id from counties where ags in (${sql.join(removedIds, sql`, `)}))`))
    }
    if (added.length) await tx.insert(negotiationCounties).values(added.map((ags) => ({ negotiationId: id, countyId: countyIds.get(ags)! })))
    await tx.insert(auditLog).values({ userId: by.id, action: 'update', entity: 'negotiation', entityId: String(id), details: changes })
    return { ok: true as const, id }
  })
}

export async function setNegotiationOffer(id: number, input: NegotiationOfferInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [participant] = await tx
      .select({ countyId: negotiationCounties.countyId, offer: negotiationCounties.offer, priceOneOff: negotiationCounties.priceOneOff, priceAnnual: negotiationCounties.priceAnnual })
      .from(negotiationCounties)
      .innerJoin(counties, eq(counties.id, negotiationCounties.countyId))
      .where(and(eq(negotiationCounties.negotiationId, id), eq(counties.ags, input.countyAgs)))
    if (!participant) return { ok: false as const, errors: { kreis: 'Dieser Kreis nimmt an der Verhandlung nicht teil.' } }
    const after = { offer: input.offer, priceOneOff: input.priceOneOff, priceAnnual: input.priceAnnual }
    await tx
      .update(negotiationCounties)
      .set(after)
      .where(and(eq(negotiationCounties.negotiationId, id), eq(negotiationCounties.countyId, participant.countyId)))
    await tx.update(negotiations).set({ updatedAt: new Date() }).where(eq(negotiations.id, id))
    const { countyId: _c, ...before } = participant
    await tx.insert(auditLog).values({ userId: by.id, action: 'offer', entity: 'negotiation', entityId: String(id), details: { county: input.countyAgs, before, after } })
    return { ok: true as const, id }
  })
}

export async function participantCountyIds(id: number): Promise<number[] | null> {
  const db = await getDb()
  const [exists] = await db.select({ id: negotiations.id }).from(negotiations).where(eq(negotiations.id, id))
  if (!exists) return null
  const rows = await db.select({ countyId: negotiationCounties.countyId }).from(negotiationCounties).where(eq(negotiationCounties.negotiationId, id))
  return rows.map((r) => r.countyId)
}

/** A comment; refused (false) unless the user may comment on this negotiation. */
export async function addNegotiationComment(id: number, body: string, by: SessionUser): Promise<boolean> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const rows = await tx.select({ countyId: negotiationCounties.countyId }).from(negotiationCounties).where(eq(negotiationCounties.negotiationId, id))
    if (!canCommentNegotiation(by, rows.map((r) => r.countyId))) return false
    const [created] = await tx.insert(negotiationComments).values({ negotiationId: id, userId: by.id, body }).returning({ id: negotiationComments.id })
    await tx.insert(auditLog).values({ userId: by.id, action: 'comment', entity: 'negotiation', entityId: String(id), details: { commentId: created.id } })
    return true
  })
}

export async function addNegotiationDocument(id: number, file: { fileName: string; kind: DocumentKind; bytes: Uint8Array }, by: SessionUser): Promise<number> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(negotiationDocuments)
      .values({ negotiationId: id, fileName: file.fileName, contentType: DOCUMENT_TYPES[file.kind].mime, size: file.bytes.byteLength, content: file.bytes, uploadedBy: by.id })
      .returning({ id: negotiationDocuments.id })
    await tx.insert(auditLog).values({
      userId: by.id,
      action: 'document',
      entity: 'negotiation',
      entityId: String(id),
      details: { documentId: created.id, fileName: file.fileName, size: file.bytes.byteLength, type: file.kind },
    })
    return created.id
  })
}

export async function getNegotiationDocument(negotiationId: number, documentId: number) {
  const db = await getDb()
  const [row] = await db
    .select({ fileName: negotiationDocuments.fileName, contentType: negotiationDocuments.contentType, content: negotiationDocuments.content })
    .from(negotiationDocuments)
    .where(and(eq(negotiationDocuments.id, documentId), eq(negotiationDocuments.negotiationId, negotiationId)))
  return row ?? null
}
