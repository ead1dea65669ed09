// „Jetzt verfügbar“: the counties waiting for an online service hear when it becomes available.
import { sql } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import { DEFAULT_SETTINGS, nowAvailableTitle, type NowAvailablePayload } from '~/domain/notification'
import { getDb, queryRows, type Tx } from '~/utils/db.server'
import { insertNotifications, type NewNotification } from './notification-insert.server'

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
