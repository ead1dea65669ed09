// The set-based write path (applyStatusChanges / updateStatus): many rows with different values
// in one statement, exactly one history record per changed row, versions and confirmed_at, values
// that need quoting, and no lost update when two saves race — on both engines.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { counties, statusChanges, statuses, users } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import { toStatusValues, type StatusValues } from '~/domain/status'
import { applyStatusChanges, getStatus, getStatusForSave, listHistory, StatusConflictError, updateStatus, valueColumns } from '~/models/status.server'
import { getDb } from '~/utils/db.server'

async function actorId(email: string) {
  const db = await getDb()
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
  return u.id
}

async function rowsOf(ags: string, limit: number) {
  const db = await getDb()
  return db
    .select({ id: statuses.id, version: statuses.version, confirmedAt: statuses.confirmedAt, ...valueColumns })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .where(and(eq(counties.ags, ags), ne(statuses.approach, 'not_applicable')))
    .orderBy(asc(statuses.id))
    .limit(limit)
}

// Text the array parameters must carry unchanged: quotes, backslashes, separators, braces, the
// word NULL, line breaks, umlauts, an empty-looking value.
const TRICKY = ['Notiz mit "Anführungszeichen"', 'C:\\Pfad\\mit\\Backslash', 'a,b;c {x} [y]', 'NULL', 'Zeile 1\nZeile 2\tTab', 'Straße – ÄÖÜ €', ' ', '\\"', '{}', "O'Brien"]

describeEachEngine(
  'the set-based status write',
  () => {
    it('writes many rows with different values in one go, one history record each', async () => {
      const rows = await rowsOf('03351', 120)
      const by = await actorId('koordination@demo.invalid')
      const db = await getDb()
      const changes = rows.map((r, i) => ({
        statusId: r.id,
        expectedVersion: r.version,
        set: {
          note: `${TRICKY[i % TRICKY.length]} #${i}`,
          contact: i % 3 === 0 ? null : `Fachdienst ${i}`,
          costOneOff: i % 4 === 0 ? null : `${1000 + i}.50`,
          applicationsPerYear: i,
          targetDate: i % 5 === 0 ? null : '2027-03-01',
        } satisfies Partial<StatusValues>,
      }))
      const result = await db.transaction((tx) => applyStatusChanges(tx, changes, { id: by }, { comment: 'Stapel', source: 'import' }))
      expect(result.changed).toHaveLength(rows.length)
      expect(result.unchanged).toEqual([])

      const after = new Map((await db.select({ id: statuses.id, version: statuses.version, confirmedAt: statuses.confirmedAt, updatedBy: statuses.updatedBy, ...valueColumns }).from(statuses).where(inArray(statuses.id, rows.map((r) => r.id)))).map((r) => [r.id, r]))
      for (const [i, r] of rows.entries()) {
        const now = after.get(r.id)!
        const expected = { ...toStatusValues(r as never), ...changes[i].set }
        expect(toStatusValues(now as never)).toEqual(expected)
        expect(now.version).toBe(r.version + 1)
        expect(now.updatedBy).toBe(by)
        expect(now.confirmedAt).not.toBeNull()
        expect(result.changed[i]).toMatchObject({ statusId: r.id, version: r.version + 1 })
      }
      const records = await db
        .select({ statusId: statusChanges.statusId, changes: statusChanges.changes, comment: statusChanges.comment, source: statusChanges.source, changedBy: statusChanges.changedBy })
        .from(statusChanges)
        .where(and(inArray(statusChanges.statusId, rows.map((r) => r.id)), eq(statusChanges.source, 'import')))
        .orderBy(asc(statusChanges.id))
      expect(records.map((r) => r.statusId)).toEqual(rows.map((r) => r.id))
      for (const [i, record] of records.entries()) {
        expect(record.changes).toEqual(result.changed[i].changes)
        expect(record.changes.note).toEqual({ from: rows[i].note, to: changes[i].set.note })
        expect([record.comment, record.changedBy]).toEqual(['Stapel', by])
      }
    })

    it('confirms without a change: only confirmed_at moves, recorded from → to', async () => {
      const row = (await getStatus('03353', '10519'))!
      const result = await updateStatus({ statusId: row.id, expectedVersion: row.version, values: row.values, comment: null, actor: null })
      expect(result).toEqual({ ok: true, version: row.version + 1, changed: false })
      const after = (await getStatus('03353', '10519'))!
      const [latest] = await listHistory(row.id)
      expect(latest.changes).toEqual({ confirmedAt: { from: row.confirmedAt?.toISOString() ?? null, to: after.confirmedAt!.toISOString() } })
      expect(after.values).toEqual(row.values)
    })

    it('refuses a save whose row moved on after it was read, writing nothing (no lost update)', async () => {
      const row = (await getStatus('03351', '10520'))!
      const db = await getDb()
      // Someone else saves between the form's read and its write.
      const other = await updateStatus({ statusId: row.id, expectedVersion: row.version, values: { ...row.values, note: 'zuerst gespeichert' }, comment: null, actor: null })
      expect(other.ok).toBe(true)
      const historyBefore = (await listHistory(row.id)).length
      const late = await updateStatus({ statusId: row.id, expectedVersion: row.version, values: { ...row.values, contact: 'zu spät' }, comment: null, actor: null, current: row })
      expect(late.ok).toBe(false)
      if (!late.ok) expect(late.conflict.changesSince.map((c) => c.changes)).toEqual([{ note: { from: row.note, to: 'zuerst gespeichert' } }])
      expect((await listHistory(row.id)).length).toBe(historyBefore)
      const [now] = await db.select({ note: statuses.note, contact: statuses.contact, version: statuses.version }).from(statuses).where(eq(statuses.id, row.id))
      expect(now).toEqual({ note: 'zuerst gespeichert', contact: row.contact, version: row.version + 1 })
      // A batch with one moved row rolls back as a whole.
      const others = (await rowsOf('03351', 3)).filter((r) => r.id !== row.id).slice(0, 2)
      const stale = [...others.map((r) => ({ statusId: r.id, expectedVersion: r.version })), { statusId: row.id, expectedVersion: row.version }].map((c) => ({ ...c, set: { note: 'Stapel' } }))
      await expect(db.transaction((tx) => applyStatusChanges(tx, stale, null, { source: 'import' }))).rejects.toBeInstanceOf(StatusConflictError)
      const notes = await db.select({ note: statuses.note }).from(statuses).where(inArray(statuses.id, stale.map((c) => c.statusId)))
      expect(notes.some((n) => n.note === 'Stapel')).toBe(false)
    })

    it('lets exactly one of many concurrent saves of the same version through', async () => {
      const row = (await getStatus('03351', '10521'))!
      const db = await getDb()
      const [{ before }] = await db.select({ before: sql<number>`count(*)::int` }).from(statusChanges).where(eq(statusChanges.statusId, row.id))
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => updateStatus({ statusId: row.id, expectedVersion: row.version, values: { ...row.values, note: `gleichzeitig ${i}` }, comment: null, actor: null, current: row })),
      )
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []))
      expect(winners).toHaveLength(1)
      const [{ after }] = await db.select({ after: sql<number>`count(*)::int` }).from(statusChanges).where(eq(statusChanges.statusId, row.id))
      expect(after).toBe(before + 1)
      const now = (await getStatus('03351', '10521'))!
      expect([now.version, now.note]).toEqual([row.version + 1, `gleichzeitig ${winners[0]}`])
    })

    it('finds the row with only the references its form may name', async () => {
      const row = (await getStatus('03351', '10519'))!
      const found = (await getStatusForSave('03351', '10519', { onlineService: String(row.onlineServiceId ?? ''), fachverfahren: 'kein-Verfahren' }))!
      expect(found.row).toMatchObject({ id: row.id, version: row.version, countyId: row.countyId, values: row.values })
      if (row.onlineServiceId) expect(found.onlineService?.id).toBe(row.onlineServiceId)
      expect(found.context.lookupFachverfahren('kein-Verfahren', {})).toBeUndefined()
      expect(await getStatusForSave('03351', '99999', { onlineService: '', fachverfahren: '' })).toBeNull()
    })
  },
  'demo',
)
