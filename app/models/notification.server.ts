// Notifications: the in-app list with its read state, and the sweeps the jobs run — digests,
// reminders, „jetzt verfügbar“ — plus the mail outbox. Every sweep is idempotent: what it
// creates carries a unique key (per user, or per online service × county × event), so running
// it twice, after a crash, or in two app processes at once creates each notification once.
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm'
import { auditLog, notifications } from '../../db/schema'
import { type NotificationKind, type NotificationPayload } from '~/domain/notification'
import type { SessionUser } from '~/domain/permissions'
import { getDb } from '~/utils/db.server'
import { pick } from './columns.server'


// The sweeps and the outbox live beside this module; their importers keep them here.
export { createDigests, listDigestChanges } from './notification-digest.server'
export { createStaleReminders, createTaskReminders } from './notification-reminders.server'
export { notifyWaitingCounties, processNotificationEvents } from './notification-available.server'
export { claimNextMail, markMailFailed, markMailSent, MAX_MAIL_ATTEMPTS, skipPendingMails, type OutgoingMail } from './mail-outbox.server'

const PAGE_SIZE = 30

export type NotificationRow = {
  id: number
  kind: NotificationKind
  title: string
  link: string | null
  payload: NotificationPayload
  createdAt: Date
  readAt: Date | null
}

/** The user's notifications, newest first, a page at a time (`before`: the last id shown). */
export async function listNotifications(userId: number, before?: number) {
  const db = await getDb()
  const rows = await db
    .select(pick(notifications, 'id', 'kind', 'title', 'link', 'payload', 'createdAt', 'readAt'))
    .from(notifications)
    .where(and(eq(notifications.userId, userId), before ? lt(notifications.id, before) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(PAGE_SIZE + 1)
  return {
    items: rows.slice(0, PAGE_SIZE).map((r) => ({ ...r, kind: r.kind as NotificationKind, payload: r.payload as NotificationPayload })) as NotificationRow[],
    more: rows.length > PAGE_SIZE,
  }
}

export async function countUnreadNotifications(userId: number): Promise<number> {
  const db = await getDb()
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row?.n ?? 0
}

/** Marks one of the user's notifications (or all, without an id) as read; returns how many. */
export async function markNotificationsRead(user: SessionUser, id?: number): Promise<number> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
      .returning({ id: notifications.id })
    if (updated.length) {
      await tx.insert(auditLog).values({
        userId: user.id,
        action: 'mark_read',
        entity: 'notification',
        entityId: id ? String(id) : null,
        details: { count: updated.length },
      })
    }
    return updated.length
  })
}
