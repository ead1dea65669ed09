// The reminders: rows not confirmed within the stale period, and to-dos falling due or overdue.
import { sql } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import {
  DEFAULT_SETTINGS,
  staleReminderTitle,
  TASK_DUE_SOON_DAYS,
  taskReminderTitle,
  type StaleReminderPayload,
  type TaskReminderPayload,
  type TaskReminderStage,
} from '~/domain/notification'
import { getDb, queryRows } from '~/utils/db.server'
import { isStale, staleAfterDaysSql } from './sql.server'
import { insertNotifications, lastPeriods, type NewNotification } from './notification-insert.server'

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
