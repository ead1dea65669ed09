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
  /**
   * Per member county with changes since, how its counts differ then from now (then − now);
   * countiesThen() in the domain adds them to today's counts.
   */
  deltas: CountyThen[]
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
 * How the counts of each member county at the end of the last meeting's day (in Germany) differ
 * from today's. Only rows changed since are visited: a row's approach, stage, end-to-end flag and
 * interface status then are the „from“ of its first change to that field afterwards, else today's
 * value; a row whose first later change starts from nothing did not exist then and counts nowhere.
 * Each changed row adds its state then and subtracts its state now. `themeId` limits the count to
 * one Themenfeld, as on the dashboard.
 */
export async function getStandingAtLastMeeting(scope: { themeId?: number } = {}): Promise<StandingAtMeeting> {
  const meeting = await getLastMeeting()
  if (!meeting) return { meeting: null, deltas: [] }
  const db = await getDb()
  const theme = scope.themeId === undefined ? sql`` : sql` and sv.theme_id = ${scope.themeId}`
  type Counts = Record<Exclude<keyof CountyThen, 'ags'>, number | string>
  const rows = await queryRows<Counts & { ags: string }>(
    db,
    sql`
      with later as (
        select distinct on (sc.status_id, k.field) sc.status_id, k.field, sc.changes -> k.field ->> 'from' as value_then
        from status_changes sc
        cross join (values ('approach'), ('stage'), ('endToEnd'), ('interfaceStatus')) as k(field)
        where sc.changed_at >= ((${meeting.heldOn}::date + 1)::timestamp at time zone 'Europe/Berlin') and sc.changes ? k.field
        order by sc.status_id, k.field, sc.changed_at, sc.id
      ),
      changed as (
        select status_id,
          bool_or(field = 'approach') as has_approach, max(value_then) filter (where field = 'approach') as approach,
          bool_or(field = 'stage') as has_stage, max(value_then) filter (where field = 'stage') as stage,
          bool_or(field = 'endToEnd') as has_end_to_end, max(value_then) filter (where field = 'endToEnd') as end_to_end,
          bool_or(field = 'interfaceStatus') as has_interface, max(value_then) filter (where field = 'interfaceStatus') as interface_status
        from later group by status_id
      ),
      pairs as (
        select s.county_id, s.approach, s.stage, s.end_to_end::text as end_to_end, s.interface_status,
          case when ch.has_approach then ch.approach else s.approach end as approach_then,
          case when ch.has_stage then ch.stage else s.stage end as stage_then,
          case when ch.has_end_to_end then ch.end_to_end else s.end_to_end::text end as end_to_end_then,
          case when ch.has_interface then ch.interface_status else s.interface_status end as interface_status_then
        from changed ch
        join statuses s on s.id = ch.status_id
        join services sv on sv.id = s.service_id and sv.retired_at is null${theme}
      ),
      states as (
        select p.county_id, v.sign, v.approach, v.stage, v.end_to_end, v.interface_status,
          (v.approach in ('own', 'efa') and v.stage = 'online') as is_online,
          (v.approach is not null and v.approach <> 'not_applicable') as is_applicable
        from pairs p
        cross join lateral (values
          (1, p.approach_then, p.stage_then, p.end_to_end_then, p.interface_status_then),
          (-1, p.approach, p.stage, p.end_to_end, p.interface_status)
        ) as v(sign, approach, stage, end_to_end, interface_status)
      )
      select c.ags,
        coalesce(sum(r.sign) filter (where r.is_applicable), 0) as applicable,
        coalesce(sum(r.sign) filter (where r.is_online), 0) as online,
        coalesce(sum(r.sign) filter (where r.approach = 'pending'), 0) as pending,
        coalesce(sum(r.sign) filter (where r.approach = 'own'), 0) as own,
        coalesce(sum(r.sign) filter (where r.approach = 'efa'), 0) as efa,
        coalesce(sum(r.sign) filter (where r.is_online and r.end_to_end = 'true'), 0) as "endToEnd",
        coalesce(sum(r.sign) filter (where r.is_applicable and r.interface_status in ('negotiating', 'in_development', 'testing')), 0) as "openNegotiations"
      from states r
      join counties c on c.id = r.county_id and c.is_member
      group by c.ags
      order by c.ags`,
  )
  const deltas = rows.map((r) => ({ ags: r.ags, ...Object.fromEntries(THEN_KEYS.map((k) => [k, Number(r[k])])) }) as CountyThen)
  return { meeting, deltas }
}

/** The Land of every member county (null where the register has none), keyed by AGS. */
export async function getCountyLands(): Promise<Record<string, string | null>> {
  const db = await getDb()
  const rows = await queryRows<{ ags: string; land: string | null }>(db, sql`select ags, land from counties where is_member`)
  return Object.fromEntries(rows.map((r) => [r.ags, r.land]))
}
