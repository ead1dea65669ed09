import { and, eq, inArray, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { counties, onlineServices, services, statusChanges, statuses, users } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import { parseStatusInput, contextById } from '~/domain/status'
import {
  applyStatusChanges,
  bulkUpdateStatuses,
  getStatus,
  listActivityForCounty,
  listHistory,
  listStatusesForCounty,
  mergeAfterConflict,
  StatusRuleError,
  updateStatus,
} from '~/models/status.server'
import { getDb } from '~/utils/db.server'

async function actor(email: string) {
  const db = await getDb()
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
  return u
}

async function countyId(ags: string) {
  const db = await getDb()
  const [c] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, ags))
  return c.id
}

async function historyCount(statusIds: number[]) {
  const db = await getDb()
  const [{ n }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(statusChanges).where(inArray(statusChanges.statusId, statusIds))
  return n
}

describeEachEngine(
  'status rows: update, conflicts, bulk, filters',
  () => {
    it('updates a row, bumps the version and writes one history record', async () => {
      const row = (await getStatus('03351', '10519'))!
      const by = await actor('celle@demo.invalid')
      const before = await historyCount([row.id])
      const values = { ...row.values, note: 'Integrationstest', contact: 'Fachdienst Bauordnung' }
      const result = await updateStatus({ statusId: row.id, expectedVersion: row.version, values, comment: 'geprüft', actor: by })
      expect(result).toEqual({ ok: true, version: row.version + 1, changed: true })
      const after = (await getStatus('03351', '10519'))!
      expect(after.note).toBe('Integrationstest')
      expect(after.version).toBe(row.version + 1)
      expect(await historyCount([row.id])).toBe(before + 1)
      const [latest] = await listHistory(row.id)
      expect(latest.changes).toMatchObject({ note: { from: row.note, to: 'Integrationstest' } })
      expect(latest.comment).toBe('geprüft')
      expect(latest.byEmail).toBe('celle@demo.invalid')
      const activity = await listActivityForCounty(row.countyId)
      expect(activity[0].ozgId).toBe('10519')
    })

    it('answers a stale version with the conflict and the other person’s changes, writing nothing', async () => {
      const row = (await getStatus('03351', '10519'))!
      const celle = await actor('celle@demo.invalid')
      const coord = await actor('koordination@demo.invalid')
      const first = await updateStatus({ statusId: row.id, expectedVersion: row.version, values: { ...row.values, applicationsPerYear: 777 }, comment: null, actor: coord })
      expect(first.ok).toBe(true)
      const historyBefore = await historyCount([row.id])
      const mine = { ...row.values, note: 'meine Notiz' }
      const second = await updateStatus({ statusId: row.id, expectedVersion: row.version, values: mine, comment: null, actor: celle })
      expect(second.ok).toBe(false)
      if (second.ok) return
      expect(second.conflict.version).toBe(row.version + 1)
      expect(second.conflict.changesSince).toHaveLength(1)
      expect(second.conflict.changesSince[0].changes).toEqual({ applicationsPerYear: { from: row.applicationsPerYear, to: 777 } })
      expect(second.conflict.changesSince[0].byEmail).toBe('koordination@demo.invalid')
      expect(await historyCount([row.id])).toBe(historyBefore)
      expect((await getStatus('03351', '10519'))!.note).toBe(row.note)

      // Merge: the other person's field is taken over, mine is kept; saving again works.
      const { merged, clashes } = mergeAfterConflict(second.conflict.values, second.conflict.changesSince, mine)
      expect(clashes).toEqual([])
      expect(merged.applicationsPerYear).toBe(777)
      expect(merged.note).toBe('meine Notiz')
      const third = await updateStatus({ statusId: row.id, expectedVersion: second.conflict.version, values: merged, comment: null, actor: celle })
      expect(third.ok).toBe(true)
      const final = (await getStatus('03351', '10519'))!
      expect([final.applicationsPerYear, final.note]).toEqual([777, 'meine Notiz'])
    })

    it('marks a field both people changed as a clash', async () => {
      const current = { approach: 'own', note: 'theirs' } as never
      const { clashes, merged } = mergeAfterConflict(current, [{ changes: { note: { from: 'base', to: 'theirs' } } }], { approach: 'own', note: 'mine' } as never)
      expect(clashes).toEqual(['note'])
      expect((merged as { note: string }).note).toBe('mine')
    })

    it('saving without a change confirms the row and records that', async () => {
      const row = (await getStatus('03351', '10519'))!
      const result = await updateStatus({ statusId: row.id, expectedVersion: row.version, values: row.values, comment: null, actor: await actor('celle@demo.invalid') })
      expect(result).toMatchObject({ ok: true, changed: false })
      const [latest] = await listHistory(row.id)
      expect(Object.keys(latest.changes)).toEqual(['confirmedAt'])
    })

    it('a save without a change that does not ask to confirm writes nothing; a change confirms', async () => {
      const row = (await getStatus('03351', '10519'))!
      const celle = await actor('celle@demo.invalid')
      const historyBefore = await historyCount([row.id])
      const plain = await updateStatus({ statusId: row.id, expectedVersion: row.version, values: row.values, comment: null, actor: celle, confirm: false })
      expect(plain).toEqual({ ok: true, version: row.version, changed: false })
      const untouched = (await getStatus('03351', '10519'))!
      expect([untouched.version, untouched.confirmedAt]).toEqual([row.version, row.confirmedAt])
      expect(await historyCount([row.id])).toBe(historyBefore)

      // „Speichern“ with a change: saved, and the row counts as confirmed (docs/decisions/022).
      const changed = await updateStatus({ statusId: row.id, expectedVersion: row.version, values: { ...row.values, note: 'ohne Bestätigungswunsch' }, comment: null, actor: celle, confirm: false })
      expect(changed).toEqual({ ok: true, version: row.version + 1, changed: true })
      const after = (await getStatus('03351', '10519'))!
      expect(after.confirmedAt!.getTime()).toBeGreaterThan(row.confirmedAt?.getTime() ?? 0)
      expect(await historyCount([row.id])).toBe(historyBefore + 1)
    })

    it('changes 50 rows in one transaction with 50 history records', async () => {
      const id = await countyId('03351')
      const db = await getDb()
      const rows = await db
        .select({ id: statuses.id })
        .from(statuses)
        .where(and(eq(statuses.countyId, id), eq(statuses.approach, 'own'), sql`${statuses.funding} is distinct from 'community_shared'`))
        .limit(50)
      expect(rows).toHaveLength(50)
      const ids = rows.map((r) => r.id)
      const before = await historyCount(ids)
      const result = await bulkUpdateStatuses({ countyId: id, selection: { ids }, set: { funding: 'community_shared' }, confirm: false, comment: 'Umlage beschlossen', actor: await actor('celle@demo.invalid') })
      expect(result).toEqual({ ok: true, changed: 50, unchanged: 0 })
      expect(await historyCount(ids)).toBe(before + 50)
      const records = await db.select({ changes: statusChanges.changes, source: statusChanges.source, comment: statusChanges.comment }).from(statusChanges).where(and(inArray(statusChanges.statusId, ids), eq(statusChanges.source, 'bulk')))
      expect(records).toHaveLength(50)
      expect(records.every((r) => (r.changes as Record<string, { to: unknown }>).funding.to === 'community_shared' && r.comment === 'Umlage beschlossen')).toBe(true)
    })

    it('rolls the whole bulk change back when one row breaks a rule', async () => {
      const id = await countyId('03351')
      const db = await getDb()
      const own = await db.select({ id: statuses.id, version: statuses.version }).from(statuses).where(and(eq(statuses.countyId, id), eq(statuses.approach, 'own'))).limit(10)
      const [pending] = await db.select({ id: statuses.id, version: statuses.version }).from(statuses).where(and(eq(statuses.countyId, id), eq(statuses.approach, 'not_applicable'))).limit(1)
      const ids = [...own.map((r) => r.id), pending.id]
      const before = await historyCount(ids)
      const result = await bulkUpdateStatuses({ countyId: id, selection: { ids }, set: { stage: 'online' }, confirm: false, comment: null, actor: null })
      expect(result.ok).toBe(false)
      if (!result.ok && 'issues' in result) expect(result.issues.map((i) => i.statusId)).toEqual([pending.id])
      expect(await historyCount(ids)).toBe(before)
      const versions = await db.select({ id: statuses.id, version: statuses.version }).from(statuses).where(inArray(statuses.id, ids))
      for (const r of [...own, pending]) expect(versions.find((v) => v.id === r.id)!.version).toBe(r.version)
    })

    it('rolls back everything when the history insert fails inside the transaction', async () => {
      const id = await countyId('03351')
      const db = await getDb()
      const rows = await db.select({ id: statuses.id, version: statuses.version }).from(statuses).where(and(eq(statuses.countyId, id), eq(statuses.approach, 'own'))).limit(5)
      const before = await historyCount(rows.map((r) => r.id))
      await expect(
        db.transaction(async (tx) => {
          await applyStatusChanges(tx, rows.map((r) => ({ statusId: r.id, set: { note: 'wird zurückgerollt' } })), null, { source: 'bulk' })
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await historyCount(rows.map((r) => r.id))).toBe(before)
      const after = await db.select({ note: statuses.note }).from(statuses).where(inArray(statuses.id, rows.map((r) => r.id)))
      expect(after.some((r) => r.note === 'wird zurückgerollt')).toBe(false)
    })

    it('refuses rows of another county in a bulk change', async () => {
      const harburg = await countyId('03353')
      const db = await getDb()
      const [foreign] = await db.select({ id: statuses.id }).from(statuses).where(eq(statuses.countyId, harburg)).limit(1)
      const before = await historyCount([foreign.id])
      const result = await bulkUpdateStatuses({ countyId: await countyId('03351'), selection: { ids: [foreign.id] }, set: { funding: 'unclear' }, confirm: false, comment: null, actor: null })
      expect(result).toEqual({ ok: false, foreignRows: true })
      expect(await historyCount([foreign.id])).toBe(before)
    })

    it('changes all rows of a filter', async () => {
      const id = await countyId('03158')
      const filter = { umsetzungsweg: 'efa' as const, themenfeld: undefined }
      const { total } = await listStatusesForCounty(id, filter, { by: 'ozg_id', direction: 'asc' }, { page: 1, pageSize: 10 })
      const result = await bulkUpdateStatuses({ countyId: id, selection: { filter }, set: {}, confirm: true, comment: null, actor: null })
      expect(result).toEqual({ ok: true, changed: total, unchanged: 0 })
      const stale = await listStatusesForCounty(id, { ...filter, veraltet: true }, { by: 'ozg_id', direction: 'asc' }, { page: 1, pageSize: 10 })
      expect(stale.total).toBe(0)
    })

    it('checks the cross-field rules in the write path too', async () => {
      const db = await getDb()
      const row = (await getStatus('03351', '10519'))!
      const [efaService] = await db.select({ id: onlineServices.id }).from(onlineServices).where(eq(onlineServices.kind, 'efa')).limit(1)
      await expect(
        db.transaction((tx) => applyStatusChanges(tx, [{ statusId: row.id, set: { approach: 'own', stage: 'in_progress', onlineServiceId: efaService.id, pendingPlan: null } }], null, { source: 'form' })),
      ).rejects.toBeInstanceOf(StatusRuleError)
    })

    it('filters, sorts and pages a county’s rows in SQL', async () => {
      const id = await countyId('03351')
      const sort = { by: 'ozg_id' as const, direction: 'asc' as const }
      const all = await listStatusesForCounty(id, {}, sort, { page: 1, pageSize: 50 })
      expect(all.total).toBe(557)
      expect(all.rows).toHaveLength(50)
      const own = await listStatusesForCounty(id, { umsetzungsweg: 'own' }, sort, { page: 1, pageSize: 1000 })
      expect(own.rows.every((r) => r.approach === 'own')).toBe(true)
      const online = await listStatusesForCounty(id, { umsetzungsweg: 'own', fortschritt: 'online' }, sort, { page: 1, pageSize: 1000 })
      expect(online.total).toBeLessThanOrEqual(own.total)
      expect(online.rows.every((r) => r.stage === 'online')).toBe(true)
      const negotiating = await listStatusesForCounty(id, { schnittstellenstatus: 'negotiating' }, sort, { page: 1, pageSize: 1000 })
      expect(negotiating.rows.every((r) => r.interfaceStatus === 'negotiating')).toBe(true)
      const byText = await listStatusesForCounty(id, { q: 'Baugenehmigung' }, sort, { page: 1, pageSize: 50 })
      expect(byText.rows.map((r) => r.ozgId)).toContain('10519')
      expect((await listStatusesForCounty(id, { q: '10519' }, sort, { page: 1, pageSize: 50 })).rows.map((r) => r.ozgId)).toEqual(['10519'])
      const db = await getDb()
      const [theme] = await db.select({ themeId: services.themeId }).from(services).where(eq(services.ozgId, '10519'))
      const byTheme = await listStatusesForCounty(id, { themenfeld: theme.themeId }, sort, { page: 1, pageSize: 1000 })
      expect(byTheme.rows.map((r) => r.ozgId)).toContain('10519')
      const stale = await listStatusesForCounty(id, { veraltet: true }, sort, { page: 1, pageSize: 1000 })
      expect(stale.rows.every((r) => r.isStale && r.approach !== 'not_applicable')).toBe(true)
      const fresh = await listStatusesForCounty(id, { veraltet: false }, sort, { page: 1, pageSize: 1000 })
      expect(stale.total + fresh.total).toBe(557)
      const desc = await listStatusesForCounty(id, {}, { by: 'ozg_id', direction: 'desc' }, { page: 1, pageSize: 5 })
      expect(desc.rows[0].ozgId > desc.rows[4].ozgId).toBe(true)
      const page12 = await listStatusesForCounty(id, {}, sort, { page: 12, pageSize: 50 })
      expect(page12.rows).toHaveLength(7)
    })

    it('round-trips a stored row through the form schema unchanged', async () => {
      const row = (await getStatus('03353', '10519'))!
      const db = await getDb()
      const os = await db.select({ id: onlineServices.id, name: onlineServices.name, kind: onlineServices.kind }).from(onlineServices)
      const ctx = contextById(os as never, row.fachverfahrenId ? [{ id: row.fachverfahrenId, name: 'x' }] : [], { defaultMaturityModel: row.maturityModel as never })
      const { toFormValues } = await import('~/domain/status')
      const parsed = parseStatusInput(toFormValues(row.values), ctx)
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
      expect(parsed.data).toEqual(row.values)
    })
  },
  'demo',
)

