// Users for the admin page and the user:create script. Every change lands in the audit log;
// password hashes never leave this module.
import { randomBytes } from 'node:crypto'
import { asc, eq, sql } from 'drizzle-orm'
import { auditLog, counties, sessions, users } from '../../db/schema'
import type { RoleCode } from '~/domain/enums'
import { getDb, type Db } from '~/utils/db.server'
import { hashPassword, MIN_PASSWORD_LENGTH } from '~/utils/password.server'
import { pick } from './columns.server'
import { revokeUserAccess } from './session.server'
import type { Actor } from './status.server'

export async function listUsers() {
  const db = await getDb()
  return db
    .select({
      ...pick(users, 'id', 'email', 'name', 'role'),
      countyAgs: counties.ags,
      countyName: counties.name,
      ...pick(users, 'isActive', 'isDemo', 'updatedAt'),
    })
    .from(users)
    .leftJoin(counties, eq(counties.id, users.countyId))
    .orderBy(asc(users.email))
}

export async function getUserById(id: number) {
  const db = await getDb()
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, countyAgs: counties.ags, isActive: users.isActive })
    .from(users)
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(eq(users.id, id))
  return row ?? null
}

export async function listCountyChoices() {
  const db = await getDb()
  return db.select({ ags: counties.ags, name: counties.name }).from(counties).where(eq(counties.isMember, true)).orderBy(asc(counties.name))
}

async function countyIdFor(db: Db, ags: string | undefined): Promise<number | null | 'unknown'> {
  if (!ags) return null
  const [c] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, ags))
  return c?.id ?? 'unknown'
}

export type UserWriteResult = { ok: true; id: number } | { ok: false; field: string; message: string }

export async function createUser(
  input: { email: string; name: string; role: RoleCode; kreis?: string; password: string },
  actor: Actor,
  db?: Db,
): Promise<UserWriteResult> {
  db ??= await getDb()
  if (input.password.length < MIN_PASSWORD_LENGTH) return { ok: false, field: 'password', message: `Das Passwort braucht mindestens ${MIN_PASSWORD_LENGTH} Zeichen.` }
  const countyId = await countyIdFor(db, input.kreis)
  if (countyId === 'unknown') return { ok: false, field: 'kreis', message: `Einen Kreis mit dem AGS ${input.kreis} gibt es nicht.` }
  const email = input.email.trim().toLowerCase()
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email))
  if (existing) return { ok: false, field: 'email', message: 'Es gibt schon ein Konto mit dieser E-Mail-Adresse.' }
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(users).values({ email, name: input.name, role: input.role, countyId, passwordHash }).returning({ id: users.id })
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'create', entity: 'user', entityId: String(created.id), details: { email, role: input.role, county: input.kreis ?? null } })
    return { ok: true as const, id: created.id }
  })
}

export async function updateUser(id: number, input: { name: string; role: RoleCode; kreis?: string; aktiv: boolean }, actor: Actor): Promise<UserWriteResult> {
  const db = await getDb()
  const before = await getUserById(id)
  if (!before) return { ok: false, field: '_form', message: 'Dieses Konto gibt es nicht mehr.' }
  if (actor?.id === id && (input.role !== 'admin' || !input.aktiv)) {
    // Otherwise the last admin could lock everyone out of the user admin.
    return { ok: false, field: 'role', message: 'Sie können sich nicht selbst die Administration entziehen oder sich deaktivieren.' }
  }
  const countyId = await countyIdFor(db, input.kreis)
  if (countyId === 'unknown') return { ok: false, field: 'kreis', message: `Einen Kreis mit dem AGS ${input.kreis} gibt es nicht.` }
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  if (before.name !== input.name) changes.name = { from: before.name, to: input.name }
  if (before.role !== input.role) changes.role = { from: before.role, to: input.role }
  if ((before.countyAgs ?? null) !== (input.kreis ?? null)) changes.county = { from: before.countyAgs, to: input.kreis ?? null }
  if (before.isActive !== input.aktiv) changes.isActive = { from: before.isActive, to: input.aktiv }
  if (Object.keys(changes).length === 0) return { ok: true, id }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: input.name, role: input.role, countyId, isActive: input.aktiv, updatedAt: sql`now()` }).where(eq(users.id, id))
    // A disabled account loses its sessions and API tokens for good (reactivation does not bring
    // old tokens back); a changed role or county ends its sessions: the old rights must not linger.
    if (changes.isActive && !input.aktiv) await revokeUserAccess(id, { actor, reason: 'deactivated', tx })
    else if (changes.role || changes.county) await tx.delete(sessions).where(eq(sessions.userId, id))
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'update', entity: 'user', entityId: String(id), details: { changes } })
  })
  return { ok: true, id }
}

export async function resetPassword(id: number, password: string, actor: Actor): Promise<UserWriteResult> {
  const db = await getDb()
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, field: 'password', message: `Das Passwort braucht mindestens ${MIN_PASSWORD_LENGTH} Zeichen.` }
  const passwordHash = await hashPassword(password)
  await db.transaction(async (tx) => {
    const updated = await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, id)).returning({ id: users.id })
    if (updated.length === 0) throw new Error('Dieses Konto gibt es nicht mehr.')
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'reset_password', entity: 'user', entityId: String(id), details: {} })
    await revokeUserAccess(id, { actor, reason: 'password_reset', tx })
  })
  return { ok: true, id }
}

/** A random password of 20 characters from an alphabet without look-alikes. */
export function generatePassword(length = 20): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(length)
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('')
}
