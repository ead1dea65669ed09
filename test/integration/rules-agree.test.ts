// Each rule of app/domain/rules.ts has an SQL twin in app/models/sql.server.ts (and the summary
// triggers count with them). On a fixture of every approach/stage/interface combination and rows
// either side of the stale boundary, both must classify every row alike, on both engines — also
// after an admin changes the stale period, which the summary tables must follow at once.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { auditLog, counties, services, statuses } from '../../db/schema'
import { Approach, InterfaceStatus, Stage } from '~/domain/enums'
import { DEFAULT_STALE_AFTER_DAYS, hasOpenInterfaceNegotiation, isApplicable, isOnline, isStale, staleBefore, StaleAfterDaysInput } from '~/domain/rules'
import { statusCode } from '~/domain/status-chip'
import { getMatrixRows } from '~/models/matrix.server'
import { getStaleAfterDays, setStaleAfterDays } from '~/models/settings.server'
import { containsPattern, isApplicable as applicableSql, isOnline as onlineSql, isStale as staleSql, openNegotiationSql } from '~/models/sql.server'
import { getCountyKpis } from '~/models/summary.server'
import { getDb, queryRows } from '~/utils/db.server'
import { describeEachEngine } from '../support/database'
import { expectSummariesExact } from '../support/summaries'

const HOUR = 60 * 60 * 1000

// Every combination the table's CHECK constraints allow (statuses_stage_fits_approach).
function combinations() {
  const list: { approach: string; stage: string }[] = []
  for (const approach of Approach.codes) {
    for (const stage of Stage.codes) {
      if (approach === 'pending' && stage !== 'planned') continue
      if ((approach === 'pending' || approach === 'not_applicable') && (stage === 'online' || stage === 'partially_online')) continue
      list.push({ approach, stage })
    }
  }
  return list
}

/** Confirmation instants around the boundary: two hours either side, so DST cannot tip them. */
function confirmations(now: Date, days: number): (Date | null)[] {
  const boundary = staleBefore(now, days).getTime()
  return [null, new Date(boundary - 2 * HOUR), new Date(boundary + 2 * HOUR), new Date(now.getTime() - HOUR)]
}

type Classified = { id: number; approach: string; stage: string; interfaceStatus: string | null; confirmedAt: Date | string | null; online: boolean; applicable: boolean; stale: boolean; open: boolean }

async function celleRows(): Promise<{ countyId: number; ids: number[] }> {
  const db = await getDb()
  const [celle] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, '03351'))
  const rows = await db
    .select({ id: statuses.id })
    .from(statuses)
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(and(eq(statuses.countyId, celle.id), sql`${services.retiredAt} is null`))
    .orderBy(statuses.id)
  return { countyId: celle.id, ids: rows.map((r) => r.id) }
}

/** Writes the fixture onto Celle's first rows: each combination × interface status × confirmation. */
async function writeFixture(ids: number[], days: number) {
  const db = await getDb()
  const now = new Date()
  const interfaces = [null, ...InterfaceStatus.codes]
  let i = 0
  for (const { approach, stage } of combinations()) {
    for (const [k, confirmedAt] of confirmations(now, days).entries()) {
      const interfaceStatus = interfaces[(i + k) % interfaces.length]
      await db
        .update(statuses)
        .set({ approach, stage, interfaceStatus, confirmedAt, pendingPlan: null, onlineServiceId: null, connection: null } as never)
        .where(eq(statuses.id, ids[i]))
      i++
    }
  }
  return ids.slice(0, i)
}

async function classify(ids: number[]): Promise<Classified[]> {
  const db = await getDb()
  return db
    .select({
      id: statuses.id,
      approach: statuses.approach,
      stage: statuses.stage,
      interfaceStatus: statuses.interfaceStatus,
      confirmedAt: statuses.confirmedAt,
      online: sql<boolean>`${onlineSql}`.mapWith(Boolean),
      applicable: sql<boolean>`${applicableSql}`.mapWith(Boolean),
      stale: sql<boolean>`${staleSql}`.mapWith(Boolean),
      open: sql<boolean>`${openNegotiationSql()}`.mapWith(Boolean),
    })
    .from(statuses)
    .where(inArray(statuses.id, ids))
    .orderBy(statuses.id)
}

function expectAgreement(rows: Classified[], days: number) {
  const now = new Date()
  for (const r of rows) {
    const ts = { online: isOnline(r), applicable: isApplicable(r), stale: isStale(r, now, days), open: hasOpenInterfaceNegotiation(r) }
    expect({ id: r.id, online: r.online, applicable: r.applicable, stale: r.stale, open: r.open }).toEqual({ id: r.id, ...ts })
  }
}

describeEachEngine(
  'rules in TypeScript and SQL',
  () => {
    let fixture: number[] = []

    it('a new database starts with the default stale period', async () => {
      expect(await getStaleAfterDays()).toBe(DEFAULT_STALE_AFTER_DAYS)
    })

    it('classify every approach/stage/interface combination and both sides of the stale boundary alike', async () => {
      const { ids } = await celleRows()
      fixture = await writeFixture(ids, DEFAULT_STALE_AFTER_DAYS)
      const rows = await classify(fixture)
      expect(rows).toHaveLength(combinations().length * 4)
      // The fixture really straddles the boundary and holds every verdict.
      expect(rows.some((r) => r.stale) && rows.some((r) => !r.stale && r.applicable)).toBe(true)
      expect(rows.some((r) => r.online) && rows.some((r) => r.open)).toBe(true)
      expectAgreement(rows, DEFAULT_STALE_AFTER_DAYS)
      await expectSummariesExact()
    })

    it('count the KPIs of a county as the TypeScript rules count its rows', async () => {
      const db = await getDb()
      const { countyId } = await celleRows()
      const all = await classify((await db.select({ id: statuses.id }).from(statuses).innerJoin(services, eq(services.id, statuses.serviceId)).where(and(eq(statuses.countyId, countyId), sql`${services.retiredAt} is null`))).map((r) => r.id))
      const now = new Date()
      const celle = (await getCountyKpis()).counties.find((c) => c.ags === '03351')!
      expect(celle.online).toBe(all.filter((r) => isOnline(r)).length)
      expect(celle.applicable).toBe(all.filter((r) => isApplicable(r)).length)
      expect(celle.openNegotiations).toBe(all.filter((r) => hasOpenInterfaceNegotiation(r)).length)
      expect(celle.stale).toBe(all.filter((r) => isStale(r, now, DEFAULT_STALE_AFTER_DAYS)).length)
    })

    it('give the matrix cell the code of the status chip', async () => {
      const db = await getDb()
      const matrix = await getMatrixRows({ countyAgs: ['03351'] })
      const rows = await queryRows<{ ozg_id: string; approach: string; stage: string }>(
        db,
        sql`select v.ozg_id, s.approach, s.stage from statuses s join services v on v.id = s.service_id join counties c on c.id = s.county_id
            where c.ags = '03351' and v.retired_at is null`,
      )
      const byService = new Map(rows.map((r) => [r.ozg_id, statusCode(r.approach as never, r.stage as never)]))
      const codes = new Set<string>()
      for (const [ozgId, , cells] of matrix.rows) {
        expect(cells, ozgId).toBe(byService.get(ozgId) ?? '_')
        codes.add(cells)
      }
      // Every combination of the fixture reaches the matrix: all ten codes of a row.
      expect(codes.size).toBeGreaterThanOrEqual(10)
    })

    it('follow a changed stale period at once: SQL, TypeScript and the summary tables', async () => {
      const db = await getDb()
      const [admin] = await queryRows<{ id: number }>(db, sql`select id from users where role = 'admin' order by id limit 1`)
      // Rows confirmed 100 days ago are fresh under 180 days and stale under 90.
      await db.update(statuses).set({ confirmedAt: new Date(Date.now() - 100 * 24 * HOUR) }).where(inArray(statuses.id, fixture.slice(0, 6)))
      const before = (await getCountyKpis()).counties.find((c) => c.ags === '03351')!.stale

      await setStaleAfterDays(90, { id: admin.id } as never)
      expect(await getStaleAfterDays()).toBe(90)
      const rows = await classify(fixture)
      expectAgreement(rows, 90)
      const after = (await getCountyKpis()).counties.find((c) => c.ags === '03351')!.stale
      expect(after).toBeGreaterThan(before)
      await expectSummariesExact()
      const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'setting'), eq(auditLog.entityId, 'stale_after_days')))
      expect(entry.details).toEqual({ from: '180', to: '90' })

      await setStaleAfterDays(DEFAULT_STALE_AFTER_DAYS, { id: admin.id } as never)
      expect((await getCountyKpis()).counties.find((c) => c.ags === '03351')!.stale).toBe(before)
      await expectSummariesExact()
    })

    it('refuse a stale period outside 30 to 730 whole days, in German', () => {
      expect(StaleAfterDaysInput.safeParse({ staleAfterDays: '180' }).success).toBe(true)
      for (const bad of ['', '29', '731', '90,5', 'viele']) {
        const parsed = StaleAfterDaysInput.safeParse({ staleAfterDays: bad })
        expect(parsed.success, bad).toBe(false)
        expect(parsed.error?.issues[0].message).toMatch(/Tage|Zahl/)
      }
    })

    it('take % and _ in a search word literally', async () => {
      const db = await getDb()
      const [r] = await queryRows<Record<string, boolean>>(
        db,
        sql`select 'Kita-Platz' ilike ${containsPattern('a_p')} as wildcard, 'Kita_Platz' ilike ${containsPattern('a_P')} as underscore,
            'zu 100% online' ilike ${containsPattern('0% o')} as percent, 'zu 1000 online' ilike ${containsPattern('0% o')} as percent_wildcard`,
      )
      expect({ wildcard: Boolean(r.wildcard), underscore: Boolean(r.underscore), percent: Boolean(r.percent), percentWildcard: Boolean(r.percent_wildcard) }).toEqual({
        wildcard: false,
        underscore: true,
        percent: true,
        percentWildcard: false,
      })
    })
  },
  'demo',
)
