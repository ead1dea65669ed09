// What a meeting decides, its to-dos, and what carries over from earlier meetings: open to-dos and
// the open shared negotiations with their progress in the report period.
import { sql } from 'drizzle-orm'
import type { ReportPeriod } from '~/domain/meeting-report'
import { getDb, queryRows } from '~/utils/db.server'
import { addDays, berlinMidnight, getReportPeriod, type MeetingRef } from './meeting-period.server'
import { openNegotiationStageSql } from './sql.server'
import { listAgenda, listDecisions, listTasksOfMeeting } from './task.server'

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

export async function getMeetingDecisions(meeting: MeetingRef, period?: ReportPeriod) {
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
