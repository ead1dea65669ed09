// Vendors (Hersteller) and their Fachverfahren: which member counties are at which interface
// stage, the basis for negotiating together. Writes are the coordinator's, audited.
import { and, asc, eq, ne, sql } from 'drizzle-orm'
import { auditLog, counties, fachverfahren, statuses, vendors } from '../../db/schema'
import type { SessionUser } from '~/domain/permissions'
import type { FachverfahrenInput, VendorInput } from '~/domain/vendor'
import { getDb } from '~/utils/db.server'
import { countWhere, openInterfaceSql } from './sql.server'

const openInterface = openInterfaceSql(statuses.interfaceStatus)

function interfaceCounts() {
  return {
    unset: countWhere(sql`${statuses.interfaceStatus} is null`),
    none: countWhere(sql`${statuses.interfaceStatus} = 'none'`),
    negotiating: countWhere(sql`${statuses.interfaceStatus} = 'negotiating'`),
    inDevelopment: countWhere(sql`${statuses.interfaceStatus} = 'in_development'`),
    testing: countWhere(sql`${statuses.interfaceStatus} = 'testing'`),
    live: countWhere(sql`${statuses.interfaceStatus} = 'live'`),
    notNeeded: countWhere(sql`${statuses.interfaceStatus} = 'not_needed'`),
  }
}

/** Every vendor with its Fachverfahren count, the member counties using them and their rows. */
export async function listVendors() {
  const db = await getDb()
  return db
    .select({
      id: vendors.id,
      name: vendors.name,
      website: vendors.website,
      fachverfahren: sql<number>`count(distinct ${fachverfahren.id})`.mapWith(Number),
      counties: sql<number>`count(distinct ${statuses.countyId})`.mapWith(Number),
      rows: sql<number>`count(${statuses.id})`.mapWith(Number),
      open: countWhere(openInterface),
      live: countWhere(sql`${statuses.interfaceStatus} = 'live'`),
    })
    .from(vendors)
    .leftJoin(fachverfahren, eq(fachverfahren.vendorId, vendors.id))
    .leftJoin(
      statuses,
      and(
        eq(statuses.fachverfahrenId, fachverfahren.id),
        sql`${statuses.countyId} in (select ${counties.id} from ${counties} where ${counties.isMember})`,
      ),
    )
    .groupBy(vendors.id)
    .orderBy(asc(vendors.name))
}

export async function getVendor(id: number) {
  const db = await getDb()
  const [vendor] = await db
    .select({ id: vendors.id, name: vendors.name, website: vendors.website, note: vendors.note })
    .from(vendors)
    .where(eq(vendors.id, id))
  if (!vendor) return null
  const [procedures, perCounty] = await Promise.all([
    db
      .select({
        id: fachverfahren.id,
        name: fachverfahren.name,
        interfaceStandards: fachverfahren.interfaceStandards,
        note: fachverfahren.note,
        counties: sql<number>`count(distinct ${statuses.countyId})`.mapWith(Number),
        ...interfaceCounts(),
      })
      .from(fachverfahren)
      .leftJoin(
        statuses,
        and(
          eq(statuses.fachverfahrenId, fachverfahren.id),
          sql`${statuses.countyId} in (select ${counties.id} from ${counties} where ${counties.isMember})`,
        ),
      )
      .where(eq(fachverfahren.vendorId, id))
      .groupBy(fachverfahren.id)
      .orderBy(asc(fachverfahren.name)),
    // Per Fachverfahren and member county: its rows by interface status.
    db
      .select({ fachverfahrenId: statuses.fachverfahrenId, ags: counties.ags, name: counties.name, ...interfaceCounts() })
      .from(statuses)
      .innerJoin(fachverfahren, eq(fachverfahren.id, statuses.fachverfahrenId))
      .innerJoin(counties, eq(counties.id, statuses.countyId))
      .where(and(eq(fachverfahren.vendorId, id), eq(counties.isMember, true)))
      .groupBy(statuses.fachverfahrenId, counties.id)
      .orderBy(asc(counties.name)),
  ])
  return {
    vendor,
    fachverfahren: procedures.map((p) => ({ ...p, byCounty: perCounty.filter((c) => c.fachverfahrenId === p.id) })),
  }
}

export async function getFachverfahren(vendorId: number, id: number) {
  const db = await getDb()
  const [row] = await db
    .select({ id: fachverfahren.id, name: fachverfahren.name, interfaceStandards: fachverfahren.interfaceStandards, note: fachverfahren.note })
    .from(fachverfahren)
    .where(and(eq(fachverfahren.id, id), eq(fachverfahren.vendorId, vendorId)))
  return row ?? null
}

export type SaveResult = { ok: true; id: number } | { ok: false; errors: Partial<Record<string, string>> }

const vendorClash = 'Einen Hersteller mit diesem Namen gibt es schon. Wählen Sie einen anderen Namen.'
const procedureClash = 'Dieser Hersteller hat schon ein Fachverfahren mit diesem Namen.'

export async function createVendor(input: VendorInput, by: SessionUser): Promise<SaveResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: vendors.id }).from(vendors).where(sql`lower(${vendors.name}) = lower(${input.name})`)
    if (clash) return { ok: false as const, errors: { name: vendorClash } }
    const [row] = await tx.insert(vendors).values(input).returning({ id: vendors.id })
    await tx.insert(auditLog).values({ userId: by.id, action: 'create', entity: 'vendor', entityId: String(row.id), details: { after: input } })
    return { ok: true as const, id: row.id }
  })
}

export async function updateVendor(id: number, input: VendorInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ name: vendors.name, website: vendors.website, note: vendors.note }).from(vendors).where(eq(vendors.id, id))
    if (!before) return null
    const [clash] = await tx
      .select({ id: vendors.id })
      .from(vendors)
      .where(and(sql`lower(${vendors.name}) = lower(${input.name})`, ne(vendors.id, id)))
    if (clash) return { ok: false as const, errors: { name: vendorClash } }
    await tx.update(vendors).set({ ...input, updatedAt: new Date() }).where(eq(vendors.id, id))
    await tx.insert(auditLog).values({ userId: by.id, action: 'update', entity: 'vendor', entityId: String(id), details: { before, after: input } })
    return { ok: true as const, id }
  })
}

export async function createFachverfahren(vendorId: number, input: FachverfahrenInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [vendor] = await tx.select({ id: vendors.id }).from(vendors).where(eq(vendors.id, vendorId))
    if (!vendor) return null
    const [clash] = await tx
      .select({ id: fachverfahren.id })
      .from(fachverfahren)
      .where(and(eq(fachverfahren.vendorId, vendorId), sql`lower(${fachverfahren.name}) = lower(${input.name})`))
    if (clash) return { ok: false as const, errors: { name: procedureClash } }
    const [row] = await tx.insert(fachverfahren).values({ ...input, vendorId }).returning({ id: fachverfahren.id })
    await tx.insert(auditLog).values({
      userId: by.id,
      action: 'create',
      entity: 'fachverfahren',
      entityId: String(row.id),
      details: { after: { ...input, vendorId } },
    })
    return { ok: true as const, id: row.id }
  })
}

export async function updateFachverfahren(vendorId: number, id: number, input: FachverfahrenInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: fachverfahren.name, interfaceStandards: fachverfahren.interfaceStandards, note: fachverfahren.note })
      .from(fachverfahren)
      .where(and(eq(fachverfahren.id, id), eq(fachverfahren.vendorId, vendorId)))
    if (!before) return null
    const [clash] = await tx
      .select({ id: fachverfahren.id })
      .from(fachverfahren)
      .where(and(eq(fachverfahren.vendorId, vendorId), sql`lower(${fachverfahren.name}) = lower(${input.name})`, ne(fachverfahren.id, id)))
    if (clash) return { ok: false as const, errors: { name: procedureClash } }
    await tx.update(fachverfahren).set({ ...input, updatedAt: new Date() }).where(eq(fachverfahren.id, id))
    await tx.insert(auditLog).values({ userId: by.id, action: 'update', entity: 'fachverfahren', entityId: String(id), details: { before, after: input } })
    return { ok: true as const, id }
  })
}

/** Vendors and their Fachverfahren for the filters of the county page and the matrix. */
export async function listVendorFilterOptions() {
  const db = await getDb()
  const [vendorRows, procedureRows] = await Promise.all([
    db.select({ id: vendors.id, name: vendors.name }).from(vendors).orderBy(asc(vendors.name)),
    db
      .select({ id: fachverfahren.id, name: fachverfahren.name, vendor: vendors.name })
      .from(fachverfahren)
      .innerJoin(vendors, eq(vendors.id, fachverfahren.vendorId))
      .orderBy(asc(vendors.name), asc(fachverfahren.name)),
  ])
  return { vendors: vendorRows, fachverfahren: procedureRows }
}
