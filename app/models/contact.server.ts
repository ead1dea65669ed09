// Named contacts per county. Writes are authorised here too (the county's editor or the
// coordination) and audited.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { auditLog, countyContacts } from '../../db/schema'
import type { ContactInput } from '~/domain/contact'
import { canEditCounty, type SessionUser } from '~/domain/permissions'
import { getDb } from '~/utils/db.server'

export type Contact = { id: number; countyId: number; name: string; role: string | null; email: string | null; phone: string | null }

const columns = {
  id: countyContacts.id,
  countyId: countyContacts.countyId,
  name: countyContacts.name,
  role: countyContacts.role,
  email: countyContacts.email,
  phone: countyContacts.phone,
}

export async function listContacts(countyIds: number[]): Promise<Contact[]> {
  if (countyIds.length === 0) return []
  const db = await getDb()
  return db.select(columns).from(countyContacts).where(inArray(countyContacts.countyId, countyIds)).orderBy(asc(countyContacts.name), asc(countyContacts.id))
}

export class ContactForbiddenError extends Error {}

function authorise(user: SessionUser, countyId: number) {
  if (!canEditCounty(user, countyId)) throw new ContactForbiddenError('Ansprechpersonen eines Kreises pflegen nur seine Bearbeitung und die Koordination.')
}

export async function addContact(countyId: number, input: ContactInput, user: SessionUser): Promise<number> {
  authorise(user, countyId)
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(countyContacts).values({ countyId, ...input, updatedBy: user.id }).returning({ id: countyContacts.id })
    await tx.insert(auditLog).values({ userId: user.id, action: 'create', entity: 'county_contact', entityId: String(row.id), details: { countyId, ...input } })
    return row.id
  })
}

export async function updateContact(countyId: number, id: number, input: ContactInput, user: SessionUser): Promise<boolean> {
  authorise(user, countyId)
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [before] = await tx.select(columns).from(countyContacts).where(and(eq(countyContacts.id, id), eq(countyContacts.countyId, countyId)))
    if (!before) return false
    await tx.update(countyContacts).set({ ...input, updatedBy: user.id, updatedAt: sql`now()` }).where(eq(countyContacts.id, id))
    await tx.insert(auditLog).values({ userId: user.id, action: 'update', entity: 'county_contact', entityId: String(id), details: { countyId, before, after: input } })
    return true
  })
}

export async function deleteContact(countyId: number, id: number, user: SessionUser): Promise<boolean> {
  authorise(user, countyId)
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(countyContacts).where(and(eq(countyContacts.id, id), eq(countyContacts.countyId, countyId))).returning(columns)
    if (!removed) return false
    await tx.insert(auditLog).values({ userId: user.id, action: 'delete', entity: 'county_contact', entityId: String(id), details: { removed } })
    return true
  })
}
