// Invitations and password resets (issue 12). The links carry a random token; the database keeps
// only its SHA-256 (hashToken), so a leaked table opens no account. Mail goes out through
// utils/mail.server.ts; without SMTP the admin gets the link to hand over.
import { randomBytes } from 'node:crypto'
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { auditLog, counties, invitations, passwordResets, users } from '../../db/schema'
import { INVITATION_DAYS, invitationMail, RESET_LIMIT, RESET_MINUTES, resetMail, type InvitationInput } from '~/domain/invitation'
import { getDb } from '~/utils/db.server'
import { escapeHtml, sendMail } from '~/utils/mail.server'
import { hashPassword } from '~/utils/password.server'
import { pick } from './columns.server'
import { hashToken, revokeUserAccess } from './session.server'
import { getCommunityName } from './settings.server'
import type { Actor } from './status.server'

function newToken() {
  return randomBytes(32).toString('base64url')
}

export type LinkState = 'valid' | 'expired' | 'used' | 'unknown'

export type InviteResult =
  | { ok: true; email: string; link: string; mailed: boolean }
  | { ok: false; field: string; message: string }

export async function inviteUser(input: InvitationInput, actor: Actor, origin: string): Promise<InviteResult> {
  const db = await getDb()
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email))
  if (existing) return { ok: false, field: 'email', message: 'Es gibt schon ein Konto mit dieser E-Mail-Adresse.' }
  let county: { id: number; name: string } | undefined
  if (input.kreis) {
    ;[county] = await db.select({ id: counties.id, name: counties.name }).from(counties).where(and(eq(counties.ags, input.kreis), eq(counties.isMember, true)))
    if (!county) return { ok: false, field: 'kreis', message: `Der Kreis ${input.kreis} ist kein Mitglied der Community.` }
  }
  const token = newToken()
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000)
  const link = `${origin}/einladung/${token}`
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({ email: input.email, name: input.name, role: input.role, countyId: county?.id ?? null, tokenHash: hashToken(token), invitedBy: actor?.id ?? null, expiresAt })
      .returning({ id: invitations.id })
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'invite', entity: 'invitation', entityId: String(row.id), details: { email: input.email, role: input.role, county: input.kreis ?? null } })
  })
  const community = (await getCommunityName()) ?? 'Ihrer Kommunen-Community'
  const mail = invitationMail({ link, role: input.role, countyName: county?.name ?? null, community, expiresAt }, escapeHtml)
  const sent = await sendMail({ to: input.email, ...mail })
  return { ok: true, email: input.email, link, mailed: sent.sent }
}

/** Invitations not yet accepted, newest first, with whether they still work. */
export async function listOpenInvitations() {
  const db = await getDb()
  return db
    .select({
      ...pick(invitations, 'id', 'email', 'role'),
      countyName: counties.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
    })
    .from(invitations)
    .leftJoin(counties, eq(counties.id, invitations.countyId))
    .where(isNull(invitations.acceptedAt))
    .orderBy(desc(invitations.createdAt))
    .limit(100)
}

export async function getInvitation(token: string): Promise<{ state: LinkState; email?: string }> {
  const db = await getDb()
  const [row] = await db
    .select({ email: invitations.email, acceptedAt: invitations.acceptedAt, expired: sql<boolean>`${invitations.expiresAt} <= now()` })
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)))
  if (!row) return { state: 'unknown' }
  if (row.acceptedAt) return { state: 'used', email: row.email }
  if (row.expired) return { state: 'expired', email: row.email }
  return { state: 'valid', email: row.email }
}

export type AcceptResult = { ok: true; userId: number } | { ok: false; state: Exclude<LinkState, 'valid'> | 'taken' }

/** Creates the invited account with the password the person chose; the link works once. */
export async function acceptInvitation(token: string, password: string): Promise<AcceptResult> {
  const db = await getDb()
  const passwordHash = await hashPassword(password)
  return db.transaction(async (tx) => {
    // Locked: two tabs submitting the same link cannot both create an account.
    const [inv] = await tx
      .select({ id: invitations.id, email: invitations.email, name: invitations.name, role: invitations.role, countyId: invitations.countyId, acceptedAt: invitations.acceptedAt, expired: sql<boolean>`${invitations.expiresAt} <= now()` })
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)))
      .for('update')
    if (!inv) return { ok: false, state: 'unknown' }
    if (inv.acceptedAt) return { ok: false, state: 'used' }
    if (inv.expired) return { ok: false, state: 'expired' }
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, inv.email.toLowerCase()))
    if (taken) return { ok: false, state: 'taken' }
    const [user] = await tx
      .insert(users)
      .values({ email: inv.email, name: inv.name, role: inv.role, countyId: inv.countyId, passwordHash })
      .returning({ id: users.id })
    await tx.update(invitations).set({ acceptedAt: sql`now()`, userId: user.id }).where(eq(invitations.id, inv.id))
    await tx.insert(auditLog).values({ userId: user.id, action: 'accept', entity: 'invitation', entityId: String(inv.id), details: { email: inv.email, role: inv.role } })
    return { ok: true, userId: user.id }
  })
}

/**
 * Whether another reset mail may go to this account now. Minimal on purpose: login throttling
 * is its own concern (session.server.ts); this only keeps one address from being flooded.
 */
export async function mayRequestPasswordReset(userId: number): Promise<boolean> {
  const db = await getDb()
  const [{ recent }] = await db
    .select({ recent: count() })
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, userId), gt(passwordResets.createdAt, sql`now() - interval '1 hour'`)))
  return Number(recent) < RESET_LIMIT.perHour
}

export type ResetRequestResult = { sent: boolean; link?: string; reason?: 'unknown' | 'throttled' | 'not_configured' }

async function issueReset(userId: number, email: string, origin: string, actor: Actor): Promise<{ link: string; mailed: boolean }> {
  const db = await getDb()
  const token = newToken()
  const expiresAt = new Date(Date.now() + RESET_MINUTES * 60_000)
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({ userId, tokenHash: hashToken(token), expiresAt })
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'request_reset', entity: 'user', entityId: String(userId), details: {} })
  })
  const link = `${origin}/passwort-neu/${token}`
  const sent = await sendMail({ to: email, ...resetMail({ link, expiresAt }, escapeHtml) })
  return { link, mailed: sent.sent }
}

/**
 * A reset link for whoever asks with an address: the caller answers the same whatever this
 * returns, so nobody learns which addresses have accounts.
 */
export async function requestPasswordReset(email: string, origin: string): Promise<ResetRequestResult> {
  const db = await getDb()
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase()), eq(users.isActive, true)))
  if (!user) return { sent: false, reason: 'unknown' }
  if (!(await mayRequestPasswordReset(user.id))) return { sent: false, reason: 'throttled' }
  const { mailed } = await issueReset(user.id, user.email, origin, null)
  return mailed ? { sent: true } : { sent: false, reason: 'not_configured' }
}

/** The admin creates a reset link for an account: mailed, or shown to hand over without SMTP. */
export async function createResetLinkForUser(userId: number, actor: Actor, origin: string): Promise<{ link: string; mailed: boolean } | null> {
  const db = await getDb()
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId))
  if (!user) return null
  return issueReset(user.id, user.email, origin, actor)
}

export async function getPasswordReset(token: string): Promise<{ state: LinkState }> {
  const db = await getDb()
  const [row] = await db
    .select({ usedAt: passwordResets.usedAt, expired: sql<boolean>`${passwordResets.expiresAt} <= now()` })
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, hashToken(token)))
  if (!row) return { state: 'unknown' }
  if (row.usedAt) return { state: 'used' }
  return { state: row.expired ? 'expired' : 'valid' }
}

export type ResetResult = { ok: true; userId: number } | { ok: false; state: Exclude<LinkState, 'valid'> }

/** Sets the new password, uses the link up, and ends every session and API token of the account. */
export async function completePasswordReset(token: string, password: string): Promise<ResetResult> {
  const db = await getDb()
  const passwordHash = await hashPassword(password)
  const result = await db.transaction(async (tx): Promise<ResetResult> => {
    const [reset] = await tx
      .select({ id: passwordResets.id, userId: passwordResets.userId, usedAt: passwordResets.usedAt, expired: sql<boolean>`${passwordResets.expiresAt} <= now()` })
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, hashToken(token)))
      .for('update')
    if (!reset) return { ok: false, state: 'unknown' }
    if (reset.usedAt) return { ok: false, state: 'used' }
    if (reset.expired) return { ok: false, state: 'expired' }
    await tx.update(passwordResets).set({ usedAt: sql`now()` }).where(eq(passwordResets.id, reset.id))
    // Any other open link for the account is void now too.
    await tx.update(passwordResets).set({ usedAt: sql`now()` }).where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)))
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, reset.userId))
    await tx.insert(auditLog).values({ userId: reset.userId, action: 'reset_password', entity: 'user', entityId: String(reset.userId), details: { via: 'link' } })
    // In the same transaction: the new password and the end of every old session and token.
    await revokeUserAccess(reset.userId, { actor: { id: reset.userId }, reason: 'password_reset', tx })
    return { ok: true, userId: reset.userId }
  })
  return result
}

/**
 * Someone with an expired invitation asks for a new one: the active admins get a mail (once a
 * day per invitation). The answer is the same in every case.
 */
export async function askForNewInvitation(token: string, origin: string): Promise<void> {
  const db = await getDb()
  const [inv] = await db
    .select({ id: invitations.id, email: invitations.email, acceptedAt: invitations.acceptedAt, expired: sql<boolean>`${invitations.expiresAt} <= now()` })
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)))
  if (!inv || inv.acceptedAt || !inv.expired) return
  const [{ asked }] = await db
    .select({ asked: count() })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'invitation'), eq(auditLog.entityId, String(inv.id)), eq(auditLog.action, 'ask_again'), gt(auditLog.at, sql`now() - interval '1 day'`)))
  if (Number(asked) > 0) return
  await db.insert(auditLog).values({ userId: null, action: 'ask_again', entity: 'invitation', entityId: String(inv.id), details: { email: inv.email } })
  const admins = await db.select({ email: users.email }).from(users).where(and(eq(users.role, 'admin'), eq(users.isActive, true)))
  const page = `${origin}/admin/benutzer`
  for (const admin of admins) {
    await sendMail({
      to: admin.email,
      subject: 'OZG-Radar: Bitte um eine neue Einladung',
      text: `Guten Tag,\n\n${inv.email} hat eine abgelaufene Einladung zu OZG-Radar geöffnet und bittet um eine neue.\nSie können sie hier erneut einladen: ${page}\n`,
      html: `<p>Guten Tag,</p><p>${escapeHtml(inv.email)} hat eine abgelaufene Einladung zu OZG-Radar geöffnet und bittet um eine neue.</p><p><a href="${escapeHtml(page)}">Erneut einladen</a></p>`,
    })
  }
}
