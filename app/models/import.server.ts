// Status list import: a CSV or XLSX file becomes a preview (new, changed, unchanged rows and
// every error by line and column), and only on confirmation one transaction through
// applyStatusChanges(). Every row is parsed by the one StatusInput schema (app/domain/status.ts).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { eq, inArray } from 'drizzle-orm'
import { counties, fachverfahren, onlineServices, services, statuses, vendors } from '../../db/schema'
import type { MaturityModelCode, OnlineServiceKindCode } from '~/domain/enums'
import type { SessionUser } from '~/domain/permissions'
import { canEditCounty } from '~/domain/permissions'
import {
  diffStatus,
  displayValue,
  FIELD_LABEL,
  statusInputSchema,
  toStatusValues,
  type FachverfahrenRef,
  type OnlineServiceRef,
  type StatusDiff,
  type StatusField,
  type StatusValues,
} from '~/domain/status'
import { STATUS_CSV_COLUMNS } from '~/domain/status-csv'
import { CsvError, readCsv, type CsvTable } from '~/utils/csv.server'
import { getDb } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { applyStatusChanges, StatusConflictError, StatusRuleError, valueColumns } from './status.server'

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
export const MAX_IMPORT_LABEL = '10 MB'
/** Errors and changed rows shown on the page; the counts are always complete. */
export const PREVIEW_LIST_LIMIT = 500

// kreis, leistung (for humans) and hersteller (only to tell two Fachverfahren apart) may be left out.
const OPTIONAL_COLUMNS = new Set(['kreis', 'leistung', 'hersteller', 'reifegradmodell'])
const REQUIRED_COLUMNS = STATUS_CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c))
const KNOWN_COLUMNS = new Set<string>([...STATUS_CSV_COLUMNS, 'reifegradmodell'])

export type ImportFile = { name: string; bytes: Uint8Array }
export type ImportIssue = { line: number | null; column: string | null; message: string }
export type ImportChange = { field: string; label: string; from: string; to: string }
export type ImportRowPreview = {
  line: number
  ags: string
  county: string
  ozgId: string
  service: string
  kind: 'new' | 'changed'
  changes: ImportChange[]
}
export type ImportPreview = {
  fileName: string
  format: 'csv' | 'xlsx'
  rowCount: number
  counts: { new: number; changed: number; unchanged: number }
  rows: ImportRowPreview[]
  errors: ImportIssue[]
  errorCount: number
  /** Set when the whole file is refused (another county's rows for an editor). */
  refused: string | null
  notes: string[]
  /** Hash of the planned changes: confirming applies exactly what the preview showed. */
  fingerprint: string
}

type Planned = {
  line: number
  countyId: number
  serviceId: number
  statusId: number | null
  version: number | null
  values: StatusValues
  diff: StatusDiff
}

export function isXlsx(file: ImportFile) {
  // XLSX is a ZIP archive: "PK\3\4".
  const b = file.bytes
  return (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) || /\.xlsx$/i.test(file.name)
}

class ImportFileError extends Error {
  constructor(
    message: string,
    public line: number | null = null,
  ) {
    super(message)
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the file into header + rows of strings, whatever its format.
async function readTable(file: ImportFile): Promise<CsvTable & { format: 'csv' | 'xlsx' }> {
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportFileError(`Die Datei ist zu groß: höchstens ${MAX_IMPORT_LABEL} sind erlaubt. Teilen Sie sie auf oder importieren Sie nur die Zeilen eines Kreises.`)
  }
  if (file.bytes.byteLength === 0) throw new ImportFileError('Die Datei ist leer.')
  if (isXlsx(file)) return { ...(await readXlsx(file.bytes)), format: 'xlsx' }
  try {
    return { ...readCsv(file.bytes), format: 'csv' }
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(error.message, error.line ?? null)
    throw error
  }
}

function cellText(value: ExcelJS.CellValue, column: string): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'number') return column === 'einmalkosten_eur' || column === 'jahreskosten_eur' ? value.toFixed(2) : String(value)
  if (typeof value === 'boolean') return value ? 'ja' : 'nein'
  if (typeof value === 'string') return value
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue, column)
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
  }
  return String(value)
}

async function readXlsx(bytes: Uint8Array): Promise<CsvTable> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never)
  } catch {
    throw new ImportFileError('Die Datei lässt sich nicht als Excel-Arbeitsmappe (XLSX) lesen. Speichern Sie sie in Excel erneut als „Excel-Arbeitsmappe (*.xlsx)“ oder als „CSV UTF-8“.')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet || sheet.rowCount === 0) throw new ImportFileError('Die Arbeitsmappe enthält keine Tabelle.')
  const headerRow = sheet.getRow(1)
  const headers: string[] = []
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value, '').trim()
  })
  const rows: CsvTable['rows'] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const values: Record<string, string> = {}
    headers.forEach((name, i) => {
      if (name) values[name] = cellText(row.getCell(i + 1).value, name)
    })
    if (Object.values(values).every((v) => v.trim() === '')) return
    rows.push({ line: rowNumber, values })
  })
  return { headers: headers.filter(Boolean), delimiter: ';', rows }
}

// ---------------------------------------------------------------------------------------------
// Reference data the rows are checked against: one query each, not one per row.
async function loadReferences(agsInFile: string[]) {
  const db = await getDb()
  const [countyRows, serviceRows, osRows, fvRows] = await Promise.all([
    db.select({ id: counties.id, ags: counties.ags, name: counties.name }).from(counties).where(eq(counties.isMember, true)),
    db.select({ id: services.id, ozgId: services.ozgId, name: services.name, retiredAt: services.retiredAt }).from(services),
    db.select({ id: onlineServices.id, name: onlineServices.name, kind: onlineServices.kind, maturityModel: onlineServices.maturityModel }).from(onlineServices),
    db
      .select({ id: fachverfahren.id, name: fachverfahren.name, vendor: vendors.name })
      .from(fachverfahren)
      .innerJoin(vendors, eq(vendors.id, fachverfahren.vendorId)),
  ])
  const countyByAgs = new Map(countyRows.map((c) => [c.ags, c]))
  const ids = agsInFile.map((a) => countyByAgs.get(a)?.id).filter((id): id is number => id !== undefined)
  const statusRows = ids.length
    ? await db
        .select({
          id: statuses.id,
          countyId: statuses.countyId,
          serviceId: statuses.serviceId,
          version: statuses.version,
          ...valueColumns,
        })
        .from(statuses)
        .where(inArray(statuses.countyId, ids))
    : []
  const statusByKey = new Map(statusRows.map((s) => [`${s.countyId}:${s.serviceId}`, { id: s.id, version: s.version, values: toStatusValues(s as never) }]))
  const osByName = new Map<string, OnlineServiceRef>(
    osRows.map((o) => [o.name.toLowerCase(), { id: o.id, name: o.name, kind: o.kind as OnlineServiceKindCode, maturityModel: o.maturityModel as MaturityModelCode }]),
  )
  const fvByName = new Map<string, { id: number; name: string; vendor: string }[]>()
  for (const f of fvRows) {
    const key = f.name.toLowerCase()
    fvByName.set(key, [...(fvByName.get(key) ?? []), f])
  }
  return {
    countyByAgs,
    serviceByOzgId: new Map(serviceRows.map((s) => [s.ozgId, s])),
    statusByKey,
    osNames: new Map(osRows.map((o) => [o.id, o.name])),
    fvNames: new Map(fvRows.map((f) => [f.id, f.name])),
    lookupOnlineService: (raw: string) => osByName.get(raw.toLowerCase()),
    // `hersteller` tells two Fachverfahren of the same name apart (DESIGN.md). The schema hands
    // lookups only its own columns, so the caller passes the row's vendor beside the name.
    lookupFachverfahren: (raw: string, vendorName: string): FachverfahrenRef | undefined => {
      const candidates = fvByName.get(raw.toLowerCase()) ?? []
      const vendor = vendorName.trim().toLowerCase()
      const matching = vendor ? candidates.filter((c) => c.vendor.toLowerCase() === vendor) : candidates
      return matching.length === 1 ? { id: matching[0].id, name: matching[0].name } : undefined
    },
  }
}

// Excel turns „03351“ into the number 3351 when a user opens and saves the CSV: the leading
// zero of a 5- or 8-digit AGS is restored, since no AGS has 4 or 7 digits.
function normaliseAgs(raw: string) {
  const ags = raw.trim()
  return /^\d{4}$/.test(ags) || /^\d{7}$/.test(ags) ? `0${ags}` : ags
}

// ---------------------------------------------------------------------------------------------
function fingerprintOf(planned: Planned[]): string {
  const hash = createHash('sha256')
  for (const p of planned) hash.update(JSON.stringify([p.countyId, p.serviceId, p.version, p.diff]))
  return hash.digest('hex')
}

async function analyse(file: ImportFile, user: SessionUser): Promise<{ preview: ImportPreview; planned: Planned[] }> {
  const empty = (partial: Partial<ImportPreview>): { preview: ImportPreview; planned: Planned[] } => ({
    preview: {
      fileName: file.name,
      format: isXlsx(file) ? 'xlsx' : 'csv',
      rowCount: 0,
      counts: { new: 0, changed: 0, unchanged: 0 },
      rows: [],
      errors: [],
      errorCount: 0,
      refused: null,
      notes: [],
      fingerprint: '',
      ...partial,
    },
    planned: [],
  })

  let table: Awaited<ReturnType<typeof readTable>>
  try {
    table = await readTable(file)
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error
    return empty({ errors: [{ line: error.line, column: null, message: error.message }], errorCount: 1 })
  }

  const notes: string[] = []
  const missing = REQUIRED_COLUMNS.filter((c) => !table.headers.includes(c))
  if (missing.length > 0) {
    return empty({
      format: table.format,
      errors: [
        {
          line: 1,
          column: null,
          message: `In der Kopfzeile fehlen die Spalten ${missing.map((c) => `„${c}“`).join(', ')}. Die erste Zeile muss die Spaltennamen des Formats enthalten; am einfachsten exportieren Sie die Liste und bearbeiten diese Datei.`,
        },
      ],
      errorCount: 1,
    })
  }
  const unknown = table.headers.filter((h) => !KNOWN_COLUMNS.has(h))
  if (unknown.length > 0) notes.push(`Diese Spalten kennt das Format nicht; sie werden ignoriert: ${unknown.map((c) => `„${c}“`).join(', ')}.`)
  if (table.rows.length === 0) return empty({ format: table.format, errors: [{ line: null, column: null, message: 'Die Datei enthält nur die Kopfzeile und keine Zeilen.' }], errorCount: 1 })

  const refs = await loadReferences([...new Set(table.rows.map((r) => normaliseAgs(r.values.ags ?? '')))])
  // Parsing is synchronous: the lookup reads the vendor of the row being parsed from here.
  let rowVendor = ''
  // One schema per maturity model (the only per-row part of the context), not one per row.
  const schemas = new Map<string, ReturnType<typeof statusInputSchema>>()
  const schemaFor = (model: MaturityModelCode | undefined) => {
    const key = model ?? ''
    let schema = schemas.get(key)
    if (!schema) {
      schema = statusInputSchema({
        lookupOnlineService: refs.lookupOnlineService,
        lookupFachverfahren: (raw) => refs.lookupFachverfahren(raw, rowVendor),
        defaultMaturityModel: model,
      })
      schemas.set(key, schema)
    }
    return schema
  }
  const errors: ImportIssue[] = []
  const foreignLines: number[] = []
  const seen = new Map<string, number>()
  const planned: Planned[] = []
  let unchanged = 0
  const rows: ImportRowPreview[] = []

  for (const { line, values } of table.rows) {
    const ags = normaliseAgs(values.ags ?? '')
    const ozgId = (values.ozg_id ?? '').trim()
    const county = refs.countyByAgs.get(ags)
    const service = refs.serviceByOzgId.get(ozgId)
    let keyOk = true
    if (!county) {
      keyOk = false
      errors.push({
        line,
        column: 'ags',
        message: ags === '' ? 'Der AGS fehlt. Jede Zeile braucht den AGS ihres Kreises, z. B. 03351.' : `Einen Kreis mit dem AGS „${ags}“ gibt es in der Community nicht. Prüfen Sie den AGS (5 Ziffern, mit führender Null, z. B. 03351).`,
      })
    } else if (!canEditCounty(user, county.id)) {
      foreignLines.push(line)
      continue
    }
    if (!service) {
      keyOk = false
      errors.push({
        line,
        column: 'ozg_id',
        message: ozgId === '' ? 'Die OZG-ID fehlt. Jede Zeile braucht die OZG-ID der Leistung, z. B. 10000.' : `Eine Leistung mit der OZG-ID „${ozgId}“ gibt es im Katalog nicht. Prüfen Sie die OZG-ID (5 Ziffern).`,
      })
    } else if (service.retiredAt) {
      keyOk = false
      errors.push({ line, column: 'ozg_id', message: `Die Leistung ${ozgId} („${service.name}“) ist ausgesondert und wird nicht mehr gepflegt. Entfernen Sie die Zeile.` })
    }
    if (!keyOk || !county || !service) continue
    const key = `${county.id}:${service.id}`
    const first = seen.get(key)
    if (first !== undefined) {
      errors.push({ line, column: 'ozg_id', message: `Die Leistung ${ozgId} für den Kreis ${ags} steht schon in Zeile ${first}. Jede Leistung darf je Kreis nur einmal vorkommen.` })
      continue
    }
    seen.set(key, line)

    const current = refs.statusByKey.get(key)
    rowVendor = values.hersteller ?? ''
    const parsed = schemaFor(current?.values.maturityModel).safeParse(values)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line, column: String(issue.path[0] ?? ''), message: issue.message })
      continue
    }
    const base = current?.values ?? toStatusValues({ approach: 'pending', stage: 'planned', maturityModel: '1.1' } as never)
    const diff = diffStatus(base, parsed.data)
    if (current && Object.keys(diff).length === 0) {
      unchanged++
      continue
    }
    planned.push({ line, countyId: county.id, serviceId: service.id, statusId: current?.id ?? null, version: current?.version ?? null, values: parsed.data, diff })
    if (rows.length < PREVIEW_LIST_LIMIT) {
      const names = { onlineServices: refs.osNames, fachverfahren: refs.fvNames }
      rows.push({
        line,
        ags,
        county: county.name,
        ozgId,
        service: service.name,
        kind: current ? 'changed' : 'new',
        changes: (Object.entries(diff) as [StatusField, { from: unknown; to: unknown }][]).map(([field, change]) => ({
          field,
          label: FIELD_LABEL[field],
          from: displayValue(field, change.from, names),
          to: displayValue(field, change.to, names),
        })),
      })
    }
  }

  let refused: string | null = null
  if (foreignLines.length > 0) {
    const shown = foreignLines.slice(0, 10).join(', ') + (foreignLines.length > 10 ? ` und ${foreignLines.length - 10} weitere` : '')
    refused =
      `Die Datei enthält Zeilen anderer Kreise (Zeile ${shown}). Sie dürfen nur Zeilen Ihres eigenen Kreises` +
      `${user.countyAgs ? ` (AGS ${user.countyAgs})` : ''} importieren; deshalb wurde die ganze Datei abgelehnt. ` +
      'Entfernen Sie die fremden Zeilen oder exportieren Sie nur Ihren Kreis.'
  }
  return {
    preview: {
      fileName: file.name,
      format: table.format,
      rowCount: table.rows.length,
      counts: { new: planned.filter((p) => p.statusId === null).length, changed: planned.filter((p) => p.statusId !== null).length, unchanged },
      rows,
      errors: errors.slice(0, PREVIEW_LIST_LIMIT),
      errorCount: errors.length,
      refused,
      notes,
      fingerprint: fingerprintOf(planned),
    },
    planned,
  }
}

/** What the file would change; nothing is written. */
export async function previewImport(file: ImportFile, user: SessionUser): Promise<ImportPreview> {
  return (await analyse(file, user)).preview
}

export type ApplyImportResult =
  | { ok: true; changed: number; created: number; preview: ImportPreview }
  | { ok: false; reason: 'invalid' | 'stale'; preview: ImportPreview; message: string }

/**
 * Applies the file all or nothing. `fingerprint` is the preview's: if the data changed in the
 * meantime (someone edited a row), the new preview comes back instead of a surprise.
 */
export async function applyImport(file: ImportFile, user: SessionUser, fingerprint: string): Promise<ApplyImportResult> {
  const { preview, planned } = await analyse(file, user)
  if (preview.refused || preview.errorCount > 0) {
    return { ok: false, reason: 'invalid', preview, message: 'Die Datei enthält Fehler; es wurde nichts übernommen.' }
  }
  if (preview.fingerprint !== fingerprint) {
    return {
      ok: false,
      reason: 'stale',
      preview,
      message: 'Seit der Vorschau wurden Zeilen geändert. Prüfen Sie die aktualisierte Vorschau und bestätigen Sie erneut.',
    }
  }
  const db = await getDb()
  try {
    await db.transaction(async (tx) => {
      // Rows for a county × service that has none yet (e.g. a county added after the catalogue)
      // start as the defaults and then take the file's values through the same write path.
      const created = planned.filter((p) => p.statusId === null)
      const ids = new Map<string, number>()
      if (created.length > 0) {
        const inserted = await tx
          .insert(statuses)
          .values(created.map((p) => ({ countyId: p.countyId, serviceId: p.serviceId, updatedBy: user.id })))
          .returning({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId })
        for (const r of inserted) ids.set(`${r.countyId}:${r.serviceId}`, r.id)
      }
      await applyStatusChanges(
        tx,
        planned.map((p) => ({
          statusId: p.statusId ?? ids.get(`${p.countyId}:${p.serviceId}`)!,
          set: p.values,
          ...(p.version !== null ? { expectedVersion: p.version } : {}),
        })),
        { id: user.id },
        { comment: `Import ${file.name}`, source: 'import' },
      )
    })
  } catch (error) {
    if (error instanceof StatusConflictError) {
      const again = await analyse(file, user)
      return { ok: false, reason: 'stale', preview: again.preview, message: 'Während des Imports wurde eine Zeile geändert. Es wurde nichts übernommen; prüfen Sie die aktualisierte Vorschau.' }
    }
    if (error instanceof StatusRuleError) {
      return { ok: false, reason: 'invalid', preview, message: `Es wurde nichts übernommen: ${error.message}` }
    }
    throw error
  }
  return { ok: true, changed: preview.counts.changed, created: preview.counts.new, preview }
}

// ---------------------------------------------------------------------------------------------
// Keeping the file between preview and confirmation. The page carries the file itself (gzip +
// base64) in a hidden field, sealed with an HMAC over the user, file name, content and preview
// fingerprint. The server stays stateless (several app servers, no upload table), the user does
// not upload twice, and a tampered or foreign field is refused. SESSION_SECRET keys the HMAC; the
// zero-setup demo without one uses a per-process random key (one server only).
let processSecret: Buffer | undefined
function secret(): Buffer {
  const configured = env().SESSION_SECRET
  if (configured) return Buffer.from(`import:${configured}`)
  processSecret ??= randomBytes(32)
  return processSecret
}

function mac(userId: number, name: string, payload: string, fingerprint: string) {
  return createHmac('sha256', secret()).update(JSON.stringify([userId, name, fingerprint, payload])).digest('base64url')
}

export type SealedImport = { name: string; payload: string; fingerprint: string; signature: string }

export function sealImportFile(file: ImportFile, fingerprint: string, userId: number): SealedImport {
  const payload = gzipSync(file.bytes).toString('base64')
  return { name: file.name, payload, fingerprint, signature: mac(userId, file.name, payload, fingerprint) }
}

/** The file back from its sealed form, or null when the seal does not match this user. */
export function openImportFile(sealed: SealedImport, userId: number): ImportFile | null {
  const expected = Buffer.from(mac(userId, sealed.name, sealed.payload, sealed.fingerprint))
  const given = Buffer.from(sealed.signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    return { name: sealed.name, bytes: new Uint8Array(gunzipSync(Buffer.from(sealed.payload, 'base64'))) }
  } catch {
    return null
  }
}

