import { and, eq, isNull } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { auditLog, counties, meetings, services, statuses, users } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import { meetingReportCsv, meetingReportMarkdown } from '~/domain/meeting-report'
import { MeetingInput } from '~/domain/meeting'
import type { SessionUser } from '~/domain/permissions'
import { berlinMidnight, createMeeting, getMeeting, getMeetingReport, getReportPeriod, listMeetings, updateMeeting } from '~/models/meeting.server'
import { applyStatusChanges } from '~/models/status.server'
import { getDb } from '~/utils/db.server'

async function sessionUser(email: string): Promise<SessionUser> {
  const db = await getDb()
  const [u] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, countyId: users.countyId, countyAgs: counties.ags })
    .from(users)
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(eq(users.email, email))
  return { ...u, role: u.role as SessionUser['role'] }
}

async function statusOf(ags: string, ozgId: string) {
  const db = await getDb()
  const [row] = await db
    .select({ id: statuses.id, approach: statuses.approach, stage: statuses.stage, interfaceStatus: statuses.interfaceStatus })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(and(eq(counties.ags, ags), eq(services.ozgId, ozgId)))
  return row
}

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date())

describeEachEngine(
  'meetings and their report',
  () => {
    it('validates the form in German and keeps the period before the meeting', () => {
      const bad = MeetingInput.safeParse({ datum: '31.02.2026', titel: '', notizen: '', zeitraum_ab: '' })
      expect(bad.success).toBe(false)
      const messages = bad.error!.issues.map((i) => `${String(i.path[0])}: ${i.message}`)
      expect(messages.some((m) => m.startsWith('datum: Dieses Datum gibt es nicht'))).toBe(true)
      expect(messages.some((m) => m.startsWith('titel: Geben Sie einen Titel ein'))).toBe(true)
      const reversed = MeetingInput.safeParse({ datum: '01.03.2026', titel: 'X', zeitraum_ab: '02.03.2026' })
      expect(reversed.error?.issues[0].path).toEqual(['zeitraum_ab'])
      expect(MeetingInput.parse({ datum: '2026-03-01', titel: ' Frühjahr ', notizen: '' })).toEqual({ heldOn: '2026-03-01', title: 'Frühjahr', notes: null, coversFrom: null })
    })

    it('takes midnight in Germany, summer and winter', () => {
      expect(berlinMidnight('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z')
      expect(berlinMidnight('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z')
    })

    it('creates and updates meetings with an audit record; the period starts at the previous one', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const firstId = await createMeeting({ heldOn: '2026-06-01', title: 'Sommer', notes: null, coversFrom: null }, coordinator)
      const secondId = await createMeeting({ heldOn: today, title: 'Heute', notes: 'Tagesordnung folgt', coversFrom: null }, coordinator)
      expect((await listMeetings())[0].id).toBe(secondId)
      const second = (await getMeeting(secondId))!
      const period = await getReportPeriod(second)
      expect(period).toMatchObject({ from: '2026-06-01', to: today, basis: 'previous', previous: { id: firstId } })
      const firstPeriod = await getReportPeriod((await getMeeting(firstId))!)
      expect(firstPeriod.basis).toBe('default')

      expect(await updateMeeting(firstId, { heldOn: '2026-06-01', title: 'Sommertreffen', notes: null, coversFrom: '2026-05-01' }, coordinator)).toBe(true)
      expect(await updateMeeting(999_999, { heldOn: '2026-06-01', title: 'x', notes: null, coversFrom: null }, coordinator)).toBe(false)
      const db = await getDb()
      const audit = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'meeting'), eq(auditLog.entityId, String(firstId))))
      expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update'])
      expect(audit.find((a) => a.action === 'update')!.details).toMatchObject({ title: { from: 'Sommer', to: 'Sommertreffen' } })
      expect((await getReportPeriod((await getMeeting(firstId))!)).basis).toBe('covers_from')
      await db.delete(meetings).where(eq(meetings.id, firstId))
    })

    it('lists an editor’s changes: newly online, change of approach, new negotiation; counts per county add up', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const db = await getDb()
      const meetingId = await createMeeting({ heldOn: today, title: 'Prüfsitzung', notes: null, coversFrom: today }, await sessionUser('koordination@demo.invalid'))
      const meeting = (await getMeeting(meetingId))!
      const before = await getMeetingReport(meeting)

      // Pick Celle rows that are pending, to move them along.
      const pending = await db
        .select({ id: statuses.id, ozgId: services.ozgId })
        .from(statuses)
        .innerJoin(counties, eq(counties.id, statuses.countyId))
        .innerJoin(services, eq(services.id, statuses.serviceId))
        .where(and(eq(counties.ags, '03351'), eq(statuses.approach, 'pending'), isNull(statuses.interfaceStatus)))
        .orderBy(services.ozgId)
        .limit(2)
      expect(pending).toHaveLength(2)
      const [a, b] = pending
      await db.transaction((tx) =>
        applyStatusChanges(
          tx,
          [
            { statusId: a.id, set: { approach: 'own', pendingPlan: null, stage: 'online', onlineSince: today } },
            { statusId: b.id, set: { approach: 'own', pendingPlan: null, stage: 'in_progress', interfaceStatus: 'negotiating' } },
          ],
          { id: editor.id },
          { comment: 'Test', source: 'form' },
        ),
      )
      const report = await getMeetingReport(meeting)
      const celle = report.counties.find((c) => c.ags === '03351')!
      const celleBefore = before.counties.find((c) => c.ags === '03351')!
      expect(celle.changedRows - celleBefore.changedRows).toBe(2)
      expect(celle.newlyOnline - celleBefore.newlyOnline).toBe(1)
      expect(celle.approachChanges - celleBefore.approachChanges).toBe(2)
      expect(celle.newNegotiations - celleBefore.newNegotiations).toBe(1)
      expect(report.newlyOnline.map((r) => r.ozgId)).toContain(a.ozgId)
      expect(report.approachChanges.filter((r) => r.ags === '03351').map((r) => r.ozgId)).toEqual(expect.arrayContaining([a.ozgId, b.ozgId]))
      expect(report.negotiations.find((r) => r.ags === '03351' && r.ozgId === b.ozgId)?.isNew).toBe(true)
      expect(report.changedRows.filter((r) => r.ags === '03351').map((r) => r.ozgId)).toEqual(expect.arrayContaining([a.ozgId, b.ozgId]))
      for (const key of ['changedRows', 'openNegotiations', 'awaitingEfa', 'fundingUnclear', 'stale'] as const) {
        expect(report.community[key]).toBe(report.counties.reduce((n, c) => n + c[key], 0))
      }
      expect(report.counties).toHaveLength(16)

      const markdown = meetingReportMarkdown(meeting, report)
      expect(markdown).toContain('# Prüfsitzung')
      expect(markdown).toContain(`${a.ozgId} `)
      const csv = meetingReportCsv(report)
      expect(csv.startsWith('\uFEFFabschnitt;ags;kreis;ozg_id;leistung;von;nach;detail;datum\r\n')).toBe(true)
      expect(csv).toContain(`neu_online;03351;Celle;${a.ozgId};`)
    })
  },
  'demo',
)
