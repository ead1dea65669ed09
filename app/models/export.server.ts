// One query for the status list in the file format's shape: used by /export (CSV, XLSX) and by
// the JSON API's /statuses. Filters are those of the county page.
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm'
import { counties, fachverfahren, onlineServices, services, statuses, vendors } from '../../db/schema'
import ExcelJS from 'exceljs'
import type { FieldType, StatusFieldSpec } from '~/domain/status-fields'
import { fileCell, keyCells, STATUS_CSV_COLUMNS, STATUS_FILE_FIELDS, typedFileValue, type StatusExportRow, type StatusFilter } from '~/domain/status-csv'
import { getDb, type Db, type Tx } from '~/utils/db.server'
import { containsPattern, interfaceFilterConditions, isStale } from './sql.server'
import { fileValueColumns } from './status-columns.server'

function filterConditions(filter: StatusFilter): SQL | undefined {
  const conditions: SQL[] = [eq(counties.isMember, true), isNull(services.retiredAt)]
  if (filter.kreis) conditions.push(eq(counties.ags, filter.kreis))
  if (filter.umsetzungsweg) conditions.push(eq(statuses.approach, filter.umsetzungsweg))
  if (filter.fortschritt) conditions.push(eq(statuses.stage, filter.fortschritt))
  conditions.push(...interfaceFilterConditions(filter))
  if (filter.themenfeld) conditions.push(eq(services.themeId, filter.themenfeld))
  if (filter.q) {
    const byText: SQL[] = [ilike(services.name, containsPattern(filter.q))]
    if (/^\d{1,5}$/.test(filter.q)) byText.push(sql`${services.ozgId} like ${`${filter.q}%`}`)
    conditions.push(or(...byText)!)
  }
  if (filter.veraltet !== undefined) {
    // As the KPIs count it: applicable rows never or long not confirmed.
    conditions.push(filter.veraltet ? isStale : sql`not ${isStale}`)
  }
  return and(...conditions)
}

// The file's columns: the row's key, the value columns of the field table, and the names of the
// referenced catalogue entries in place of their ids.
const exportColumns = {
  ags: counties.ags,
  countyName: counties.name,
  ozgId: services.ozgId,
  serviceName: services.name,
  ...fileValueColumns,
  onlineService: onlineServices.name,
  fachverfahren: fachverfahren.name,
  vendor: vendors.name,
}

function selectRows(db: Db | Tx) {
  return db
    .select(exportColumns)
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .leftJoin(onlineServices, eq(onlineServices.id, statuses.onlineServiceId))
    .leftJoin(fachverfahren, eq(fachverfahren.id, statuses.fachverfahrenId))
    .leftJoin(vendors, eq(vendors.id, fachverfahren.vendorId))
}

/** Status rows in file order (county AGS, then OZG-ID); all of them unless a page is given. */
export async function listStatusRows(filter: StatusFilter, page?: { limit: number; offset: number }): Promise<StatusExportRow[]> {
  const db = await getDb()
  const query = selectRows(db).where(filterConditions(filter)).orderBy(asc(counties.ags), asc(services.ozgId))
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query
  return rows satisfies StatusExportRow[]
}

export async function countStatusRows(filter: StatusFilter): Promise<number> {
  const db = await getDb()
  const [{ total }] = await db
    .select({ total: count() })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(filterConditions(filter))
  return Number(total)
}

/** The county's name for a file name and heading; null when the AGS is not a member. */
export async function findMemberCounty(ags: string) {
  const db = await getDb()
  const [row] = await db
    .select({ id: counties.id, ags: counties.ags, name: counties.name })
    .from(counties)
    .where(and(eq(counties.ags, ags), eq(counties.isMember, true)))
  return row ?? null
}

// ---------------------------------------------------------------------------------------------
// XLSX: one sheet with the file format's columns, a styled header and typed cells (numbers are
// numbers, dates are dates; AGS and OZG-ID stay text so their leading zeros survive).
const NUMBER_FORMAT: Partial<Record<FieldType, string>> = { amount: '#,##0.00', date: 'dd.mm.yyyy', maturity: '0', count: '0' }

function xlsxValue(f: StatusFieldSpec, row: StatusExportRow): string | number | Date | null {
  const value = typedFileValue(f, row)
  if (value === null) return null
  if (f.type === 'date') return new Date(`${String(value).slice(0, 10)}T00:00:00Z`)
  // ja/nein stay words, as in the CSV file.
  if (f.type === 'boolean') return fileCell(f, row)
  return value as string | number
}

export async function buildStatusXlsx(rows: StatusExportRow[]): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'OZG-Radar'
  const sheet = workbook.addWorksheet('Umsetzungsstand', { views: [{ state: 'frozen', ySplit: 1 }] })
  const byColumn = new Map(STATUS_FILE_FIELDS.map((f) => [f.column as string, f]))
  sheet.columns = STATUS_CSV_COLUMNS.map((key) => ({
    header: key,
    key,
    width: key === 'leistung' || key === 'notiz' ? 40 : Math.max(12, key.length + 4),
    style: { numFmt: NUMBER_FORMAT[byColumn.get(key)?.type ?? 'text'] ?? '@' },
  }))
  for (const row of rows) {
    const values: Record<string, string | number | Date | null> = keyCells(row)
    for (const f of STATUS_FILE_FIELDS) values[f.column] = xlsxValue(f, row)
    sheet.addRow(values)
  }
  const header = sheet.getRow(1)
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B5394' } }
  header.alignment = { vertical: 'middle' }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: STATUS_CSV_COLUMNS.length } }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer
}
