// The mail outbox: notifications to mail, claimed one at a time by any app process.
import { sql } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import { type NotificationKind, type NotificationPayload } from '~/domain/notification'
import { getDb, queryRows } from '~/utils/db.server'

// ---------------------------------------------------------------------------------------------
// The mail outbox.
export type OutgoingMail = {
  id: number
  email: string
  name: string
  kind: NotificationKind
  title: string
  link: string | null
  payload: NotificationPayload
}

// A claim older than this belongs to a process that died while sending: the mail is sent again.
const CLAIM_TIMEOUT = sql`interval '10 minutes'`
export const MAX_MAIL_ATTEMPTS = 5

/** Claims the next mail to send (skipping ones another process holds), or null when none waits. */
export async function claimNextMail(skip: number[] = []): Promise<OutgoingMail | null> {
  const db = await getDb()
  const exclude = skip.length ? sql`and c.id <> all(${`{${skip.join(',')}}`}::bigint[])` : sql``
  const [row] = await queryRows<{ id: number; email: string; name: string; kind: NotificationKind; title: string; link: string | null; payload: NotificationPayload | string }>(
    db,
    sql`
      update notifications n set mail_status = 'sending', mail_claimed_at = now(), mail_attempts = n.mail_attempts + 1
      from users u
      where u.id = n.user_id and n.id = (
        select c.id from notifications c
        where (c.mail_status = 'pending' or (c.mail_status = 'sending' and c.mail_claimed_at < now() - ${CLAIM_TIMEOUT})) ${exclude}
        order by c.id
        limit 1
        for update skip locked
      )
      returning n.id, u.email, u.name, n.kind, n.title, n.link, n.payload
    `,
  )
  if (!row) return null
  return { ...row, id: Number(row.id), payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }
}

export async function markMailSent(id: number) {
  const db = await getDb()
  await db.execute(sql`update notifications set mail_status = 'sent', mailed_at = now(), mail_error = null where id = ${id}`)
}

/** After a failed attempt the mail waits for the next run, up to MAX_MAIL_ATTEMPTS attempts. */
export async function markMailFailed(id: number, error: string) {
  const db = await getDb()
  await db.execute(sql`
    update notifications
    set mail_status = case when mail_attempts >= ${MAX_MAIL_ATTEMPTS} then 'failed' else 'pending' end,
        mail_error = ${error.slice(0, 500)}
    where id = ${id}
  `)
}

/** Without SMTP the waiting mails are marked skipped, so configuring SMTP later sends no backlog. */
export async function skipPendingMails(): Promise<number> {
  const db = await getDb()
  const rows = await queryRows<{ id: number }>(db, sql`update notifications set mail_status = 'skipped' where mail_status = 'pending' returning id`)
  return rows.length
}
