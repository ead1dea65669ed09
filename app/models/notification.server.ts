// Notifications: the in-app list with its read state, and the sweeps the jobs run — digests,
// reminders, „jetzt verfügbar“ — plus the mail outbox. Every sweep is idempotent: what it
// creates carries a unique key (per user, or per online service × county × event), so running
// it twice, after a crash, or in two app processes at once creates each notification once.
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm'
import { auditLog, notifications } from '../../db/schema'
import {
  DEFAULT_SETTINGS,
  DIGEST_MAX_ITEMS,
  digestTitle,
  nowAvailableTitle,
  staleReminderTitle,
  TASK_DUE_SOON_DAYS,
  taskReminderTitle,
  type DigestFrequency,
  type DigestItem,
  type DigestPayload,
  type NegotiationDigestItem,
  type NotificationKind,
  type NotificationPayload,
  type NowAvailablePayload,
  type StaleReminderPayload,
  type TaskReminderPayload,
  type TaskReminderStage,
} from '~/domain/notification'
import { negotiationHistoryLine } from '~/domain/negotiation'
import type { SessionUser } from '~/domain/permissions'
import { displayValue, FIELD_LABEL, type StatusDiff, type StatusField } from '~/domain/status'
import { getDb, queryRows, type Db, type Tx } from '~/utils/db.server'
import { negotiationTitle } from './negotiation.server'
import { isStale, staleAfterDaysSql } from './sql.server'
import { getReferenceNames } from './status.server'

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
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      link: notifications.link,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
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

// ---------------------------------------------------------------------------------------------
// Creating notifications.
type NewNotification = {
  userId: number
  kind: NotificationKind
  dedupeKey: string
  title: string
  link: string | null
  payload: NotificationPayload
  mail: boolean
}

async function insertNotifications(db: Db | Tx, list: NewNotification[]): Promise<number> {
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
async function lastPeriods(db: Db, now: Date) {
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

const berlinMidnight = (day: string) => sql`(${day}::date::timestamp at time zone 'Europe/Berlin')`

type ChangeRow = {
  id: number
  changed_at: Date | string
  changes: StatusDiff | string
  ags: string
  county_name: string
  ozg_id: string
  service_name: string
  by_name: string | null
  by_email: string | null
  total: number | string
}

/**
 * The status changes in [from, to) that match the user's subscriptions, made by someone else,
 * after the user subscribed; confirmations alone („still current“) are no change. Newest first,
 * at most DIGEST_MAX_ITEMS, each with the total; and the entries of followed negotiations.
 */
export async function listDigestChanges(db: Db, userId: number, from: string, to: string) {
  const rows = await queryRows<ChangeRow>(
    db,
    sql`
      select sc.id, sc.changed_at, sc.changes, c.ags, c.name as county_name, sv.ozg_id, sv.name as service_name,
             u.name as by_name, u.email as by_email, count(*) over () as total
      from status_changes sc
      join statuses st on st.id = sc.status_id
      join counties c on c.id = sc.county_id
      join services sv on sv.id = sc.service_id
      left join users u on u.id = sc.changed_by
      where sc.changed_at >= ${berlinMidnight(from)} and sc.changed_at < ${berlinMidnight(to)}
        and sc.changed_by is distinct from ${userId}
        and (sc.changes - 'confirmedAt') <> '{}'::jsonb
        and exists (
          select 1 from subscriptions s
          where s.user_id = ${userId} and sc.changed_at >= s.created_at
            and (
              (s.kind = 'county' and s.target_id = sc.county_id)
              or (s.kind = 'service' and s.target_id = sc.service_id)
              or (s.kind = 'online_service' and s.target_id in (
                    st.online_service_id,
                    (sc.changes -> 'onlineServiceId' ->> 'from')::int,
                    (sc.changes -> 'onlineServiceId' ->> 'to')::int))
              or (s.kind = 'vendor' and exists (
                    select 1 from fachverfahren f
                    where f.vendor_id = s.target_id and f.id in (
                      st.fachverfahren_id,
                      (sc.changes -> 'fachverfahrenId' ->> 'from')::int,
                      (sc.changes -> 'fachverfahrenId' ->> 'to')::int)))
            )
        )
      order by sc.changed_at desc, sc.id desc
      limit ${DIGEST_MAX_ITEMS}
    `,
  )
  const parsed = rows.map((r) => ({ ...r, changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as StatusDiff }))
  // Online services and Fachverfahren are named, not numbered, in the digest.
  const ids = (field: 'onlineServiceId' | 'fachverfahrenId') =>
    [...new Set(parsed.flatMap((r) => [r.changes[field]?.from, r.changes[field]?.to]).filter((v): v is number => typeof v === 'number'))]
  const refs = parsed.length ? await getReferenceNames(ids('onlineServiceId'), ids('fachverfahrenId')) : null
  const names = refs ? { onlineServices: new Map(refs.onlineServices), fachverfahren: new Map(refs.fachverfahren) } : undefined
  const items: DigestItem[] = parsed.map((r) => ({
    ags: r.ags,
    countyName: r.county_name,
    ozgId: r.ozg_id,
    serviceName: r.service_name,
    changedAt: new Date(r.changed_at).toISOString(),
    byName: r.by_name || r.by_email,
    lines: Object.entries(r.changes)
      .filter(([field]) => field !== 'confirmedAt')
      .map(([field, c]) => `${FIELD_LABEL[field as StatusField] ?? field}: ${displayValue(field, c?.from, names)} → ${displayValue(field, c?.to, names)}`),
  }))
  const negotiations = await listNegotiationDigestEntries(db, userId, from, to)
  return { total: (rows.length ? Number(rows[0].total) : 0) + negotiations.total, items, negotiations: negotiations.items }
}

/**
 * The history entries in [from, to) of the negotiations the user follows, written by someone
 * else after the user subscribed: the same audit entries the negotiation's page lists.
 */
async function listNegotiationDigestEntries(db: Db, userId: number, from: string, to: string) {
  const rows = await queryRows<{
    id: number
    at: Date | string
    action: string
    details: Record<string, unknown> | string | null
    negotiation_id: number
    vendor: string
    fachverfahren: string | null
    interface_standard: string | null
    by_name: string | null
    total: number | string
  }>(
    db,
    sql`
      select a.id, a.at, a.action, a.details, n.id as negotiation_id, v.name as vendor, f.name as fachverfahren,
             n.interface_standard, coalesce(nullif(u.name, ''), u.email) as by_name, count(*) over () as total
      from subscriptions s
      join negotiations n on n.id = s.target_id
      join vendors v on v.id = n.vendor_id
      left join fachverfahren f on f.id = n.fachverfahren_id
      join audit_log a on a.entity = 'negotiation' and a.entity_id = n.id::text
      left join users u on u.id = a.user_id
      where s.user_id = ${userId} and s.kind = 'negotiation'
        and a.at >= s.created_at
        and a.at >= ${berlinMidnight(from)} and a.at < ${berlinMidnight(to)}
        and a.user_id is distinct from ${userId}
      order by a.at desc, a.id desc
      limit ${DIGEST_MAX_ITEMS}
    `,
  )
  const items: NegotiationDigestItem[] = rows.map((r) => ({
    negotiationId: Number(r.negotiation_id),
    title: negotiationTitle({ vendor: r.vendor, fachverfahren: r.fachverfahren, interfaceStandard: r.interface_standard }),
    changedAt: new Date(r.at).toISOString(),
    byName: r.by_name,
    line: negotiationHistoryLine(r.action, typeof r.details === 'string' ? JSON.parse(r.details) : r.details),
  }))
  return { total: rows.length ? Number(rows[0].total) : 0, items }
}

/**
 * Creates the digest of the last finished day (daily) or week (weekly) for every active user
 * with subscriptions, where something changed. Safe to run every hour: one per user and period.
 */
export async function createDigests(now = new Date()): Promise<number> {
  const db = await getDb()
  const periods = await lastPeriods(db, now)
  const recipients = await queryRows<{ user_id: number; digest: DigestFrequency }>(
    db,
    sql`
      select u.id as user_id, coalesce(ns.digest, ${DEFAULT_SETTINGS.digest}) as digest
      from users u
      left join notification_settings ns on ns.user_id = u.id
      where u.is_active and exists (select 1 from subscriptions s where s.user_id = u.id)
        and coalesce(ns.digest, ${DEFAULT_SETTINGS.digest}) <> 'off'
        and not exists (
          select 1 from notifications n
          where n.user_id = u.id
            and n.dedupe_key = 'digest:' || coalesce(ns.digest, ${DEFAULT_SETTINGS.digest}) || ':' ||
              case coalesce(ns.digest, ${DEFAULT_SETTINGS.digest}) when 'daily' then ${periods.daily.from} else ${periods.weekly.from} end
        )
      order by u.id
    `,
  )
  let created = 0
  for (const r of recipients) {
    const frequency = r.digest as Exclude<DigestFrequency, 'off'>
    const period = periods[frequency]
    const { total, items, negotiations } = await listDigestChanges(db, Number(r.user_id), period.from, period.to)
    if (total === 0) continue
    const payload: DigestPayload = { frequency, from: period.from, to: period.to, total, items, negotiations }
    created += await insertNotifications(db, [
      {
        userId: Number(r.user_id),
        kind: 'digest',
        dedupeKey: `digest:${frequency}:${period.from}`,
        title: digestTitle(payload),
        link: null,
        payload,
        mail: true,
      },
    ])
  }
  return created
}

/**
 * Once a week, editors are reminded of their county's rows not confirmed within the stale
 * period (the community setting): the stale rule of the KPIs and of the county page's „veraltet“ filter, over the services
 * not retired, as that page lists them. One per editor and week.
 */
export async function createStaleReminders(now = new Date()): Promise<number> {
  const db = await getDb()
  const { weekly } = await lastPeriods(db, now)
  const rows = await queryRows<{ user_id: number; instant_mail: boolean; ags: string; county_name: string; stale: number | string; stale_after_days: number | string }>(
    db,
    sql`
      select u.id as user_id, coalesce(ns.instant_mail, ${DEFAULT_SETTINGS.instantMail}) as instant_mail,
             c.ags, c.name as county_name, ${staleAfterDaysSql} as stale_after_days,
             (select count(*) from statuses join services on services.id = statuses.service_id and services.retired_at is null
              where statuses.county_id = c.id and ${isStale}) as stale
      from users u
      join counties c on c.id = u.county_id and c.is_member
      left join notification_settings ns on ns.user_id = u.id
      where u.is_active and u.role = 'editor'
        and not exists (select 1 from notifications n where n.user_id = u.id and n.dedupe_key = ${`stale:${weekly.to}`})
    `,
  )
  const list: NewNotification[] = rows
    .filter((r) => Number(r.stale) > 0)
    .map((r) => {
      const payload: StaleReminderPayload = { ags: r.ags, countyName: r.county_name, stale: Number(r.stale), staleAfterDays: Number(r.stale_after_days) }
      return {
        userId: Number(r.user_id),
        kind: 'stale_reminder',
        dedupeKey: `stale:${weekly.to}`,
        title: staleReminderTitle(payload),
        link: `/kreise/${r.ags}?veraltet=ja`,
        payload,
        mail: !!r.instant_mail,
      }
    })
  return insertNotifications(db, list)
}

/**
 * Reminds the owners of open to-dos — the owner person and the active editors of the owner
 * county — once when a to-do falls due within TASK_DUE_SOON_DAYS days (German calendar days,
 * today included) and once more when it is overdue. The key per to-do and stage makes a second
 * run, or a second process, create nothing.
 */
export async function createTaskReminders(now = new Date()): Promise<number> {
  const db = await getDb()
  const rows = await queryRows<{
    task_id: number
    title: string
    due_date: string
    county_name: string | null
    stage: TaskReminderStage
    user_id: number
    instant_mail: boolean
  }>(
    db,
    sql`
      with today as (select (${now.toISOString()}::timestamptz at time zone 'Europe/Berlin')::date as d),
      due as (
        select t.id, t.title, to_char(t.due_date, 'YYYY-MM-DD') as due_date, t.owner_county_id, t.owner_user_id,
               c.name as county_name,
               case when t.due_date < today.d then 'overdue' else 'due_soon' end as stage
        from tasks t cross join today
        left join counties c on c.id = t.owner_county_id
        where t.done_at is null and t.due_date <= today.d + ${TASK_DUE_SOON_DAYS}::int
      ),
      owners as (
        select due.*, u.id as user_id from due join users u on u.id = due.owner_user_id
        union
        select due.*, u.id as user_id from due join users u on u.county_id = due.owner_county_id and u.role = 'editor'
      )
      select o.id as task_id, o.title, o.due_date, o.county_name, o.stage, o.user_id,
             coalesce(ns.instant_mail, ${DEFAULT_SETTINGS.instantMail}) as instant_mail
      from owners o
      join users u on u.id = o.user_id and u.is_active
      left join notification_settings ns on ns.user_id = o.user_id
      where not exists (select 1 from notifications n where n.user_id = o.user_id and n.dedupe_key = 'task:' || o.id || ':' || o.stage)
      order by o.id, o.user_id
    `,
  )
  const list: NewNotification[] = rows.map((r) => {
    const payload: TaskReminderPayload = { taskId: Number(r.task_id), stage: r.stage, taskTitle: r.title, dueDate: r.due_date, countyName: r.county_name }
    return {
      userId: Number(r.user_id),
      kind: 'task_reminder',
      dedupeKey: `task:${payload.taskId}:${payload.stage}`,
      title: taskReminderTitle(payload),
      link: '/aufgaben',
      payload,
      mail: !!r.instant_mail,
    }
  })
  return insertNotifications(db, list)
}

// ---------------------------------------------------------------------------------------------
// „Jetzt verfügbar“.

/**
 * Notifies the member counties waiting for the online service of one event: rows connected to
 * it but not live yet (interest, agreement, connecting), and — for an EfA service — pending rows
 * awaiting an EfA service for one of the services it implements. Each county is noted once per
 * event (unique key); only the caller whose insert wins creates the users' notifications, in the
 * same transaction. Returns the counties notified by this call.
 */
export async function notifyWaitingCounties(eventId: number): Promise<number> {
  const db = await getDb()
  return db.transaction((tx) => notifyInTransaction(tx, eventId))
}

async function notifyInTransaction(tx: Tx, eventId: number): Promise<number> {
  const [event] = await queryRows<{ online_service_id: number; name: string; kind: string }>(
    tx,
    sql`select e.online_service_id, os.name, os.kind from notification_events e join online_services os on os.id = e.online_service_id where e.id = ${eventId}`,
  )
  if (!event) return 0
  const onlineServiceId = Number(event.online_service_id)
  const waiting = await queryRows<{ county_id: number; ags: string; county_name: string; services: { ozgId: string; name: string }[] | string }>(
    tx,
    sql`
      select c.id as county_id, c.ags, c.name as county_name,
             jsonb_agg(jsonb_build_object('ozgId', sv.ozg_id, 'name', sv.name) order by sv.ozg_id) as services
      from statuses st
      join counties c on c.id = st.county_id and c.is_member
      join services sv on sv.id = st.service_id
      where (st.online_service_id = ${onlineServiceId} and st.connection in ('interest', 'agreement', 'connecting'))
         or (${event.kind} = 'efa' and st.approach = 'pending' and st.pending_plan = 'awaiting_efa'
             and st.service_id in (select service_id from online_service_services where online_service_id = ${onlineServiceId}))
      group by c.id
      order by c.name
    `,
  )
  if (!waiting.length) return 0
  const won = await queryRows<{ county_id: number }>(
    tx,
    sql`
      insert into now_available_notices (online_service_id, county_id, event_id)
      select ${onlineServiceId}, unnest(${`{${waiting.map((w) => Number(w.county_id)).join(',')}}`}::int[]), ${eventId}
      on conflict (online_service_id, county_id, event_id) do nothing
      returning county_id
    `,
  )
  const wonIds = new Set(won.map((w) => Number(w.county_id)))
  const counties = waiting.filter((w) => wonIds.has(Number(w.county_id)))
  if (!counties.length) return 0
  const users = await queryRows<{ id: number; county_id: number; instant_mail: boolean }>(
    tx,
    sql`
      select u.id, u.county_id, coalesce(ns.instant_mail, ${DEFAULT_SETTINGS.instantMail}) as instant_mail
      from users u left join notification_settings ns on ns.user_id = u.id
      where u.is_active and u.county_id in (${sql.join(counties.map((c) => sql`${Number(c.county_id)}`), sql`, `)})
    `,
  )
  const list: NewNotification[] = users.map((u) => {
    const county = counties.find((c) => Number(c.county_id) === Number(u.county_id))!
    const payload: NowAvailablePayload = {
      onlineServiceId,
      onlineServiceName: event.name,
      kind: event.kind,
      ags: county.ags,
      countyName: county.county_name,
      services: typeof county.services === 'string' ? JSON.parse(county.services) : county.services,
    }
    return {
      userId: Number(u.id),
      kind: 'now_available',
      dedupeKey: `now_available:${eventId}:${county.county_id}`,
      title: nowAvailableTitle(payload),
      link: `/online-dienste/${onlineServiceId}`,
      payload,
      mail: !!u.instant_mail,
    }
  })
  await insertNotifications(tx, list)
  return counties.length
}

/**
 * Works off the „jetzt verfügbar“ events not processed yet, one at a time: the event row stays
 * locked while it is handled, so a second process skips it rather than waiting. Returns the
 * number of counties notified.
 */
export async function processNotificationEvents(): Promise<number> {
  const db = await getDb()
  let notified = 0
  for (;;) {
    const handled = await db.transaction(async (tx) => {
      const [event] = await queryRows<{ id: number }>(
        tx,
        sql`select id from notification_events where processed_at is null order by id limit 1 for update skip locked`,
      )
      if (!event) return false
      notified += await notifyInTransaction(tx, Number(event.id))
      await tx.execute(sql`update notification_events set processed_at = now() where id = ${Number(event.id)}`)
      return true
    })
    if (!handled) return notified
  }
}

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
