// Where the counties stood at the last meeting, for the dashboard's „seit der Sitzung“ figures,
// and which Land each member county belongs to (the charts group by Land in a large community).
// Kept apart from summary.server.ts: these read the change history, not the summary tables.
import { sql } from 'drizzle-orm'
import { THEN_KEYS, type CountyThen, type LastMeeting } from '~/domain/standing'
import { getDb, queryRows } from '~/utils/db.server'

export type { CountyThen, LastMeeting }

export type StandingAtMeeting = {
  /** The latest meeting held on or before today (German calendar day); null before the first. */
  meeting: LastMeeting | null
  /** Per member county its counts at the end of the meeting's day. */
  counties: CountyThen[]
}

/** The latest meeting held by today in Germany (a meeting planned for later does not count). */
export async function getLastMeeting(): Promise<LastMeeting | null> {
  const db = await getDb()
  const [row] = await queryRows<{ id: number; title: string; held_on: string | Date }>(
    db,
    sql`select id, title, held_on::text as held_on from meetings
        where held_on <= (now() at time zone 'Europe/Berlin')::date
        order by held_on desc, id desc limit 1`,
  )
  return row ? { id: Number(row.id), title: row.title, heldOn: String(row.held_on) } : null
}

/**
 * The counts of every member county as they were when the last meeting's day ended in Germany,
 * rebuilt from the change history: a row's approach, stage, end-to-end flag and interface status
 * then are the „from“ of its first change to that field afterwards, or the current value when
 * none followed.
 * A row whose first later change starts from nothing did not exist yet and counts nowhere.
 * `themeId` limits the count to one Themenfeld, as on the dashboard.
 */
export async function getStandingAtLastMeeting(scope: { themeId?: number } = {}): Promise<StandingAtMeeting> {
  const meeting = await getLastMeeting()
  if (!meeting) return { meeting: null, counties: [] }
  const db = await getDb()
  const theme = scope.themeId === undefined ? sql`` : sql` and sv.theme_id = ${scope.themeId}`
  type Counts = Record<Exclude<keyof CountyThen, 'ags'>, number | string>
  const rows = await queryRows<Counts & { ags: string }>(
    db,
    sql`
      with cutoff as (select ((${meeting.heldOn}::date + 1)::timestamp at time zone 'Europe/Berlin') as at),
      later as (
        select distinct on (sc.status_id, k.field) sc.status_id, k.field, sc.changes -> k.field ->> 'from' as value_then
        from status_changes sc
        cross join (values ('approach'), ('stage'), ('endToEnd'), ('interfaceStatus')) as k(field)
        where sc.changed_at >= (select at from cutoff) and sc.changes ? k.field
        order by sc.status_id, k.field, sc.changed_at, sc.id
      ),
      rows_then as (
        select s.county_id,
          case when a.status_id is null then s.approach else a.value_then end as approach,
          case when st.status_id is null then s.stage else st.value_then end as stage,
          case when e.status_id is null then s.end_to_end::text else e.value_then end as end_to_end,
          case when i.status_id is null then s.interface_status else i.value_then end as interface_status
        from statuses s
        join services sv on sv.id = s.service_id and sv.retired_at is null${theme}
        left join later a on a.status_id = s.id and a.field = 'approach'
        left join later st on st.status_id = s.id and st.field = 'stage'
        left join later e on e.status_id = s.id and e.field = 'endToEnd'
        left join later i on i.status_id = s.id and i.field = 'interfaceStatus'
      ),
      counted as (
        select r.*, (r.approach in ('own', 'efa') and r.stage = 'online') as is_online,
          (r.approach is not null and r.approach <> 'not_applicable') as is_applicable
        from rows_then r
      )
      select c.ags,
        count(r.county_id) filter (where r.is_applicable) as applicable,
        count(r.county_id) filter (where r.is_online) as online,
        count(r.county_id) filter (where r.approach = 'pending') as pending,
        count(r.county_id) filter (where r.approach = 'own') as own,
        count(r.county_id) filter (where r.approach = 'efa') as efa,
        count(r.county_id) filter (where r.is_online and r.end_to_end = 'true') as "endToEnd",
        count(r.county_id) filter (where r.is_applicable and r.interface_status in ('negotiating', 'in_development', 'testing')) as "openNegotiations"
      from counties c
      left join counted r on r.county_id = c.id
      where c.is_member
      group by c.ags
      order by c.ags`,
  )
  const counties = rows.map((r) => ({ ags: r.ags, ...Object.fromEntries(THEN_KEYS.map((k) => [k, Number(r[k])])) }) as CountyThen)
  return { meeting, counties }
}

/** The Land of every member county (null where the register has none), keyed by AGS. */
export async function getCountyLands(): Promise<Record<string, string | null>> {
  const db = await getDb()
  const rows = await queryRows<{ ags: string; land: string | null }>(db, sql`select ags, land from counties where is_member`)
  return Object.fromEntries(rows.map((r) => [r.ags, r.land]))
}
