// Meetings and their report: everything that happened since the previous meeting (or a chosen
// date) and what is still open, per county and for the community. Aggregates are SQL; lists are
// capped for the page and complete in the exports.
import { desc, eq } from 'drizzle-orm'
import { auditLog, meetings } from '../../db/schema'
import type { MeetingInput } from '~/domain/meeting'
import type { CountyReportRow, MeetingReport, ReportCounts, ReportPeriod, RowRef } from '~/domain/meeting-report'

// The report's types live in the domain (its formatting reads them); importers of this module keep them.
export type { CountyReportRow, MeetingReport, ReportCounts, ReportPeriod, RowRef }
import type { SessionUser } from '~/domain/permissions'
import { getDb } from '~/utils/db.server'
import { pick } from './columns.server'

// The report, its period and the decisions live beside this module; their importers keep them here.
export { berlinMidnight, getReportPeriod, type MeetingRef } from './meeting-period.server'
export { getMeetingReport, GROUP_LIMIT, LIST_LIMIT, type ReportExpand } from './meeting-report.server'
export { getMeetingDecisions, type MeetingDecisions, type SharedNegotiationRow } from './meeting-decisions.server'

export async function listMeetings() {
  const db = await getDb()
  return db
    .select(pick(meetings, 'id', 'heldOn', 'title', 'coversFrom'))
    .from(meetings)
    .orderBy(desc(meetings.heldOn), desc(meetings.id))
}

export async function getMeeting(id: number) {
  const db = await getDb()
  const [row] = await db
    .select(pick(meetings, 'id', 'heldOn', 'title', 'notes', 'coversFrom', 'updatedAt'))
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
