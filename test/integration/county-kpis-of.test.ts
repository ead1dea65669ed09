// The county page reads one county's KPIs and the community's totals without listing every
// county (getCountyKpisOf): its figures must be exactly those of the full list (getCountyKpis),
// for every county, per Themenfeld, and after a change.
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { getCountyKpis, getCountyKpisOf } from '~/models/summary.server'
import { queryRows } from '~/utils/db.server'
import { describeEachEngine } from '../support/database'

async function expectSameAsFullList(themeId?: number) {
  const full = await getCountyKpis({ themeId })
  expect(full.counties.length).toBeGreaterThan(1)
  for (const county of full.counties) {
    const of = await getCountyKpisOf(county.ags, { themeId })
    expect(of.county).toEqual(county)
    expect(of.community).toEqual(full.community)
  }
}

describeEachEngine(
  'one county beside the community',
  ({ handle }) => {
    it('gives every county the figures of the full list, over all services and per Themenfeld', async () => {
      await expectSameAsFullList()
      const [{ id }] = await queryRows<{ id: number }>(handle().db, sql`select theme_id as id from services group by theme_id order by count(*) desc limit 1`)
      await expectSameAsFullList(id)
    })

    it('follows a change: two rows of one county become stale, and both readings still agree', async () => {
      const [county] = (await getCountyKpis()).counties
      const before = await getCountyKpisOf(county.ags)
      await queryRows(
        handle().db,
        sql`update statuses set confirmed_at = null
            where id in (select s.id from statuses s join counties c on c.id = s.county_id
                         where c.ags = ${county.ags} and s.approach <> 'not_applicable' and s.confirmed_at > now() - interval '90 days' limit 2)`,
      )
      const after = await getCountyKpisOf(county.ags)
      expect(after.county!.stale).toBe(before.county!.stale + 2)
      expect(after.community.total.stale).toBe(before.community.total.stale + 2)
      await expectSameAsFullList()
    })
  },
  'demo',
)
