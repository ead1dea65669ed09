// Going live (issue 12): counties join from the register or a CSV, leave and rejoin;
// applicability follows the shipped Niedersachsen rules and the coordinator's overrides. The
// quotas are checked against counts made by hand from the reference files, and the summary
// tables against a rebuild.
import { and, eq, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { counties, countyMemberships, services, statusChanges, statuses } from '../../db/schema'
import { seedDatabase } from '../../seeds/seed.server'
import { toStatusValues } from '~/domain/status'
import { JoinInput } from '~/domain/membership'
import { planApplicability, removeOverride, setOverride, listOverrides } from '~/models/applicability.server'
import { joinCounties, joinCountiesFromCsv, leaveCommunity, listMemberships } from '~/models/membership.server'
import { getCountyKpis } from '~/models/summary.server'
import { updateStatus, valueColumns } from '~/models/status.server'
import { getDb } from '~/utils/db.server'
import { describeEachEngine } from '../support/database'
import { expectSummariesExact } from '../support/summaries'

// From the reference files: 557 services, 404 of them municipal by their LeiKa type. The
// Niedersachsen rules take 7 away from a Landkreis or the Region (Meldewesen 3, Pass- und
// Personalausweiswesen 3, Gewerberegister 1) and add 4 (Schülerbeförderung, Baulastenverzeichnis,
// Bauvorhabensabnahme, Abbruchgenehmigung); a kreisfreie Stadt keeps the 7 and gains the 4.
const SERVICES = 557
const APPLICABLE = { landkreis: 401, kreisfreieStadt: 408, region: 401, elsewhere: 404 }

const enc = (text: string) => new TextEncoder().encode(text)

async function kpi(ags: string) {
  const kpis = await getCountyKpis()
  return kpis.counties.find((c) => c.ags === ags)
}

async function row(ags: string, ozgId: string) {
  const db = await getDb()
  const [r] = await db
    .select({ id: statuses.id, version: statuses.version, ...valueColumns })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(and(eq(counties.ags, ags), eq(services.ozgId, ozgId)))
  return r
}

async function countRows(ags: string) {
  const db = await getDb()
  const [r] = await db
    .select({ rows: sql<number>`count(*)`.mapWith(Number) })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .where(eq(counties.ags, ags))
  return r.rows
}

async function historyOf(ags: string, ozgId: string) {
  const db = await getDb()
  return db
    .select({ source: statusChanges.source, changes: statusChanges.changes })
    .from(statusChanges)
    .innerJoin(counties, eq(counties.id, statusChanges.countyId))
    .innerJoin(services, eq(services.id, statusChanges.serviceId))
    .where(and(eq(counties.ags, ags), eq(services.ozgId, ozgId)))
    .orderBy(statusChanges.id)
}

describeEachEngine(
  'member counties and applicability',
  () => {
    it('joins counties from the register with one row per service, applicable as the Niedersachsen rules say', async () => {
      const input = JoinInput.parse({ ags: ['03351', '03101', '03241'], joinedOn: '01.01.2025' })
      const result = await joinCounties(input, null)
      expect(result).toMatchObject({ ok: true, rows: 3 * SERVICES })
      // Outside Lower Saxony the register knows no kind: the admin names it.
      expect(await joinCounties(JoinInput.parse({ ags: ['09162'] }), null)).toMatchObject({ ok: false, errors: [expect.stringContaining('kein Kreistyp bekannt')] })
      expect(await joinCounties(JoinInput.parse({ ags: ['09162'], kind: 'kreisfreie_stadt' }), null)).toMatchObject({ ok: true, rows: SERVICES })

      expect((await kpi('03351'))?.applicable).toBe(APPLICABLE.landkreis)
      expect((await kpi('03101'))?.applicable).toBe(APPLICABLE.kreisfreieStadt)
      expect((await kpi('03241'))?.applicable).toBe(APPLICABLE.region)
      expect((await kpi('09162'))?.applicable).toBe(APPLICABLE.elsewhere)
      // Registration is the municipalities' task in Lower Saxony (Nds. AG BMG § 1) …
      expect((await row('03351', '10124')).approach).toBe('not_applicable')
      expect((await row('03101', '10124')).approach).toBe('pending')
      // … and Schülerbeförderung the Landkreise's (NSchG § 114), against the LeiKa suggestion.
      expect((await row('03351', '10042')).approach).toBe('pending')
      expect((await row('09162', '10042')).approach).toBe('not_applicable')
      expect(await historyOf('03351', '10124')).toEqual([{ source: 'membership', changes: { approach: { from: null, to: 'not_applicable' } } }])
      await expectSummariesExact({ expectTrend: false })
    })

    it('refuses a counties CSV with an unknown or repeated AGS, naming the line, and adds nothing', async () => {
      const before = (await listMemberships()).length
      const result = await joinCountiesFromCsv(enc('ags\n03353\n03159\n99999\n03353\n'), { joinedOn: '2025-01-01' }, null)
      expect(result).toEqual({ ok: false, errors: ['Zeile 5: Der AGS 03353 steht schon in Zeile 2.'] })
      const unknown = await joinCountiesFromCsv(enc('ags;kreistyp\n03353;Landkreis\n99999;Landkreis\n'), { joinedOn: '2025-01-01' }, null)
      expect(unknown).toEqual({ ok: false, errors: ['Zeile 3: Den Kreisschlüssel 99999 gibt es im Verzeichnis der Kreise nicht.'] })
      const member = await joinCountiesFromCsv(enc('03353\n03351\n'), { joinedOn: '2025-01-01' }, null)
      expect(member).toEqual({ ok: false, errors: ['Zeile 2: Celle (03351) ist schon Mitglied der Community.'] })
      expect((await listMemberships()).length).toBe(before)

      const ok = await joinCountiesFromCsv(enc('\uFEFFags\r\n3353\r\n'), { joinedOn: '2025-02-01' }, null)
      expect(ok).toMatchObject({ ok: true, joined: [{ ags: '03353', name: 'Harburg' }], rows: SERVICES })
    })

    it('keeps the rows and history of a county that leaves, counts current members only, and lets it rejoin', async () => {
      // Braunschweig's editor worked on a row before the county left (a stage change: the trend
      // summaries have something to follow).
      const r = await row('03101', '10042')
      const values = { ...toStatusValues(r as never), approach: 'own' as const, stage: 'in_progress' as const, note: 'Schulamt fragen' }
      expect((await updateStatus({ statusId: r.id, expectedVersion: r.version, values, comment: null, actor: null })).ok).toBe(true)
      await expectSummariesExact()

      expect(await leaveCommunity({ ags: '03101', leftOn: '2024-12-31' }, null)).toMatchObject({ ok: false, message: expect.stringContaining('beigetreten') })
      expect(await leaveCommunity({ ags: '03101', leftOn: '2025-06-30' }, null)).toEqual({ ok: true, name: 'Braunschweig' })
      expect(await leaveCommunity({ ags: '03101', leftOn: '2025-06-30' }, null)).toMatchObject({ ok: false })
      expect(await kpi('03101')).toBeUndefined()
      expect(await countRows('03101')).toBe(SERVICES)
      expect((await row('03101', '10042')).note).toBe('Schulamt fragen')
      const kpis = await getCountyKpis()
      expect(kpis.counties.map((c) => c.ags).sort()).toEqual(['03241', '03351', '03353', '09162'])
      await expectSummariesExact()

      expect(await joinCounties(JoinInput.parse({ ags: ['03101'], joinedOn: '2025-06-01' }), null)).toMatchObject({ ok: false, errors: [expect.stringContaining('ausgetreten')] })
      expect(await joinCounties(JoinInput.parse({ ags: ['03101'], joinedOn: '2025-07-01' }), null)).toMatchObject({ ok: true, rows: 0 })
      expect((await kpi('03101'))?.applicable).toBe(APPLICABLE.kreisfreieStadt)
      expect((await row('03101', '10042')).note).toBe('Schulamt fragen')
      const db = await getDb()
      const periods = await db
        .select({ joinedOn: countyMemberships.joinedOn, leftOn: countyMemberships.leftOn })
        .from(countyMemberships)
        .innerJoin(counties, eq(counties.id, countyMemberships.countyId))
        .where(eq(counties.ags, '03101'))
        .orderBy(countyMemberships.joinedOn)
      expect(periods).toEqual([
        { joinedOn: '2025-01-01', leftOn: '2025-06-30' },
        { joinedOn: '2025-07-01', leftOn: null },
      ])
      await expectSummariesExact()
    })

    it('applies a community-wide override to untouched rows, with history, and lists rows with data for a decision', async () => {
      // Celle has worked on its Schülerbeförderung row: it stays and is listed.
      const celle = await row('03351', '10042')
      expect((await updateStatus({ statusId: celle.id, expectedVersion: celle.version, values: { ...toStatusValues(celle as never), pendingPlan: 'awaiting_efa' }, comment: null, actor: null })).ok).toBe(true)
      const before = await getCountyKpis()
      const applicable = (k: typeof before, ags: string) => k.counties.find((c) => c.ags === ags)!.applicable

      const result = await setOverride({ ozgId: '10042', applies: false, reason: 'Schülerbeförderung macht der Verkehrsverbund' }, null)
      expect(result).toMatchObject({ ok: true, toPending: 0, toNotApplicable: 2 })
      if (!result.ok) return
      expect(result.blocked.blockedRows.map((b) => [b.ags, b.ozgId])).toEqual([
        ['03101', '10042'],
        ['03351', '10042'],
      ])
      const after = await getCountyKpis()
      expect(applicable(after, '03351')).toBe(applicable(before, '03351'))
      expect(applicable(after, '03101')).toBe(applicable(before, '03101'))
      expect(applicable(after, '03353')).toBe(applicable(before, '03353') - 1)
      expect(applicable(after, '03241')).toBe(applicable(before, '03241') - 1)
      expect(applicable(after, '09162')).toBe(applicable(before, '09162'))
      expect((await historyOf('03353', '10042')).at(-1)).toEqual({ source: 'applicability', changes: { approach: { from: 'pending', to: 'not_applicable' } } })
      await expectSummariesExact({ expectTrend: false })

      // One county decides otherwise: its own override outranks the community's.
      const harburg = await setOverride({ ozgId: '10042', ags: '03353', applies: true, reason: 'Harburg fährt selbst' }, null)
      expect(harburg).toMatchObject({ ok: true, toPending: 1, toNotApplicable: 0 })
      expect((await row('03353', '10042')).approach).toBe('pending')
      expect((await listOverrides()).map((o) => [o.ozgId, o.ags, o.applies])).toEqual([
        ['10042', null, false],
        ['10042', '03353', true],
      ])

      // Lifting the community's override lets the rules decide again.
      const community = (await listOverrides()).find((o) => o.ags === null)!
      expect(await removeOverride(community.id, 'Verkehrsverbund doch nicht', null)).toEqual({ toPending: 1, toNotApplicable: 0 })
      expect((await kpi('03241'))?.applicable).toBe(APPLICABLE.region)
      expect((await kpi('09162'))?.applicable).toBe(APPLICABLE.elsewhere)
      expect(await planApplicability()).toMatchObject({ toPending: 0, toNotApplicable: 0 })
      await expectSummariesExact({ expectTrend: false })
    })

    it('names an unknown service or a non-member county in an override', async () => {
      expect(await setOverride({ ozgId: '99999', applies: true, reason: 'x' }, null)).toMatchObject({ ok: false, field: 'ozgId' })
      expect(await setOverride({ ozgId: '10042', ags: '03159', applies: true, reason: 'x' }, null)).toMatchObject({ ok: false, field: 'ags' })
    })
  },
  async (handle) => {
    await seedDatabase(handle.db, { demo: false })
  },
)
