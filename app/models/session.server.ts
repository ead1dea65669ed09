import { createHash, randomBytes } from 'node:crypto'
import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { apiTokens, auditLog, counties, loginAttempts, sessions, users } from '../../db/schema'
import type { SessionUser } from '~/domain/permissions'
import { getDb, type Db } from '~/utils/db.server'
import { verifyPassword } from '~/utils/password.server'

export const SESSION_DAYS = 14
export const LOGIN_LIMIT = { attempts: 10, windowMs: 60_000 }

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export async function createSession(userId: number): Promise<{ token: string; expiresAt: Date }> {
  const db = await getDb()
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000)
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt })
  // Expired sessions are swept here rather than by a timer: the app servers keep no jobs.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()))
  return { token, expiresAt }
}

export async function deleteSession(token: string) {
  const db = await getDb()
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)))
}

function prepareSessionUser(db: Db) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      countyId: users.countyId,
      countyAgs: counties.ags,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.isActive, true)))
    .prepare('session_user')
}
// Every request looks its session up: built once per database and sent as a named statement,
// which postgres.js sends in one round trip instead of describing it first in another.
const sessionUser = new WeakMap<Db, ReturnType<typeof prepareSessionUser>>()

export async function getSessionUser(token: string): Promise<SessionUser | null> {
  const db = await getDb()
  let query = sessionUser.get(db)
  if (!query) sessionUser.set(db, (query = prepareSessionUser(db)))
  // A placeholder skips the column's encoder: the time goes as ISO text, as the encoder would send it.
  const [row] = await query.execute({ id: hashToken(token), now: new Date().toISOString() })
  return row ? ({ ...row, role: row.role as SessionUser['role'] } satisfies SessionUser) : null
}

export type LoginResult = { ok: true; userId: number } | { ok: false; reason: 'invalid' | 'throttled' }

/** Checks the password, with at most LOGIN_LIMIT failed attempts a minute per account and address. */
export async function attemptLogin(email: string, password: string, address: string): Promise<LoginResult> {
  const db = await getDb()
  const normalized = email.trim().toLowerCase()
  const since = new Date(Date.now() - LOGIN_LIMIT.windowMs)
  const [{ failures }] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, normalized),
        eq(loginAttempts.address, address),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.attemptedAt, since),
      ),
    )
  if (Number(failures) >= LOGIN_LIMIT.attempts) return { ok: false, reason: 'throttled' }

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, isActive: users.isActive })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalized))
  const valid = !!user && user.isActive && (await verifyPassword(user.passwordHash, password))
  await db.insert(loginAttempts).values({ email: normalized, address, succeeded: valid })
  await db.delete(loginAttempts).where(lt(loginAttempts.attemptedAt, new Date(Date.now() - 86_400_000)))
  return valid ? { ok: true, userId: user.id } : { ok: false, reason: 'invalid' }
}

/**
 * Ends every session of the user and revokes their API tokens, e.g. after a password reset or
 * when the account is deactivated: whoever held the old credentials loses access at once.
 */
export async function revokeUserAccess(userId: number): Promise<void> {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id })
    await tx.insert(auditLog).values({
      userId,
      action: 'revoke_access',
      entity: 'user',
      entityId: String(userId),
      details: { sessions: ended.length, apiTokens: revoked.length },
    })
  })
}
