// The dashboard's loader on the demo community: the own county's place, and the charts grouped
// by Land once the community has more than 40 counties, with a drill-down into one Land.
import { eq } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { counties, users } from '../../db/schema'
import { createSession } from '~/models/session.server'
import { loader } from '~/routes/_index/route'
import { getDb } from '~/utils/db.server'
import { answerOf } from '../support/remix'
import { describeEachEngine } from '../support/database'

type Dashboard = Awaited<ReturnType<typeof loader>>

async function dashboard(query: string, email = 'leitung@demo.invalid') {
  const [user] = await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, email))
  const { token } = await createSession(user.id)
  const request = new Request(`http://localhost/${query}`, { headers: { Cookie: `ozg_session=${encodeURIComponent(token)}`, Host: 'localhost' } })
  return answerOf(() => loader({ request, params: {}, context: {} }))
}

const sum = (rows: Dashboard['stages']) => rows.reduce((n, r) => n + r.ownOnline + r.efaOnline + r.pending, 0)

describeEachEngine(
  'dashboard loader',
  ({ handle }) => {
    it('puts the own county first with its place among the 16 members, and shows every county', async () => {
      const { status, body } = await dashboard('')
      expect(status).toBe(200)
      const d = body as Dashboard
      expect(d.standing).toMatchObject({ ags: '03351', of: 16 })
      expect(d.standing!.rank).toBeGreaterThanOrEqual(1)
      expect(d.standing!.rank).toBeLessThanOrEqual(16)
      expect(d.charts).toEqual({ mode: 'counties' })
      expect(d.stages).toHaveLength(16)
      expect(d.highlight).toBe('03351')
    })

    it('groups the charts by Land above 40 counties and drills down into one Land', async () => {
      const before = sum(((await dashboard('')).body as Dashboard).stages)
      // 30 more members in another Land (no status rows: they count with zeros).
      await handle()
        .db.insert(counties)
        .values(Array.from({ length: 30 }, (_, i) => ({ ags: String(9100 + i).padStart(5, '0'), name: `Testkreis ${i + 1}`, kind: 'landkreis' as const, land: 'Bayern' })))
      const grouped = (await dashboard('')).body as Dashboard
      expect(grouped.charts.mode).toBe('lands')
      expect(grouped.stages.map((r) => r.name)).toEqual(['Bayern (30 Kreise)', 'Niedersachsen (16 Kreise)'])
      // The sums per Land are the same counts as county by county.
      expect(sum(grouped.stages)).toBe(before)
      expect(grouped.endToEnd).toHaveLength(2)
      expect(grouped.highlight).toBe('land:Niedersachsen')
      expect(grouped.standing).toMatchObject({ ags: '03351', of: 46 })

      const bayern = (await dashboard('?land=Bayern')).body as Dashboard
      expect(bayern.charts.mode).toBe('land')
      expect(bayern.stages).toHaveLength(30)
      expect(bayern.maturity20).toHaveLength(30)
      const unknown = await dashboard('?land=Atlantis')
      expect(unknown.status).toBe(400)
      expect(JSON.stringify(unknown.body)).toContain('Wählen Sie ein Land aus der Liste.')
    })
  },
  'demo',
)
