// Planning and money on a hand-built community: every expected figure is counted from the rows
// below. Aland (03351) and Bestadt (03353) are members, Cefeld (03999) is not.
import { expect, it } from 'vitest'
import { counties, services, statusChanges, statuses, themes } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import { getCostTotals, getForecasts, listOverdueTargets } from '~/models/planning.server'
import { todayIso } from '~/domain/status'
import type { DatabaseHandle } from '~/utils/db.server'

type Row = Partial<typeof statuses.$inferInsert>

function monthsBack(count: number) {
  const [y, m] = todayIso().slice(0, 7).split('-').map(Number)
  const index = y * 12 + (m - 1) - count
  return { iso: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}` }
}

async function buildFixture(handle: DatabaseHandle) {
  const db = handle.db
  await db.insert(themes).values([
    { id: 1, name: 'Familie & Kind' },
    { id: 2, name: 'Bauen & Wohnen' },
  ])
  const svc = await db
    .insert(services)
    .values(Array.from({ length: 20 }, (_, i) => ({ ozgId: String(30001 + i), name: `Leistung ${i + 1}`, themeId: i < 10 ? 1 : 2 })))
    .returning({ id: services.id, ozgId: services.ozgId })
  const sid = Object.fromEntries(svc.map((s) => [s.ozgId, s.id]))
  const cty = await db
    .insert(counties)
    .values([
      { ags: '03351', name: 'Aland', kind: 'landkreis' },
      { ags: '03353', name: 'Bestadt', kind: 'landkreis' },
      { ags: '03999', name: 'Cefeld', kind: 'landkreis', isMember: false },
    ])
    .returning({ id: counties.id, ags: counties.ags })
  const cid = Object.fromEntries(cty.map((c) => [c.ags, c.id]))
  const online: Row = { approach: 'own', stage: 'online' }
  const pending: Row = { approach: 'pending', stage: 'planned' }
  const na: Row = { approach: 'not_applicable', stage: 'planned' }
  const rows: Record<string, Record<string, Row>> = {
    '03351': {
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(30001 + i), online])),
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [String(30013 + i), pending])),
      '30001': { ...online, costOneOff: '1000.50', costAnnual: '200', funding: 'own_budget' },
      '30002': { ...online, costOneOff: '500', funding: 'state_programme' },
      '30003': { ...online, targetDate: '2024-01-01' },
      '30013': { ...pending, costAnnual: '100' },
      '30014': { ...pending, targetDate: '2025-01-01' },
      '30015': { ...pending, targetDate: '2025-06-30' },
      '30016': { ...pending, targetDate: '2025-12-31' },
      '30017': { ...pending, targetDate: '2026-01-01' },
    },
    '03353': {
      '30011': { ...online, costOneOff: '2000', costAnnual: '300', funding: 'own_budget' },
      '30012': online,
      '30013': { ...na, costOneOff: '999', targetDate: '2024-05-01' },
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [String(30014 + i), pending])),
      '30014': { ...pending, targetDate: '2025-03-01' },
    },
    '03999': {
      '30001': online,
      '30002': { ...pending, costOneOff: '5000', targetDate: '2024-01-01' },
    },
  }
  const ids: Record<string, number> = {}
  for (const [ags, list] of Object.entries(rows)) {
    for (const [ozgId, row] of Object.entries(list)) {
      const [inserted] = await db.insert(statuses).values({ ...row, countyId: cid[ags], serviceId: sid[ozgId] }).returning({ id: statuses.id })
      ids[`${ags}/${ozgId}`] = inserted.id
    }
  }
  // Aland: one service went online on the first of each of the last 12 months (noon UTC, the
  // same day in Germany): monthly counts 1, 2, … 12 — a slope of exactly one per month.
  await db.insert(statusChanges).values(
    Array.from({ length: 12 }, (_, i) => {
      const ozgId = String(30001 + i)
      return {
        statusId: ids[`03351/${ozgId}`],
        countyId: cid['03351'],
        serviceId: sid[ozgId],
        changedAt: new Date(`${monthsBack(11 - i).iso}-01T12:00:00Z`),
        changes: { stage: { from: 'planned', to: 'online' } },
        source: 'seed' as const,
      }
    }),
  )
}

describeEachEngine(
  'planning and money',
  () => {
    it('lists applicable rows not online whose target date has passed, members only, oldest first', async () => {
      const overdue = await listOverdueTargets({ today: '2026-01-01' })
      expect(overdue.total).toBe(4)
      expect(overdue.rows.map((r) => `${r.ags}/${r.ozgId}/${r.targetDate}`)).toEqual([
        '03351/30014/2025-01-01',
        '03353/30014/2025-03-01',
        '03351/30015/2025-06-30',
        '03351/30016/2025-12-31',
      ])
      expect(overdue.perCounty).toEqual([
        { ags: '03351', name: 'Aland', overdue: 3 },
        { ags: '03353', name: 'Bestadt', overdue: 1 },
      ])
    })

    it('sums one-off and annual costs of applicable member rows per county, funding and Themenfeld', async () => {
      const costs = await getCostTotals()
      expect(costs.byCounty).toEqual([
        { key: '03351', label: 'Aland', rows: 3, oneOff: 1500.5, annual: 300 },
        { key: '03353', label: 'Bestadt', rows: 1, oneOff: 2000, annual: 300 },
      ])
      expect(costs.total).toMatchObject({ rows: 4, oneOff: 3500.5, annual: 600 })
      expect(costs.byFunding).toEqual([
        { key: '', label: '', rows: 1, oneOff: 0, annual: 100 },
        { key: 'own_budget', label: 'own_budget', rows: 2, oneOff: 3000.5, annual: 500 },
        { key: 'state_programme', label: 'state_programme', rows: 1, oneOff: 500, annual: 0 },
      ])
      expect(costs.byTheme).toEqual([
        { key: '2', label: 'Bauen & Wohnen', rows: 2, oneOff: 2000, annual: 400 },
        { key: '1', label: 'Familie & Kind', rows: 2, oneOff: 1500.5, annual: 200 },
      ])
    })

    it('forecasts from the monthly trend: Aland at one per month reaches 80 % in four months; Bestadt never', async () => {
      const { counties: forecasts, months } = await getForecasts()
      expect(months).toHaveLength(12)
      expect(months.at(-1)).toBe(todayIso().slice(0, 7))
      const aland = forecasts.find((c) => c.ags === '03351')!
      expect(aland).toMatchObject({ applicable: 20, online: 12, monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] })
      // target ⌈0.8 × 20⌉ = 16; (16 − 12) / 1 per month = 4 months from now.
      expect(aland.forecast).toEqual({ kind: 'forecast', target: 16, perMonth: 1, month: monthsBack(-4).iso })
      const bestadt = forecasts.find((c) => c.ags === '03353')!
      expect(bestadt).toMatchObject({ applicable: 9, online: 2 })
      expect(bestadt.forecast).toMatchObject({ kind: 'no_progress', target: 8 })
      expect(forecasts.map((c) => c.ags)).toEqual(['03351', '03353'])
    })
  },
  buildFixture,
)
