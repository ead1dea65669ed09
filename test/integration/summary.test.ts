import { expect, it } from 'vitest'
import { countOf, formatPercent } from '~/domain/kpi'
import {
  getApproachStageSeries,
  getCountyKpis,
  getEndToEndSeries,
  getMaturitySeries,
  getOnlineTrend,
} from '~/models/summary.server'
import { eq } from 'drizzle-orm'
import { auditLog, onlineServiceServices, users } from '../../db/schema'
import { OnlineServiceInput } from '~/domain/online-service'
import { FachverfahrenInput, VendorInput } from '~/domain/vendor'
import type { SessionUser } from '~/domain/permissions'
import { getMatrix } from '~/models/matrix.server'
import { createOnlineService, getOnlineService, listOnlineServices, updateOnlineService } from '~/models/online-service.server'
import { getServiceDetail } from '~/models/service-detail.server'
import { createFachverfahren, createVendor, getVendor, listVendors, updateVendor } from '~/models/vendor.server'
import { describeEachEngine } from '../support/database'
import { buildSummaryFixture } from './summary-fixture'

function currentMonthInGermany() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).formatToParts(new Date())
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`
}

describeEachEngine(
  'summary model',
  () => {
    it('counts every KPI per member county, over all services', async () => {
      const { counties, community } = await getCountyKpis()
      // Ordered by name: Celle, Diepholz, Harburg.
      expect(counties.map((c) => c.ags)).toEqual(['03351', '03251', '03353'])
      const celle = counties.find((c) => c.ags === '03351')!
      expect(celle).toMatchObject({
        name: 'Celle',
        applicable: 6,
        online: 3,
        own: 3,
        efa: 2,
        pending: 1,
        notApplicable: 1,
        partiallyOnline: 1,
        inProgress: 1,
        meanMaturityOnline: 3,
        endToEnd: 2,
        openNegotiations: 2,
        stale: 3,
      })
      const harburg = counties.find((c) => c.ags === '03353')!
      expect(harburg).toMatchObject({
        applicable: 6,
        online: 2,
        own: 2,
        efa: 2,
        pending: 2,
        notApplicable: 1,
        partiallyOnline: 0,
        inProgress: 1,
        // Only the model-1.1 row counts (the 2.0 row with level 5 is not comparable).
        meanMaturityOnline: 4,
        endToEnd: 1,
        openNegotiations: 1,
        stale: 1,
      })
      const diepholz = counties.find((c) => c.ags === '03251')!
      expect(diepholz).toMatchObject({ applicable: 0, online: 0, meanMaturityOnline: null, stale: 0 })
      // The non-member is in no figure.
      expect(counties.some((c) => c.ags === '03999')).toBe(false)
      expect(community.countyCount).toBe(3)
      expect(community.total).toMatchObject({ applicable: 12, online: 5, own: 5, efa: 4, pending: 3, notApplicable: 2, endToEnd: 3, openNegotiations: 3, stale: 4 })
      // (3 + 4 + 2 + 4) / 4 = 3.25 → 3.3
      expect(community.total.meanMaturityOnline).toBe(3.3)
      expect(community.average).toMatchObject({ applicable: 4, online: 1.7, endToEnd: 1 })
    })

    it('filters by Themenfeld: 3 online of 5 applicable is 60 % and „3 von 5“', async () => {
      const { counties, community } = await getCountyKpis({ themeId: 1 })
      const celle = counties.find((c) => c.ags === '03351')!
      expect(celle.applicable).toBe(5)
      expect(celle.online).toBe(3)
      expect(formatPercent(celle.online, celle.applicable)).toBe('60 %')
      expect(countOf(celle.online, celle.applicable)).toBe('3 von 5')
      const harburg = counties.find((c) => c.ags === '03353')!
      expect(harburg).toMatchObject({ applicable: 4, online: 1, pending: 1, notApplicable: 1 })
      expect(community.total).toMatchObject({ applicable: 9, online: 4 })
      const bau = await getCountyKpis({ themeId: 2 })
      expect(bau.counties.find((c) => c.ags === '03351')).toMatchObject({ applicable: 1, online: 0, partiallyOnline: 1, notApplicable: 1 })
    })

    it('restricts to chosen counties', async () => {
      const { counties, community } = await getCountyKpis({ countyAgs: ['03353'] })
      expect(counties.map((c) => c.ags)).toEqual(['03353'])
      expect(community).toMatchObject({ countyCount: 1, total: { online: 2 } })
    })

    it('splits applicable rows by approach and stage', async () => {
      const series = await getApproachStageSeries()
      expect(series.find((s) => s.ags === '03351')).toEqual({
        ags: '03351',
        name: 'Celle',
        ownOnline: 2,
        ownPartial: 0,
        ownWorking: 1,
        efaOnline: 1,
        efaPartial: 1,
        efaWorking: 0,
        pending: 1,
      })
      expect(series.find((s) => s.ags === '03353')).toMatchObject({ ownOnline: 1, ownWorking: 1, efaOnline: 1, efaWorking: 1, pending: 2 })
      const family = await getApproachStageSeries({ themeId: 1 })
      expect(family.find((s) => s.ags === '03353')).toMatchObject({ ownOnline: 0, efaOnline: 1, pending: 1 })
    })

    it('spreads online services over maturity levels', async () => {
      const series = await getMaturitySeries()
      expect(series.find((s) => s.ags === '03351')).toMatchObject({ levels: [0, 0, 1, 1, 1], unknown: 0, otherModel: 0 })
      expect(series.find((s) => s.ags === '03353')).toMatchObject({ levels: [0, 0, 0, 0, 1], unknown: 0, otherModel: 1 })
    })

    it('counts end-to-end among online services', async () => {
      const series = await getEndToEndSeries()
      expect(series.find((s) => s.ags === '03351')).toMatchObject({ online: 3, endToEnd: 2 })
      expect(series.find((s) => s.ags === '03353')).toMatchObject({ online: 2, endToEnd: 1 })
      expect(formatPercent(2, 3)).toBe('67 %')
    })

    it('builds the monthly online trend from the change history', async () => {
      const trend = await getOnlineTrend()
      expect(trend.months[0]).toBe('2023-01')
      expect(trend.months.at(-1)).toBe(currentMonthInGermany())
      const at = (ags: string, month: string) => trend.counties.find((c) => c.ags === ags)!.values[trend.months.indexOf(month)]
      const community = (month: string) => trend.community[trend.months.indexOf(month)]
      const months = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07']
      expect(months.map((m) => at('03351', m))).toEqual([0, 1, 2, 3, 3, 3, 3])
      expect(months.map((m) => at('03353', m))).toEqual([0, 1, 1, 0, 0, 1, 1])
      expect(months.map((m) => at('03251', m))).toEqual([0, 0, 0, 0, 0, 0, 0])
      expect(months.map(community)).toEqual([0, 2, 3, 3, 3, 4, 4])
      expect(community(currentMonthInGermany())).toBe(4)
      expect(trend.counties.map((c) => c.name)).toEqual(['Celle', 'Diepholz', 'Harburg'])
    })

    it('filters the trend by Themenfeld and counties', async () => {
      const trend = await getOnlineTrend({ themeId: 2 })
      expect(trend.months[0]).toBe('2023-04')
      const harburg = trend.counties.find((c) => c.ags === '03353')!
      expect(harburg.values.slice(0, 4)).toEqual([0, 0, 1, 1])
      expect(trend.counties.find((c) => c.ags === '03351')!.values.every((v) => v === 0)).toBe(true)
      const two = await getOnlineTrend({ countyAgs: ['03351'] })
      expect(two.counties.map((c) => c.ags)).toEqual(['03351'])
      expect(two.community[two.months.indexOf('2023-04')]).toBe(3)
    })

    it('builds the matrix in one query, one character per county', async () => {
      const matrix = await getMatrix()
      expect(matrix.counties.map((c) => c.name)).toEqual(['Celle', 'Diepholz', 'Harburg'])
      expect(matrix.totalServices).toBe(7)
      const cells = Object.fromEntries(matrix.services.map((s) => [s.ozgId, s.cells.join('')]))
      expect(cells).toEqual({ '10001': 'O_o', '10002': 'o_x', '10003': 'O_n', '10004': 'x_L', '10005': 'W_w', '20001': 'n_O', '20002': 'p_x' })
      const pending = await getMatrix({ approach: 'pending' })
      expect(pending.services.map((s) => s.ozgId)).toEqual(['10002', '10004', '20002'])
      const bau = await getMatrix({ themeId: 2 })
      expect(bau.services.map((s) => s.ozgId)).toEqual(['20001', '20002'])
      expect(bau.totalServices).toBe(2)
      // Celle and Harburg alone: both online in 10001 but one own, one EfA, so they still differ.
      const two = await getMatrix({ countyAgs: ['03351', '03353'], differing: true, approach: 'efa' })
      expect(two.counties.map((c) => c.ags)).toEqual(['03351', '03353'])
      expect(two.services.map((s) => [s.ozgId, s.cells.join('')])).toEqual([
        ['10001', 'Oo'],
        ['10002', 'ox'],
        ['10005', 'Ww'],
        ['20002', 'px'],
      ])
      const diepholzOnly = await getMatrix({ countyAgs: ['03251'], differing: true })
      expect(diepholzOnly.services).toEqual([])
    })

    it('shows a service with its counties, reuse figures and community solution', async () => {
      expect(await getServiceDetail('99999')).toBeNull()
      const kita = (await getServiceDetail('10002'))!
      expect(kita.service.name).toBe('Kita-Platz')
      expect(kita.reuse).toEqual({ applicable: 2, online: 1, awaitingEfa: 1, pending: 1 })
      expect(kita.counties.map((c) => [c.ags, c.approach, c.onlineServiceName, c.connection])).toEqual([
        ['03351', 'efa', 'Kita-Portal', 'live'],
        ['03251', null, null, null],
        ['03353', 'pending', null, null],
      ])
      const elterngeld = (await getServiceDetail('10001'))!
      expect(elterngeld.implementations).toMatchObject([{ name: 'Kita-Portal', kind: 'efa', users: 1, live: 1 }])
      expect(elterngeld.counties.find((c) => c.ags === '03351')).toMatchObject({ fachverfahrenName: 'KitaPro', vendorName: 'Acme Software', interfaceStatus: 'live', contact: 'Jugendamt Celle' })
      const vorschuss = (await getServiceDetail('10004'))!
      expect(vorschuss.communitySolutions).toEqual([
        expect.objectContaining({
          name: 'Celler Familienportal',
          leadAgs: '03351',
          leadName: 'Celle',
          adopted: [{ ags: '03353', name: 'Harburg', connection: 'agreement' }],
          notYet: [{ ags: '03251', name: 'Diepholz', approach: null }],
        }),
      ])
      expect(vorschuss.reuse.awaitingEfa).toBe(1)
      // Harburg is not responsible for 10003: it is not counted as "not yet taken over".
      const pass = (await getServiceDetail('10003'))!
      expect(pass.communitySolutions[0]).toMatchObject({ adopted: [], notYet: [{ ags: '03251' }] })
    })

    it('counts online-service usage by connection and who waits for it', async () => {
      const list = await listOnlineServices()
      expect(list.map((o) => o.name)).toEqual(['Celler Familienportal', 'Kita-Portal'])
      expect(list.find((o) => o.name === 'Kita-Portal')).toMatchObject({ services: 3, counties: 2, rows: 3, live: 2, connecting: 1, interest: 0, agreement: 0, notLive: 1, awaitingEfa: 1 })
      expect(list.find((o) => o.name === 'Celler Familienportal')).toMatchObject({ services: 2, counties: 2, rows: 2, live: 1, agreement: 1, awaitingEfa: null, leadName: 'Celle' })
      expect((await listOnlineServices({ kind: 'community' })).map((o) => o.name)).toEqual(['Celler Familienportal'])
      const kita = (await getOnlineService(list.find((o) => o.name === 'Kita-Portal')!.id))!
      expect(kita.implemented.map((s) => [s.ozgId, s.using, s.live, s.awaitingEfa])).toEqual([
        ['10001', 1, 1, 0],
        ['10002', 1, 1, 1],
        ['10005', 1, 0, 0],
      ])
      expect(kita.byCounty).toEqual([
        { ags: '03351', name: 'Celle', interest: 0, agreement: 0, connecting: 0, live: 1, unknown: 0 },
        { ags: '03353', name: 'Harburg', interest: 0, agreement: 0, connecting: 1, live: 1, unknown: 0 },
      ])
    })

    it('shows per vendor and Fachverfahren which counties are at which interface stage', async () => {
      const [acme] = await listVendors()
      expect(acme).toMatchObject({ name: 'Acme Software', fachverfahren: 1, counties: 2, rows: 3, open: 2, live: 1 })
      const detail = (await getVendor(acme.id))!
      expect(detail.fachverfahren[0]).toMatchObject({ name: 'KitaPro', counties: 2, negotiating: 1, inDevelopment: 1, live: 1 })
      expect(detail.fachverfahren[0].byCounty.map((c) => [c.ags, c.negotiating, c.inDevelopment, c.live])).toEqual([
        ['03351', 1, 0, 1],
        ['03353', 0, 1, 0],
      ])
    })

    it('lets a coordinator create and edit online services, vendors and Fachverfahren, audited', async () => {
      const db = (await import('~/utils/db.server')).getDb
      const database = await db()
      const [user] = await database
        .insert(users)
        .values({ email: 'koordination@test.invalid', passwordHash: 'x', role: 'coordinator' })
        .returning({ id: users.id })
      const by: SessionUser = { id: user.id, email: 'koordination@test.invalid', name: '', role: 'coordinator', countyId: null, countyAgs: null }
      const form = (values: Record<string, string>) =>
        OnlineServiceInput.parse({ name: '', art: 'community', anbieter: '', federfuehrung: '', betreiber: '', verfuegbarkeit: 'verfuegbar', reifegrad: '', reifegradmodell: '1.1', adresse: '', marktplatz: '', einmalentgelt_eur: '', jahresentgelt_eur: '', entgeltnotiz: '', schnittstellenstandards: '', beschreibung: '', leistungen: '', ...values })
      const bad = await createOnlineService(form({ name: 'Wohngeld digital', federfuehrung: '03353', leistungen: '20002, 55555' }), by)
      expect(bad).toEqual({ ok: false, errors: { leistungen: 'Diese OZG-IDs gibt es im Katalog nicht: 55555.' } })
      const clash = await createOnlineService(form({ name: 'kita-portal', art: 'efa' }), by)
      expect(clash.ok).toBe(false)
      const created = await createOnlineService(form({ name: 'Wohngeld digital', federfuehrung: '03353', leistungen: '20002', einmalentgelt_eur: '1.234,50' }), by)
      expect(created.ok).toBe(true)
      const id = (created as { id: number }).id
      const updated = await updateOnlineService(id, form({ name: 'Wohngeld digital', federfuehrung: '03353', leistungen: '20001, 20002' }), by)
      expect(updated).toEqual({ ok: true, id })
      const links = await database.select().from(onlineServiceServices).where(eq(onlineServiceServices.onlineServiceId, id))
      expect(links).toHaveLength(2)
      const detail = (await getServiceDetail('20001'))!
      expect(detail.implementations).toMatchObject([{ name: 'Wohngeld digital', kind: 'community', leadName: 'Harburg' }])
      const vendor = await createVendor(VendorInput.parse({ name: 'Beta GmbH', website: '', notiz: '' }), by)
      expect(vendor.ok).toBe(true)
      const vendorId = (vendor as { id: number }).id
      expect(await createVendor(VendorInput.parse({ name: 'acme software', website: '', notiz: '' }), by)).toMatchObject({ ok: false })
      expect(await updateVendor(vendorId, VendorInput.parse({ name: 'Beta AG', website: 'https://beta.example', notiz: '' }), by)).toEqual({ ok: true, id: vendorId })
      const fv = await createFachverfahren(vendorId, FachverfahrenInput.parse({ name: 'BauPro', schnittstellenstandards: 'XBau 2.3', notiz: '' }), by)
      expect(fv?.ok).toBe(true)
      expect(await createFachverfahren(vendorId, FachverfahrenInput.parse({ name: 'baupro', schnittstellenstandards: '', notiz: '' }), by)).toMatchObject({ ok: false })
      const log = await database.select({ action: auditLog.action, entity: auditLog.entity, userId: auditLog.userId }).from(auditLog).orderBy(auditLog.id)
      expect(log).toEqual([
        { action: 'create', entity: 'online_service', userId: user.id },
        { action: 'update', entity: 'online_service', userId: user.id },
        { action: 'create', entity: 'vendor', userId: user.id },
        { action: 'update', entity: 'vendor', userId: user.id },
        { action: 'create', entity: 'fachverfahren', userId: user.id },
      ])
    })
  },
  async (handle) => {
    await buildSummaryFixture(handle)
  },
)
