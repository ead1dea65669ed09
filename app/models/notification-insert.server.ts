// Creating notifications: one insert that skips what a sweep created before (unique key per
// user), and the periods the sweeps cover.
import { sql } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import { type NotificationKind, type NotificationPayload } from '~/domain/notification'
import { queryRows, type Db, type Tx } from '~/utils/db.server'

// ---------------------------------------------------------------------------------------------
// Creating notifications.
export type NewNotification = {
  userId: number
  kind: NotificationKind
  dedupeKey: string
  title: string
  link: string | null
  payload: NotificationPayload
  mail: boolean
}

export async function insertNotifications(db: Db | Tx, list: NewNotification[]): Promise<number> {
  if (list.length === 0) return 0
  const inserted = await db
    .insert(notifications)
    .values(
      list.map((n) => ({
        userId: n.userId,
        kind: n.kind,
        dedupeKey: n.dedupeKey,
        title: n.title,
        link: n.link,
        payload: n.payload as Record<string, unknown>,
        mailStatus: n.mail ? 'pending' : 'none',
      })),
    )
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning({ id: notifications.id })
  return inserted.length
}

/** The periods that ended last, as German-time calendar days: yesterday, and last Monday–Sunday. */
export async function lastPeriods(db: Db, now: Date) {
  const [row] = await queryRows<{ day_from: string; day_to: string; week_from: string; week_to: string }>(
    db,
    sql`
      with t as (select (${now.toISOString()}::timestamptz at time zone 'Europe/Berlin') as local)
      select to_char(date_trunc('day', local) - interval '1 day', 'YYYY-MM-DD') as day_from,
             to_char(date_trunc('day', local), 'YYYY-MM-DD') as day_to,
             to_char(date_trunc('week', local) - interval '7 days', 'YYYY-MM-DD') as week_from,
             to_char(date_trunc('week', local), 'YYYY-MM-DD') as week_to
      from t
    `,
  )
  return {
    daily: { from: row.day_from, to: row.day_to },
    weekly: { from: row.week_from, to: row.week_to },
  }
}

export const berlinMidnight = (day: string) => sql`(${day}::date::timestamp at time zone 'Europe/Berlin')`
