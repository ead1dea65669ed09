// The dashboard's place and „seit der Sitzung“ figures, counted by hand from summary-fixture.ts.
import { expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { meetings, statusChanges, statuses } from '../../db/schema'
import { countiesThen, countyStanding } from '~/domain/standing'
import { getCountyLands, getLastMeeting, getStandingAtLastMeeting } from '~/models/standing.server'
import { getCountyKpis } from '~/models/summary.server'
import { describeEachEngine } from '../support/database'
import { buildSummaryFixture } from './summary-fixture'

/** Every member county at the last meeting: today's counts plus the model's differences. */
async function standingThen(themeId?: number) {
  const { meeting, deltas } = await getStandingAtLastMeeting({ themeId })
  return { meeting, counties: countiesThen((await getCountyKpis({ themeId })).counties, deltas) }
}

describeEachEngine(
  'county standing at the last meeting',
  ({ handle }) => {
    it('has no earlier state before the first meeting, and ignores a meeting still to come', async () => {
      await handle().db.insert(meetings).values({ heldOn: '2099-01-01', title: 'Künftige Sitzung' })
      expect(await getLastMeeting()).toBeNull()
      expect(await getStandingAtLastMeeting()).toEqual({ meeting: null, deltas: [] })
      const { counties } = await getCountyKpis()
      expect(countyStanding(counties, '03351', null, [])).toMatchObject({ rank: 1, of: 3, then: null })
    })

    it('rebuilds every member county as it stood when the meeting day ended in Germany', async () => {
      // 31 March 2023 ends at 22:00 UTC (summer time): Celle's 10002 going online at 23:30 UTC
      // is after the meeting, its 10003 leaving online on 5 May too.
      await handle().db.insert(meetings).values({ heldOn: '2023-03-31', title: 'Frühjahrssitzung' })
      const { meeting, counties } = await standingThen()
      expect(meeting).toMatchObject({ title: 'Frühjahrssitzung', heldOn: '2023-03-31' })
      const byAgs = Object.fromEntries(counties.map((c) => [c.ags, c]))
      // Gastkreis (not a member) is left out; Diepholz has no rows.
      expect(Object.keys(byAgs).sort()).toEqual(['03251', '03351', '03353'])
      // Celle then: 10001 and 10003 online; 10002 and 10004 pending; 20002 still planned.
      expect(byAgs['03351']).toEqual({ ags: '03351', online: 2, applicable: 6, pending: 2, own: 3, efa: 1, endToEnd: 2, openNegotiations: 2 })
      // Harburg then: 10001 online (it left online only on 15 April), 20001 not yet online.
      expect(byAgs['03353']).toMatchObject({ online: 1, applicable: 6, pending: 2 })
      expect(byAgs['03251']).toMatchObject({ online: 0, applicable: 0 })

      const now = (await getCountyKpis()).counties
      const celle = countyStanding(now, '03351', meeting, counties)!
      expect(celle).toMatchObject({ rank: 1, of: 3, now: { online: 3, applicable: 6 }, then: { rank: 1, online: 2, heldOn: '2023-03-31' } })
      const harburg = countyStanding(now, '03353', meeting, counties)!
      expect(harburg).toMatchObject({ rank: 2, then: { rank: 2, online: 1 } })
    })

    it('counts only one Themenfeld when asked, and a row that did not exist then nowhere', async () => {
      const { sid, cid } = fixture
      const db = handle().db
      const [row] = await db.select({ id: statuses.id }).from(statuses).where(and(eq(statuses.countyId, cid['03351']), eq(statuses.serviceId, sid['20002'])))
      // Celle's 20002 was created after the meeting: its first change starts from nothing.
      await db.insert(statusChanges).values({
        statusId: row.id,
        countyId: cid['03351'],
        serviceId: sid['20002'],
        changedAt: new Date('2023-04-01T08:00:00Z'),
        changes: { approach: { from: null, to: 'efa' } },
        source: 'membership',
      })
      const { counties } = await standingThen(2)
      const byAgs = Object.fromEntries(counties.map((c) => [c.ags, c]))
      // Theme 2 is 20001 and 20002: Celle's 20001 is not applicable and 20002 did not exist.
      expect(byAgs['03351']).toMatchObject({ online: 0, applicable: 0, pending: 0, efa: 0 })
      expect(byAgs['03353']).toMatchObject({ online: 0, applicable: 2, pending: 1, own: 1 })
      expect((await standingThen()).counties.find((c) => c.ags === '03351')).toMatchObject({ applicable: 5, efa: 0 })
    })

    it('knows the Land of every member county', async () => {
      const lands = await getCountyLands()
      expect(Object.keys(lands).sort()).toEqual(['03251', '03351', '03353'])
    })
  },
  async (handle) => {
    fixture = await buildSummaryFixture(handle)
  },
)

let fixture: Awaited<ReturnType<typeof buildSummaryFixture>>
