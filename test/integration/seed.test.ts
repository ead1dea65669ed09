import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { seedDatabase } from '../../seeds/seed.server'
import { queryRows, type DatabaseHandle } from '~/utils/db.server'
import { verifyPassword } from '~/utils/password.server'
import { describeEachEngine } from '../support/database'

async function count(handle: DatabaseHandle, table: string) {
  const [row] = await queryRows<{ n: number | string }>(handle.db, sql`select count(*) as n from ${sql.identifier(table)}`)
  return Number(row.n)
}

const tables = ['themes', 'life_situations', 'services', 'leika_entries', 'counties', 'users', 'vendors', 'fachverfahren', 'online_services', 'online_service_services', 'county_basic_components', 'statuses', 'status_changes']
async function counts(handle: DatabaseHandle) {
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(handle, t)])))
}

describeEachEngine(
  'seedDatabase with the demo community',
  ({ handle }) => {
    it('loads the OZG catalogue', async () => {
      expect(await count(handle(), 'themes')).toBe(14)
      expect(await count(handle(), 'life_situations')).toBe(55)
      expect(await count(handle(), 'services')).toBe(557)
      const [building] = await queryRows<{ name: string; applies_to: string[] }>(handle().db, sql`select name, applies_to from services where ozg_id = '10519'`)
      expect(building.name).toBe('Bauvorbescheid und Baugenehmigung')
      expect(building.applies_to).toContain('landkreis')
      const [leika] = await queryRows<{ ozg_id: string }>(handle().db, sql`select s.ozg_id from leika_entries l join services s on s.id = l.service_id where l.key = '99003002000000'`)
      expect(leika.ozg_id).toBe('10181')
    })

    it('creates one status row per member county and service', async () => {
      expect(await count(handle(), 'counties')).toBe(16)
      expect(await count(handle(), 'statuses')).toBe(16 * 557)
      const perCounty = await queryRows<{ ags: string; total: number | string; online: number | string; not_applicable: number | string }>(
        handle().db,
        sql`select c.ags,
              count(*) filter (where s.approach in ('pending', 'own', 'efa', 'not_applicable')) as total,
              count(*) filter (where s.approach in ('own', 'efa') and s.stage = 'online') as online,
              count(*) filter (where s.approach = 'not_applicable') as not_applicable
            from counties c join statuses s on s.county_id = c.id group by c.ags`,
      )
      expect(perCounty).toHaveLength(16)
      for (const county of perCounty) {
        expect(Number(county.total)).toBe(557)
        expect(Number(county.online)).toBeGreaterThanOrEqual(100)
        expect(Number(county.online)).toBeLessThanOrEqual(200)
        expect(Number(county.not_applicable)).toBeGreaterThan(0)
      }
      const members = perCounty.map((c) => c.ags)
      expect(members).toEqual(expect.arrayContaining(['03351', '03251', '03353', '03459', '03158']))
    })

    it('links every community solution to its lead county', async () => {
      const rows = await queryRows<{ name: string; lead: string | null }>(
        handle().db,
        sql`select o.name, c.ags as lead from online_services o left join counties c on c.id = o.lead_county_id where o.kind = 'community'`,
      )
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) expect(row.lead).toMatch(/^\d{5}$/)
      const kinds = await queryRows<{ kind: string }>(handle().db, sql`select distinct kind from online_services order by kind`)
      expect(kinds.map((k) => k.kind)).toEqual(['community', 'efa', 'own', 'product'])
    })

    it('has a history from 2019 with an online change for every online row', async () => {
      const [first] = await queryRows<{ first: string | Date }>(handle().db, sql`select min(changed_at) as first from status_changes`)
      expect(new Date(first.first).getUTCFullYear()).toBe(2019)
      const [missing] = await queryRows<{ n: number | string }>(
        handle().db,
        sql`select count(*) as n from statuses s where s.stage = 'online' and not exists (
              select 1 from status_changes h where h.status_id = s.id and h.changes -> 'stage' ->> 'to' = 'online'
              and h.changed_at::date <= s.online_since)`,
      )
      expect(Number(missing.n)).toBe(0)
    })

    it('creates the demo users with the demo password', async () => {
      const rows = await queryRows<{ email: string; role: string; ags: string | null; password_hash: string }>(
        handle().db,
        sql`select u.email, u.role, c.ags, u.password_hash from users u left join counties c on c.id = u.county_id where u.is_demo order by u.email`,
      )
      expect(rows.map((u) => [u.email, u.role, u.ags])).toEqual([
        ['admin@demo.invalid', 'admin', null],
        ['celle@demo.invalid', 'editor', '03351'],
        ['harburg@demo.invalid', 'editor', '03353'],
        ['koordination@demo.invalid', 'coordinator', null],
        ['leitung@demo.invalid', 'viewer', '03351'],
      ])
      expect(await verifyPassword(rows[0].password_hash, 'ozg-radar-demo')).toBe(true)
      const [meta] = await queryRows<{ value: string }>(handle().db, sql`select value from app_meta where key = 'demo'`)
      expect(meta.value).toBe('true')
    })

    it('does nothing when called again', async () => {
      const before = await counts(handle())
      await seedDatabase(handle().db, { demo: true })
      expect(await counts(handle())).toEqual(before)
    })
  },
  async (handle) => {
    const started = performance.now()
    await seedDatabase(handle.db, { demo: true })
    console.info(`seedDatabase (demo) on ${handle.engine}: ${Math.round(performance.now() - started)} ms`)
  },
)

describeEachEngine(
  'seedDatabase without demo data',
  ({ handle }) => {
    it('loads only the catalogue', async () => {
      expect(await count(handle(), 'services')).toBe(557)
      expect(await count(handle(), 'leika_entries')).toBeGreaterThan(5000)
      expect(await count(handle(), 'counties')).toBe(0)
      expect(await count(handle(), 'users')).toBe(0)
      expect(await count(handle(), 'statuses')).toBe(0)
    })
  },
  (handle) => seedDatabase(handle.db, { demo: false }),
)
