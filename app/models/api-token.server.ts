// Personal API tokens: the plaintext is shown once and only its SHA-256 hash is stored, so a
// leaked table yields no usable tokens (same reasoning as the session table).
import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { apiTokens, auditLog, counties, users } from '../../db/schema'
import type { SessionUser } from '~/domain/permissions'
import { getDb } from '~/utils/db.server'
import { apiBucket } from '~/domain/rate-limit'
import { LAST_SEEN_RESOLUTION_SECONDS } from '~/domain/session'
import { consumeRateLimit } from './rate-limit.server'
import { hashToken, sessionUserColumns } from './session.server'

// A recognisable prefix lets secret scanners and users tell an OZG-Radar token apart.
const PREFIX = 'ozgr_'

export async function createApiToken(user: SessionUser, name: string): Promise<{ id: number; token: string }> {
  const db = await getDb()
  const token = PREFIX + randomBytes(32).toString('base64url')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: user.id, name, tokenHash: hashToken(token) })
      .returning({ id: apiTokens.id })
    await tx.insert(auditLog).values({
      userId: user.id,
      action: 'create',
      entity: 'api_token',
      entityId: String(row.id),
      details: { name },
    })
    return { id: row.id, token }
  })
}

export async function listApiTokens(userId: number) {
  const db = await getDb()
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
}

/** Revokes one of the user's own tokens; false when there is no such active token. */
export async function revokeApiToken(user: SessionUser, tokenId: number): Promise<boolean> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name })
    if (revoked.length === 0) return false
    await tx.insert(auditLog).values({
      userId: user.id,
      action: 'revoke',
      entity: 'api_token',
      entityId: String(tokenId),
      details: { name: revoked[0].name },
    })
    return true
  })
}

/** The user behind a Bearer token (and the token's id), or null for an unknown or revoked one. */
export async function authenticateApiToken(token: string): Promise<(SessionUser & { tokenId: number }) | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null
  const db = await getDb()
  const hash = hashToken(token)
  const [row] = await db
    .select({
      ...sessionUserColumns,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), eq(users.isActive, true)))
  if (!row) return null
  const { lastUsedAt, ...user } = row
  // "Last used" at a minute's resolution, as a session's last activity: a client's burst of
  // requests otherwise wrote (and locked) the token's row once per request (bench/README.md).
  if (!lastUsedAt || Date.now() - lastUsedAt.getTime() >= LAST_SEEN_RESOLUTION_SECONDS * 1000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, user.tokenId))
  }
  return { ...user, role: user.role as SessionUser['role'] }
}

/** Counts one request of the token against its limit a minute, shared by every app process. */
export async function consumeApiTokenQuota(tokenId: number, limit: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const { allowed, retryAfterSeconds } = await consumeRateLimit([apiBucket(tokenId, limit)])
  return { allowed, retryAfterSeconds }
}
