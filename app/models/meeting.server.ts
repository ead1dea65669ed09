// Meetings and their report: everything that happened since the previous meeting (or a chosen
// date) and what is still open, per county and for the community. Aggregates are SQL; lists are
// capped for the page and complete in the exports.
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm'
import { auditLog, meetings } from '../../db/schema'
import { DEFAULT_REPORT_DAYS, type MeetingInput } from '~/domain/meeting'
import type { CountyReportRow, MeetingReport, ReportCounts, ReportPeriod, RowRef } from '~/domain/meeting-report'

// The report's types live in the domain (its formatting reads them); importers of this module keep them.
export type { CountyReportRow, MeetingReport, ReportCounts, ReportPeriod, RowRef }
import type { SessionUser } from '~/domain/permissions'
import { getDb, queryRows } from '~/utils/db.server'
import { applicableSql, onlineSql, openInterfaceSql, openNegotiationSql, openNegotiationStageSql, staleSql, statusAlias } from './sql.server'
import { listAgenda, listDecisions, listTasksOfMeeting } from './task.server'

export async function listMeetings() {
  const db = await getDb()
  return db
    .select({ id: meetings.id, heldOn: meetings.heldOn, title: meetings.title, coversFrom: meetings.coversFrom })
    .from(meetings)
    .orderBy(desc(meetings.heldOn), desc(meetings.id))
}

export async function getMeeting(id: number) {
  const db = await getDb()
  const [row] = await db
    .select({
      id: meetings.id,
      heldOn: meetings.heldOn,
      title: meetings.title,
      notes: meetings.notes,
      coversFrom: meetings.coversFrom,
      updatedAt: meetings.updatedAt,
    })
    .from(meetings)
    .where(eq(meetings.id, id))
  return row ?? null
}
export type Meeting = NonNullable<Awaited<ReturnType<typeof getMeeting>>>

export async function createMeeting(input: MeetingInput, user: SessionUser): Promise<number> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ ...input, createdBy: user.id })
      .returning({ id: meetings.id })
    await tx.insert(auditLog).values({ userId: user.id, action: 'create', entity: 'meeting', entityId: String(row.id), details: { ...input } })
    return row.id
  })
}

/** Updates a meeting; false when it does not exist. The audit record holds the changed fields. */
export async function updateMeeting(id: number, input: MeetingInput, user: SessionUser): Promise<boolean> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update')
    if (!before) return false
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const key of ['heldOn', 'title', 'notes', 'coversFrom'] as const) {
      if ((before[key] ?? null) !== (input[key] ?? null)) changes[key] = { from: before[key], to: input[key] }
    }
    if (Object.keys(changes).length === 0) return true
    await tx.update(meetings).set({ ...input, updatedAt: new Date() }).where(eq(meetings.id, id))
    await tx.insert(auditLog).values({ userId: user.id, action: 'update', entity: 'meeting', entityId: String(id), details: changes })
    return true
  })
}

// ---------------------------------------------------------------------------------------------
// The report period.
function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Midnight of a calendar day in Germany as an instant: the users' days, not UTC's. */
export function berlinMidnight(iso: string): Date {
  const utcMidnight = new Date(`${iso}T00:00:00Z`)
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(utcMidnight)
    .find((p) => p.type === 'timeZoneName')?.value // "GMT+01:00"
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '')
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0
  return new Date(utcMidnight.getTime() - minutes * 60_000)
}

export async function getReportPeriod(meeting: Pick<Meeting, 'id' | 'heldOn' | 'coversFrom'>): Promise<ReportPeriod> {
  const db = await getDb()
  const [previous] = await db
    .select({ id: meetings.id, title: meetings.title, heldOn: meetings.heldOn })
    .from(meetings)
    .where(or(lt(meetings.heldOn, meeting.heldOn), and(eq(meetings.heldOn, meeting.heldOn), lt(meetings.id, meeting.id))))
    .orderBy(desc(meetings.heldOn), desc(meetings.id))
    .limit(1)
  // The previous meeting's own day is covered again: changes made after that meeting ended
  // would otherwise fall between two reports.
  if (meeting.coversFrom) return { from: meeting.coversFrom, to: meeting.heldOn, basis: 'covers_from', previous: previous ?? null }
  if (previous) return { from: previous.heldOn, to: meeting.heldOn, basis: 'previous', previous }
  return { from: addDays(meeting.heldOn, -DEFAULT_REPORT_DAYS), to: meeting.heldOn, basis: 'default', previous: null }
}

// ---------------------------------------------------------------------------------------------
// The report.
export const LIST_LIMIT = 100
/** Rows per county (changes) and per vendor (negotiations) before „alle N anzeigen“. */
export const GROUP_LIMIT = 5
/** One group shown in full: a county's changes or a vendor's negotiations (vendor 0: none). */
export type ReportExpand = { ags?: string; vendorId?: number }

const COUNT_KEYS: (keyof ReportCounts)[] = [
  'changedRows',
  'newlyOnline',
  'approachChanges',
  'newNegotiations',
  'openNegotiations',
  'awaitingEfa',
  'fundingUnclear',
  'stale',
  'applicable',
  'online',
]


const iso = (value: unknown) => new Date(value as string).toISOString()

/**
 * The report of one meeting. `limit` caps each list (the page); the exports pass null for all.
 * Counts in `counties`/`community` are always complete.
 */
export async function getMeetingReport(
  meeting: Pick<Meeting, 'id' | 'heldOn' | 'coversFrom'>,
  limit: number | null = LIST_LIMIT,
  options: { expand?: ReportExpand } = {},
): Promise<MeetingReport> {
  const db = await getDb()
  const period = await getReportPeriod(meeting)
  const s = statusAlias('s')
  // Changes per county and negotiations per vendor show their first GROUP_LIMIT rows on the
  // page; "alle N anzeigen" expands one group.
  const groupCap = (key: SQL, expanded: SQL) => (limit === null ? sql`true` : sql`(rn <= ${GROUP_LIMIT} or ${key} = ${expanded})`)
  const since = berlinMidnight(period.from).toISOString()
  const until = berlinMidnight(addDays(period.to, 1)).toISOString()
  const cap = limit === null ? sql`` : sql` limit ${limit}`
  // Changes within the period, on services still in the catalogue, of member counties.
  const windowed = sql`
    select sc.*, s.approach as cur_approach, s.stage as cur_stage, s.interface_status as cur_interface
    from status_changes sc
    join statuses s on s.id = sc.status_id
    join services sv on sv.id = sc.service_id and sv.retired_at is null
    join counties c on c.id = sc.county_id and c.is_member
    where sc.changed_at >= ${since}::timestamptz and sc.changed_at < ${until}::timestamptz`
  const current = { ...statusAlias('w'), approach: sql.raw('w.cur_approach'), stage: sql.raw('w.cur_stage'), interfaceStatus: sql.raw('w.cur_interface') }
  const becameOnline = sql`(w.changes->'stage'->>'to' = 'online' and ${onlineSql(current)})`
  const becameNegotiation = sql`(${openInterfaceSql(sql`w.changes->'interfaceStatus'->>'to'`)}
    and not ${openInterfaceSql(sql`coalesce(w.changes->'interfaceStatus'->>'from', '')`)} and ${openInterfaceSql(current.interfaceStatus)})`

  const [windowCounts, stockCounts, newlyOnline, approachChanges, negotiations, awaitingEfa, fundingUnclear, changedRows, vendorCounts] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed})
        select w.county_id,
          count(distinct w.status_id) as changed_rows,
          count(distinct w.status_id) filter (where ${becameOnline}) as newly_online,
          count(*) filter (where w.changes->'approach' is not null) as approach_changes,
          count(distinct w.status_id) filter (where ${becameNegotiation}) as new_negotiations
        from w group by w.county_id`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.id as county_id, c.ags, c.name,
          count(s.id) filter (where ${applicableSql(s)}) as applicable,
          count(s.id) filter (where ${onlineSql(s)}) as online,
          count(s.id) filter (where ${openNegotiationSql(s)}) as open_negotiations,
          count(s.id) filter (where s.approach = 'pending' and s.pending_plan = 'awaiting_efa') as awaiting_efa,
          count(s.id) filter (where ${applicableSql(s)} and s.funding = 'unclear') as funding_unclear,
          count(s.id) filter (where ${staleSql(s)}) as stale
        from counties c
        left join statuses s on s.county_id = c.id
          and s.service_id in (select id from services where retired_at is null)
        where c.is_member
        group by c.id order by c.name, c.ags`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed})
        select c.ags, c.name as county, sv.ozg_id, sv.name as service, s.approach, os.name as online_service, max(w.changed_at) as changed_at
        from w join statuses s on s.id = w.status_id
        join counties c on c.id = s.county_id join services sv on sv.id = s.service_id
        left join online_services os on os.id = s.online_service_id
        where ${becameOnline}
        group by c.ags, c.name, sv.ozg_id, sv.name, s.approach, os.name
        order by c.name, sv.ozg_id${cap}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed})
        select c.ags, c.name as county, sv.ozg_id, sv.name as service, w.changed_at,
          w.changes->'approach'->>'from' as from_code, w.changes->'approach'->>'to' as to_code
        from w join counties c on c.id = w.county_id join services sv on sv.id = w.service_id
        where w.changes->'approach' is not null
        order by c.name, sv.ozg_id, w.changed_at${cap}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed}),
        fresh as (select distinct w.status_id from w where ${becameNegotiation}),
        ranked as (
          select c.ags, c.name as county, sv.ozg_id, sv.name as service, s.interface_status,
            fv.name as fachverfahren, v.name as vendor, coalesce(v.id, 0) as vendor_id, (fresh.status_id is not null) as is_new,
            row_number() over (partition by coalesce(v.id, 0) order by (fresh.status_id is null), c.name, sv.ozg_id) as rn
          from statuses s
          join counties c on c.id = s.county_id and c.is_member
          join services sv on sv.id = s.service_id and sv.retired_at is null
          left join fachverfahren fv on fv.id = s.fachverfahren_id
          left join vendors v on v.id = fv.vendor_id
          left join fresh on fresh.status_id = s.id
          where ${openNegotiationSql(s)}
        )
        select * from ranked where ${groupCap(sql`vendor_id`, sql`${options.expand?.vendorId ?? -1}::int`)}
        order by vendor is null, vendor, rn`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select sv.ozg_id, sv.name as service, count(*) as county_count, string_agg(c.name, ', ' order by c.name) as counties
        from statuses s
        join counties c on c.id = s.county_id and c.is_member
        join services sv on sv.id = s.service_id and sv.retired_at is null
        where s.approach = 'pending' and s.pending_plan = 'awaiting_efa'
        group by sv.ozg_id, sv.name
        order by count(*) desc, sv.ozg_id${cap}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.ags, c.name as county, sv.ozg_id, sv.name as service, s.approach, s.stage
        from statuses s
        join counties c on c.id = s.county_id and c.is_member
        join services sv on sv.id = s.service_id and sv.retired_at is null
        where s.approach <> 'not_applicable' and s.funding = 'unclear'
        order by c.name, sv.ozg_id${cap}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed}),
        grouped as (
          select c.ags, c.name as county, sv.ozg_id, sv.name as service, count(distinct w.id) as change_count,
            max(w.changed_at) as last_changed_at,
            array(select distinct k from w w2, jsonb_object_keys(w2.changes) k where w2.status_id = w.status_id order by k) as fields
          from w join counties c on c.id = w.county_id join services sv on sv.id = w.service_id
          group by w.status_id, c.ags, c.name, sv.ozg_id, sv.name
        ),
        ranked as (select g.*, row_number() over (partition by g.ags order by g.last_changed_at desc, g.ozg_id) as rn from grouped g)
        select * from ranked where ${groupCap(sql`ags`, sql`${options.expand?.ags ?? ''}::text`)}
        order by county, ags, rn`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed}),
        fresh as (select distinct w.status_id from w where ${becameNegotiation})
        select coalesce(v.id, 0) as vendor_id, v.name as vendor, count(*) as open, count(fresh.status_id) as new
        from statuses s
        join counties c on c.id = s.county_id and c.is_member
        join services sv on sv.id = s.service_id and sv.retired_at is null
        left join fachverfahren fv on fv.id = s.fachverfahren_id
        left join vendors v on v.id = fv.vendor_id
        left join fresh on fresh.status_id = s.id
        where ${openNegotiationSql(s)}
        group by v.id, v.name
        order by v.name is null, v.name`,
    ),
  ])

  const byCounty = new Map(windowCounts.map((r) => [Number(r.county_id), r]))
  const counties: CountyReportRow[] = stockCounts.map((r) => {
    const w = byCounty.get(Number(r.county_id))
    return {
      ags: String(r.ags),
      name: String(r.name),
      changedRows: Number(w?.changed_rows ?? 0),
      newlyOnline: Number(w?.newly_online ?? 0),
      approachChanges: Number(w?.approach_changes ?? 0),
      newNegotiations: Number(w?.new_negotiations ?? 0),
      openNegotiations: Number(r.open_negotiations),
      awaitingEfa: Number(r.awaiting_efa),
      fundingUnclear: Number(r.funding_unclear),
      stale: Number(r.stale),
      applicable: Number(r.applicable),
      online: Number(r.online),
    }
  })
  const community = Object.fromEntries(COUNT_KEYS.map((k) => [k, counties.reduce((sum, c) => sum + c[k], 0)])) as ReportCounts
  const ref = (r: Record<string, unknown>): RowRef => ({
    ags: String(r.ags),
    county: String(r.county),
    ozgId: String(r.ozg_id),
    service: String(r.service),
  })
  return {
    period,
    counties,
    community,
    newlyOnline: newlyOnline.map((r) => ({
      ...ref(r),
      approach: String(r.approach),
      onlineService: (r.online_service as string | null) ?? null,
      changedAt: iso(r.changed_at),
    })),
    approachChanges: approachChanges.map((r) => ({
      ...ref(r),
      from: (r.from_code as string | null) ?? null,
      to: (r.to_code as string | null) ?? null,
      changedAt: iso(r.changed_at),
    })),
    negotiationVendors: vendorCounts.map((r) => ({
      vendorId: Number(r.vendor_id),
      vendor: (r.vendor as string | null) ?? null,
      open: Number(r.open),
      new: Number(r.new),
    })),
    negotiations: negotiations.map((r) => ({
      ...ref(r),
      vendorId: Number(r.vendor_id),
      interfaceStatus: String(r.interface_status),
      fachverfahren: (r.fachverfahren as string | null) ?? null,
      vendor: (r.vendor as string | null) ?? null,
      isNew: r.is_new === true || r.is_new === 't',
    })),
    awaitingEfa: awaitingEfa.map((r) => ({
      ozgId: String(r.ozg_id),
      service: String(r.service),
      countyCount: Number(r.county_count),
      counties: String(r.counties),
    })),
    fundingUnclear: fundingUnclear.map((r) => ({ ...ref(r), approach: String(r.approach), stage: String(r.stage) })),
    changedRows: changedRows.map((r) => ({
      ...ref(r),
      changeCount: Number(r.change_count),
      lastChangedAt: iso(r.last_changed_at),
      fields: parseTextArray(r.fields),
    })),
  }
}

// postgres.js returns text[] as an array; PGlite too, but keep to one shape whatever arrives.
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean)
  return []
}


// ---------------------------------------------------------------------------------------------
// What the meeting decides and what carries over from earlier meetings.
export type SharedNegotiationRow = {
  id: number
  vendorId: number
  vendor: string
  subject: string
  stage: string
  nextStep: string | null
  dueDate: string | null
  countyCount: number
  lead: string | null
  /** Stage changes within the report period, oldest first: the negotiation's progress. */
  progress: { at: string; from: string | null; to: string }[]
  isDue: boolean
}

export async function getMeetingDecisions(meeting: Pick<Meeting, 'id' | 'heldOn' | 'coversFrom'>, period?: ReportPeriod) {
  const db = await getDb()
  const p = period ?? (await getReportPeriod(meeting))
  const since = berlinMidnight(p.from).toISOString()
  const until = berlinMidnight(addDays(p.to, 1)).toISOString()
  const [agenda, decisionRows, ownTasks, carried, shared] = await Promise.all([
    listAgenda(meeting.id),
    listDecisions(meeting.id),
    listTasksOfMeeting(meeting.id),
    // Open to-dos from earlier meetings (or without one) that were created before this meeting.
    queryRows<Record<string, unknown>>(
      db,
      sql`select t.id, t.title, t.due_date::text as due_date, c.name as owner_county, c.ags as owner_county_ags,
          (select coalesce(nullif(u.name, ''), u.email) from users u where u.id = t.owner_user_id) as owner_user,
          m.title as meeting_title, m.held_on::text as meeting_held_on
        from tasks t
        left join counties c on c.id = t.owner_county_id
        left join meetings m on m.id = t.meeting_id
        where t.done_at is null and t.created_at < ${until}::timestamptz
          and (t.meeting_id is null or (t.meeting_id <> ${meeting.id}
            and (m.held_on < ${meeting.heldOn}::date or (m.held_on = ${meeting.heldOn}::date and m.id < ${meeting.id}))))
        order by t.due_date, c.name nulls last, t.id`,
    ),
    // Every open shared negotiation, grouped by vendor on the page; those due by the meeting's
    // day are marked, and their stage changes in the period show their progress.
    queryRows<Record<string, unknown>>(
      db,
      sql`select n.id, v.id as vendor_id, v.name as vendor, concat_ws(' – ', f.name, n.interface_standard) as subject, n.stage, n.next_step,
          n.due_date::text as due_date,
          (select count(*) from negotiation_counties nc where nc.negotiation_id = n.id) as county_count,
          concat_ws(', ', (select name from counties where id = n.lead_county_id),
            (select coalesce(nullif(u.name, ''), u.email) from users u where u.id = n.lead_user_id)) as lead,
          (select coalesce(json_agg(json_build_object('at', a.at, 'from', a.details->'stage'->>'from', 'to', coalesce(a.details->'stage'->>'to', a.details->>'stage')) order by a.at, a.id), '[]'::json)
            from audit_log a
            where a.entity = 'negotiation' and a.entity_id = n.id::text and a.action in ('create', 'update')
              and (a.details ? 'stage') and a.at >= ${since}::timestamptz and a.at < ${until}::timestamptz
              and (a.action = 'create' or a.details->'stage' ? 'to')) as progress
        from negotiations n
        join vendors v on v.id = n.vendor_id
        left join fachverfahren f on f.id = n.fachverfahren_id
        where ${openNegotiationStageSql(sql`n.stage`)}
          and n.created_at < ${until}::timestamptz
        order by v.name, subject, n.id`,
    ),
  ])
  const sharedNegotiations: SharedNegotiationRow[] = shared.map((r) => {
    const progress = (typeof r.progress === 'string' ? JSON.parse(r.progress) : r.progress) as { at: string; from: string | null; to: string }[]
    const dueDate = (r.due_date as string | null) ?? null
    return {
      id: Number(r.id),
      vendorId: Number(r.vendor_id),
      vendor: String(r.vendor),
      subject: String(r.subject ?? ''),
      stage: String(r.stage),
      nextStep: (r.next_step as string | null) ?? null,
      dueDate,
      countyCount: Number(r.county_count),
      lead: (r.lead as string | null) || null,
      progress: progress.map((x) => ({ at: new Date(x.at).toISOString(), from: x.from ?? null, to: x.to })),
      isDue: dueDate !== null && dueDate <= meeting.heldOn,
    }
  })
  return {
    agenda,
    decisions: decisionRows,
    tasks: ownTasks,
    carriedTasks: carried.map((r) => ({
      id: Number(r.id),
      title: String(r.title),
      dueDate: String(r.due_date),
      ownerCounty: (r.owner_county as string | null) ?? null,
      ownerCountyAgs: (r.owner_county_ags as string | null) ?? null,
      ownerUser: (r.owner_user as string | null) ?? null,
      meetingTitle: (r.meeting_title as string | null) ?? null,
      meetingHeldOn: (r.meeting_held_on as string | null) ?? null,
      isOverdue: String(r.due_date) < meeting.heldOn,
    })),
    sharedNegotiations,
  }
}
export type MeetingDecisions = Awaited<ReturnType<typeof getMeetingDecisions>>
