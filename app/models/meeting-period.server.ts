// The period a meeting's report covers: since the previous meeting, a chosen date, or the last
// DEFAULT_REPORT_DAYS days; German calendar days.
import { and, desc, eq, lt, or } from 'drizzle-orm'
import { meetings } from '../../db/schema'
import { DEFAULT_REPORT_DAYS } from '~/domain/meeting'
import type { ReportPeriod } from '~/domain/meeting-report'
import { getDb } from '~/utils/db.server'

/** What the report of a meeting needs to know of it. */
export type MeetingRef = { id: number; heldOn: string; coversFrom: string | null }

export function addDays(iso: string, days: number) {
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

export async function getReportPeriod(meeting: MeetingRef): Promise<ReportPeriod> {
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
