// The summary tables (summary_counts, summary_online_trend) are kept current by triggers in the
// same transaction as every write. After writes through every path they must hold exactly what a
// recomputation from the status rows and the history gives; the hand-counted figures of
// summary.test.ts check that recomputation itself.
import { and, eq, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { counties, services, statusChanges, statuses } from '../../db/schema'
import { getCountyKpis, getMaturity20Series, getOnlineTrend } from '~/models/summary.server'
import { bulkUpdateStatuses, updateStatus } from '~/models/status.server'
import { toStatusValues } from '~/domain/status'
import { valueColumns } from '~/models/status.server'
import { getDb, queryRows } from '~/utils/db.server'
import { describeEachEngine } from '../support/database'
import { expectSummariesExact, liveMaturity20 } from '../support/summaries'

async function rowOf(ags: string, where: ReturnType<typeof sql>) {
  const db = await getDb()
  const [row] = await db
    .select({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId, version: statuses.version, ...valueColumns })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .where(and(eq(counties.ags, ags), where))
    .orderBy(statuses.id)
    .limit(1)
  return row
}

describeEachEngine(
  'summary tables',
  () => {
    it('match a recomputation right after seeding the demo community', async () => {
      await expectSummariesExact()
    })

    it('follow a form save that puts a service online, in the KPIs and the trend of this month', async () => {
      const before = await getCountyKpis()
      const trendBefore = await getOnlineTrend({}, ['03351'])
      const row = await rowOf('03351', sql`${statuses.approach} = 'own' and ${statuses.stage} = 'in_progress'`)
      const values = { ...toStatusValues(row as never), stage: 'online' as const }
      const result = await updateStatus({ statusId: row.id, expectedVersion: row.version, values, comment: null, actor: null })
      expect(result.ok).toBe(true)

      const after = await getCountyKpis()
      const celle = (k: typeof after) => k.counties.find((c) => c.ags === '03351')!
      expect(celle(after).online).toBe(celle(before).online + 1)
      expect(celle(after).inProgress).toBe(celle(before).inProgress - 1)
      expect(after.community.total.online).toBe(before.community.total.online + 1)
      const trendAfter = await getOnlineTrend({}, ['03351'])
      expect(trendAfter.counties[0].values.at(-1)).toBe(trendBefore.counties[0].values.at(-1)! + 1)
      expect(trendAfter.community.at(-1)).toBe(trendBefore.community.at(-1)! + 1)
      await expectSummariesExact()
    })

    it('follow a bulk edit, concurrent saves and a change that only touches the note', async () => {
      const db = await getDb()
      const [celle] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, '03351'))
      const bulk = await bulkUpdateStatuses({
        countyId: celle.id,
        selection: { filter: { umsetzungsweg: 'own', fortschritt: 'in_progress' } },
        set: { stage: 'online' },
        confirm: false,
        comment: 'Sammeländerung',
        actor: null,
      })
      expect(bulk).toMatchObject({ ok: true })
      expect(bulk.ok && bulk.changed).toBeGreaterThan(0)

      // Ten editors of two counties save at the same moment; the counters must not lose any.
      const rows = await db
        .select({ id: statuses.id, version: statuses.version, ...valueColumns })
        .from(statuses)
        .innerJoin(counties, eq(counties.id, statuses.countyId))
        .where(sql`${counties.ags} in ('03351', '03353') and ${statuses.approach} in ('own', 'efa') and ${statuses.stage} <> 'online'`)
        .orderBy(statuses.id)
        .limit(10)
      expect(rows).toHaveLength(10)
      const results = await Promise.all(
        rows.map((r, i) =>
          updateStatus({
            statusId: r.id,
            expectedVersion: r.version,
            values: { ...toStatusValues(r as never), stage: 'online', note: i % 2 ? 'nur Notiz' : null },
            comment: null,
            actor: null,
          }),
        ),
      )
      expect(results.every((r) => r.ok)).toBe(true)
      const noteOnly = await rowOf('03353', sql`true`)
      await updateStatus({ statusId: noteOnly.id, expectedVersion: noteOnly.version, values: { ...toStatusValues(noteOnly as never), note: 'Nur eine Notiz' }, comment: null, actor: null })
      await expectSummariesExact()
    })

    it('take back-dated history records into account exactly (as seeds write them)', async () => {
      const db = await getDb()
      const row = await rowOf('03353', sql`${statuses.stage} = 'online'`)
      // A change away from online in 2020 and back in 2021, inserted after the later records.
      await db.insert(statusChanges).values([
        { statusId: row.id, countyId: row.countyId, serviceId: row.serviceId, changedAt: new Date('2020-05-10T10:00:00Z'), changes: { stage: { from: 'in_progress', to: 'online' } }, source: 'seed' },
        { statusId: row.id, countyId: row.countyId, serviceId: row.serviceId, changedAt: new Date('2020-09-10T10:00:00Z'), changes: { stage: { from: 'online', to: 'in_progress' } }, source: 'seed' },
      ])
      await expectSummariesExact()
    })

    it('count stale rows exactly while the stale cutoff lags behind, and move the cutoff on reading', async () => {
      const db = await getDb()
      // As if the cutoff had last moved 20 days ago: rows whose 180 days ran out since then are
      // counted live, the rest from the summary.
      await queryRows(db, sql`update summary_meta set stale_cutoff = now() - interval '200 days'`)
      await queryRows(db, sql`select summary_recount_stale()`)
      const live = await queryRows<{ ags: string; stale: number }>(
        db,
        sql`select c.ags, count(s.id)::int as stale from counties c
            left join statuses s on s.county_id = c.id and s.approach <> 'not_applicable'
              and (s.confirmed_at is null or s.confirmed_at < now() - interval '180 days')
              and s.service_id in (select id from services where retired_at is null)
            where c.is_member group by c.ags order by c.ags`,
      )
      const [{ lapsed }] = await queryRows<{ lapsed: number }>(
        db,
        sql`select count(*)::int as lapsed from statuses where confirmed_at between now() - interval '200 days' and now() - interval '180 days'`,
      )
      expect(lapsed).toBeGreaterThan(0)
      const kpis = await getCountyKpis()
      expect(kpis.counties.map((c) => ({ ags: c.ags, stale: c.stale })).sort((a, b) => a.ags.localeCompare(b.ags))).toEqual(live.map((r) => ({ ags: r.ags, stale: Number(r.stale) })))
      const [{ days }] = await queryRows<{ days: number }>(db, sql`select extract(day from now() - stale_cutoff)::int as days from summary_meta`)
      expect(Number(days)).toBe(180)
      await expectSummariesExact()
    })

    it('follow a county leaving the community: the community trend no longer counts it', async () => {
      const db = await getDb()
      const before = await getOnlineTrend()
      const harburg = before.counties.find((c) => c.ags === '03353')!
      await db.update(counties).set({ isMember: false }).where(eq(counties.ags, '03353'))
      const after = await getOnlineTrend()
      expect(after.community).toEqual(before.community.map((n, i) => n - harburg.values[i]))
      await expectSummariesExact()
      await db.update(counties).set({ isMember: true }).where(eq(counties.ags, '03353'))
      expect((await getOnlineTrend()).community).toEqual(before.community)
    })

    it('count the online rows per level of maturity model 2.0 through every kind of write, as the live count does', async () => {
      const db = await getDb()
      // A form save rates one online row in model 2.0.
      const row = await rowOf('03351', sql`${statuses.approach} = 'own' and ${statuses.stage} = 'online'`)
      const saved = await updateStatus({
        statusId: row.id,
        expectedVersion: row.version,
        values: { ...toStatusValues(row as never), maturityModel: '2.0', maturity: 6 },
        comment: null,
        actor: null,
      })
      expect(saved.ok).toBe(true)
      const celle = (await getMaturity20Series()).find((c) => c.ags === '03351')!
      expect(celle.levels[6]).toBeGreaterThan(0)
      await expectSummariesExact()
      // A bulk statement rates every third online row in 2.0 at levels 0–7, some unrated.
      await queryRows(
        db,
        sql`update statuses set maturity_model = '2.0', maturity = case when id % 9 = 0 then null else id % 8 end
            where id % 3 = 0 and approach in ('own', 'efa') and stage = 'online'`,
      )
      expect((await getMaturity20Series()).some((c) => c.levels.every((n) => n > 0))).toBe(true)
      await expectSummariesExact()
      // A rating moves back to 1.1, a rated row leaves „online“, another changes its approach.
      const rated = await queryRows<{ id: number }>(db, sql`select id from statuses where maturity_model = '2.0' and maturity is not null order by id limit 3`)
      await queryRows(db, sql`update statuses set maturity_model = '1.1', maturity = 2 where id = ${rated[0].id}`)
      await queryRows(db, sql`update statuses set stage = 'in_progress' where id = ${rated[1].id}`)
      await queryRows(db, sql`update statuses set approach = case approach when 'own' then 'efa' else 'own' end where id = ${rated[2].id}`)
      await expectSummariesExact()
      // New rows of a new service, rated in 2.0, then the service retired.
      const [service] = await db.insert(services).values({ ozgId: '99999', name: 'Testleistung Reifegrad', themeId: 1 }).returning({ id: services.id })
      const members = await db.select({ id: counties.id }).from(counties).where(eq(counties.isMember, true)).orderBy(counties.id).limit(3)
      await db.insert(statuses).values(
        members.map((m, i) => ({ countyId: m.id, serviceId: service.id, approach: 'efa' as const, stage: 'online' as const, maturityModel: '2.0' as const, maturity: 5 + i })),
      )
      await expectSummariesExact()
      await db.update(services).set({ retiredAt: new Date() }).where(eq(services.id, service.id))
      await expectSummariesExact()
      // A full rebuild gives the same series as the live count.
      const before = await getMaturity20Series()
      await queryRows(db, sql`select summary_rebuild()`)
      expect(await getMaturity20Series()).toEqual(before)
      expect(before).toEqual(await liveMaturity20())
    })

    it('follow a service moved to another Themenfeld and a retired one', async () => {
      const db = await getDb()
      const [moved, retired] = await db.select({ id: services.id, themeId: services.themeId }).from(services).where(sql`${services.retiredAt} is null`).orderBy(services.id).limit(2)
      const before = await getCountyKpis()
      const [{ rows }] = await queryRows<{ rows: number }>(
        db,
        sql`select count(*)::int as rows from statuses s join counties c on c.id = s.county_id where c.is_member and s.service_id = ${retired.id} and s.approach <> 'not_applicable'`,
      )
      await db.update(services).set({ themeId: moved.themeId === 1 ? 2 : 1 }).where(eq(services.id, moved.id))
      await db.update(services).set({ retiredAt: new Date() }).where(eq(services.id, retired.id))
      const after = await getCountyKpis()
      expect(after.community.total.applicable).toBe(before.community.total.applicable - Number(rows))
      await expectSummariesExact()
    })
  },
  'demo',
)
