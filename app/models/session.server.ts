import { createHash, randomBytes } from 'node:crypto'
import { and, asc, count, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm'
import { apiTokens, auditLog, counties, loginKnownAddresses, sessions, users } from '../../db/schema'
import type { SessionUser } from '~/domain/permissions'
import { addressKey, loginBuckets, loginPairKey, normalizeEmail, UNKNOWN_ADDRESS } from '~/domain/rate-limit'
import { LAST_SEEN_RESOLUTION_SECONDS, SESSION_DAYS, SESSION_IDLE_HOURS } from '~/domain/session'
import { getDb, type Db, type Tx } from '~/utils/db.server'
import { DUMMY_PASSWORD_HASH, verifyPassword } from '~/utils/password.server'
import { clearRateLimit, consumeRateLimit, sweepRateLimits } from './rate-limit.server'
import type { Actor } from './status.server'

/** A signed-in user's columns (users left-joined with their county), the fields SessionUser is built from. */
export const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  countyId: users.countyId,
  countyAgs: counties.ags,
}

export { SESSION_DAYS }

const USER_AGENT_MAX = 500
// Known addresses are forgotten after this long without a sign-in from them.
const KNOWN_ADDRESS_DAYS = 90

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export async function createSession(userId: number, userAgent?: string | null): Promise<{ token: string; expiresAt: Date }> {
  const db = await getDb()
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000)
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt, userAgent: userAgent?.slice(0, USER_AGENT_MAX) || null })
  // Ended sessions are swept here rather than by a timer: the app servers keep no jobs.
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - make_interval(hours => ${SESSION_IDLE_HOURS})`)))
  return { token, expiresAt }
}

export async function deleteSession(token: string) {
  const db = await getDb()
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)))
}

function prepareSessionUser(db: Db) {
  return db
    .select({
      ...sessionUserColumns,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('id')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
        eq(users.isActive, true),
      ),
    )
    .prepare('session_user_idle')
}
// Every request looks its session up: built once per database and sent as a named statement,
// which postgres.js sends in one round trip instead of describing it first in another.
const sessionUser = new WeakMap<Db, ReturnType<typeof prepareSessionUser>>()

/** The signed-in user, or null once the session has expired, been idle too long or ended. */
export async function getSessionUser(token: string): Promise<SessionUser | null> {
  const db = await getDb()
  let query = sessionUser.get(db)
  if (!query) sessionUser.set(db, (query = prepareSessionUser(db)))
  const now = Date.now()
  const id = hashToken(token)
  // A placeholder skips the column's encoder: the time goes as ISO text, as the encoder would send it.
  const [row] = await query.execute({
    id,
    now: new Date(now).toISOString(),
    idleSince: new Date(now - SESSION_IDLE_HOURS * 3_600_000).toISOString(),
  })
  if (!row) return null
  const { lastSeenAt, ...user } = row
  // Sliding idle timeout at a minute's resolution: most requests only read.
  if (now - new Date(lastSeenAt).getTime() >= LAST_SEEN_RESOLUTION_SECONDS * 1000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id))
  }
  return { ...user, role: user.role as SessionUser['role'] } satisfies SessionUser
}

/** The user's sessions still open, newest activity first; `current` marks the one asking. */
export async function listSessions(userId: number, currentToken: string | null) {
  const db = await getDb()
  const currentId = currentToken ? hashToken(currentToken) : null
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(hours => ${SESSION_IDLE_HOURS})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt), asc(sessions.createdAt))
  // The id (a token's hash) stays on the server.
  return rows.map(({ id, ...s }) => ({ ...s, current: id === currentId }))
}

/** „Überall abmelden“: ends every session of the user except the one asking. */
export async function endOtherSessions(userId: number, currentToken: string): Promise<number> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, hashToken(currentToken))))
      .returning({ id: sessions.id })
    await tx.insert(auditLog).values({ userId, action: 'end_other_sessions', entity: 'user', entityId: String(userId), details: { sessions: ended.length } })
    return ended.length
  })
}

export type RevokeReason = 'password_reset' | 'password_changed' | 'deactivated'

/**
 * Ends every session of the user and revokes all their API tokens, with an audit record, in one
 * transaction: after a password reset or a deactivation nothing signed in before still works.
 * Revoked tokens stay revoked when the account is reactivated. Pass `tx` to make it part of the
 * caller's transaction (e.g. the one that sets the new password).
 */
export async function revokeUserAccess(
  userId: number,
  options: { actor?: Actor; reason?: RevokeReason; tx?: Tx } = {},
): Promise<{ sessions: number; tokens: number }> {
  const run = async (tx: Tx) => {
    const endedSessions = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
    const revokedTokens = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id })
    const result = { sessions: endedSessions.length, tokens: revokedTokens.length }
    await tx.insert(auditLog).values({
      userId: options.actor?.id ?? null,
      action: 'revoke_access',
      entity: 'user',
      entityId: String(userId),
      details: { reason: options.reason ?? null, ...result },
    })
    return result
  }
  if (options.tx) return run(options.tx)
  const db = await getDb()
  return db.transaction(run)
}

export type LoginResult = { ok: true; userId: number } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number }

/**
 * Checks the password under the login throttle (decision record 012): the attempt is counted
 * before the password is checked, so parallel attempts cannot slip past a limit, and handed back
 * when it succeeds, so only failures count. Unknown e-mails take the same path and time.
 */
export async function attemptLogin(email: string, password: string, address: string): Promise<LoginResult> {
  const db = await getDb()
  const normalized = normalizeEmail(email)
  const isKnown = address !== UNKNOWN_ADDRESS && (await isKnownAddress(db, normalized, addressKey(address)))
  const buckets = loginBuckets(normalized, address, isKnown)
  const counted = await consumeRateLimit(buckets, db)
  if (!counted.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: counted.retryAfterSeconds }

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, isActive: users.isActive })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalized))
  // Always one argon2 verification, whether the account exists, is disabled or not.
  const matches = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, password)
  if (!user || !user.isActive || !matches) return { ok: false, reason: 'invalid' }

  await counted.refund()
  if (address !== UNKNOWN_ADDRESS) {
    // The owner's own typos from here are forgiven, and this address is now one of theirs.
    await clearRateLimit([loginPairKey(normalized, address)], db)
    await db
      .insert(loginKnownAddresses)
      .values({ email: normalized, address: addressKey(address) })
      .onConflictDoUpdate({ target: [loginKnownAddresses.email, loginKnownAddresses.address], set: { lastSuccessAt: sql`now()` } })
  }
  await sweepRateLimits(db)
  await db.delete(loginKnownAddresses).where(lt(loginKnownAddresses.lastSuccessAt, sql`now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})`))
  return { ok: true, userId: user.id }
}

async function isKnownAddress(db: Db, email: string, address: string) {
  const [row] = await db
    .select({ n: count() })
    .from(loginKnownAddresses)
    .where(
      and(
        eq(loginKnownAddresses.email, email),
        eq(loginKnownAddresses.address, address),
        gt(loginKnownAddresses.lastSuccessAt, sql`now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})`),
      ),
    )
  return Number(row.n) > 0
}
