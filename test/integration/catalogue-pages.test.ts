import { expect, it } from 'vitest'
import { describeEachEngine } from '../support/database'
import { listCountiesWithCounts } from '~/models/county.server'
import { listThemes, searchServices } from '~/models/service.server'
import { getDb } from '~/utils/db.server'

describeEachEngine(
  'county list and catalogue search',
  () => {
    it('counts every demo county’s rows by approach, adding up to the catalogue', async () => {
      const counties = await listCountiesWithCounts()
      expect(counties).toHaveLength(16)
      for (const c of counties) {
        expect(c.total).toBe(557)
        expect(c.own + c.efa + c.pending + c.notApplicable).toBe(557)
        expect(c.online).toBeGreaterThanOrEqual(100)
        expect(c.online).toBeLessThanOrEqual(200)
        expect(typeof c.online).toBe('number')
      }
      expect(counties.map((c) => c.name)).toContain('Celle')
    })

    it('finds 10519 by name', async () => {
      const result = await searchServices({ q: 'Baugenehmigung', seite: 1 })
      expect(result.rows.map((r) => r.ozgId)).toContain('10519')
      expect(result.rows.find((r) => r.ozgId === '10519')?.name).toBe('Bauvorbescheid und Baugenehmigung')
    })

    it('finds a service by its OZG-ID and by a LeiKa key', async () => {
      expect((await searchServices({ q: '10519', seite: 1 })).rows.map((r) => r.ozgId)).toEqual(['10519'])
      const byLeika = await searchServices({ q: '99003002000000', seite: 1 })
      expect(byLeika.total).toBe(1)
    })

    it('filters by Themenfeld and pages through the catalogue', async () => {
      const all = await searchServices({ seite: 1 })
      expect(all.total).toBe(557)
      expect(all.rows).toHaveLength(50)
      const last = await searchServices({ seite: 12 })
      expect(last.rows).toHaveLength(7)
      const themes = await listThemes()
      expect(themes).toHaveLength(14)
      const perTheme = await Promise.all(themes.map((t) => searchServices({ themenfeld: t.id, seite: 1 })))
      expect(perTheme.reduce((n, r) => n + r.total, 0)).toBe(557)
    })

    it('treats LIKE wildcards in the search as plain text', async () => {
      expect((await searchServices({ q: '%', seite: 1 })).total).toBe(0)
    })
  },
  'demo',
)
