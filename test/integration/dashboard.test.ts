// The dashboard's loader on the demo community: the own county's place, and the charts grouped
// by Land once the community has more than 40 counties, with a drill-down into one Land, and the
// county chooser that becomes a search there.
import { eq } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { counties, users } from '../../db/schema'
import { COUNTY_SEARCH_LIMIT } from '~/models/county.server'
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
      // Up to the threshold the chooser is the select of every county; a search word is ignored.
      expect(d.counties).toHaveLength(16)
      expect(d.countySearch).toBeNull()
      expect(((await dashboard('?kreissuche=Celle')).body as Dashboard).countySearch).toBeNull()
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

    it('turns the county chooser into a search in the database above 40 counties', async () => {
      // 25 more members (enough above the threshold on their own), two with LIKE's wildcards in their names.
      const more = Array.from({ length: 23 }, (_, i) => ({ ags: String(9200 + i).padStart(5, '0'), name: `Neustadt ${String(i + 1).padStart(2, '0')}` }))
      more.push({ ags: '09300', name: 'Stadt 100% Test' }, { ags: '09301', name: 'Stadt_Unterstrich' })
      await handle()
        .db.insert(counties)
        .values(more.map((c) => ({ ...c, kind: 'landkreis' as const, land: 'Bayern' })))
      const plain = (await dashboard('')).body as Dashboard
      expect(plain.counties).toBeNull()
      expect(plain.countySearch).toEqual({ q: '', counties: [], more: false })

      const search = async (q: string) => ((await dashboard(`?kreissuche=${encodeURIComponent(q)}`)).body as Dashboard).countySearch!
      // Part of the name, any case; the own county is still in focus while searching.
      const celle = await dashboard('?kreissuche=ELL')
      expect((celle.body as Dashboard).countySearch!.counties.find((c) => c.ags === '03351')).toMatchObject({ name: expect.stringContaining('Celle') })
      expect((celle.body as Dashboard).standing).toMatchObject({ ags: '03351' })
      // The start of an AGS: only member counties whose key begins with it.
      const byAgs = await search('0920')
      expect(byAgs.counties.map((c) => c.ags)).toEqual(Array.from({ length: 10 }, (_, i) => `0920${i}`))
      expect(byAgs.more).toBe(false)
      // % and _ are plain text, not wildcards.
      expect((await search('%')).counties.map((c) => c.name)).toEqual(['Stadt 100% Test'])
      expect((await search('_')).counties.map((c) => c.name)).toEqual(['Stadt_Unterstrich'])
      // Nothing matches.
      expect(await search('Atlantis')).toEqual({ q: 'Atlantis', counties: [], more: false })
      // The cap: the first COUNTY_SEARCH_LIMIT by name, and a sign that there are more.
      const many = await search('neustadt')
      expect(many.counties).toHaveLength(COUNTY_SEARCH_LIMIT)
      expect(many.counties[0].name).toBe('Neustadt 01')
      expect(many.more).toBe(true)
      // A result links to /?kreis=…, which the loader accepts.
      expect(((await dashboard(`?kreis=${many.counties[0].ags}&kreissuche=neustadt`)).body as Dashboard).standing).toMatchObject({ ags: '09200' })
      // Too long a word is refused at the boundary.
      const long = await dashboard(`?kreissuche=${'x'.repeat(101)}`)
      expect(long.status).toBe(400)
      expect(JSON.stringify(long.body)).toContain('Der Suchbegriff für den Kreis darf höchstens 100 Zeichen lang sein.')
    })
  },
  'demo',
)
