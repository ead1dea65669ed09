// The status list file format of DESIGN.md: its columns in order and the mapping between a
// status row (codes, numbers, dates) and the German words of the file. Pure: no I/O, so the
// export, the import preview and the tests share it.
import { z } from 'zod'
import { CountyRowQuery } from './status'
import { STATUS_FIELDS, type StatusFieldEntry, type StatusFieldSpec, type StatusValues } from './status-fields'
import { emptyToUndefined } from './text'
import { AGS_PATTERN } from './rules'

// The file's columns: the row's key and names for humans, then every file field of the table in
// its order, with `hersteller` after `fachverfahren` (it tells two Fachverfahren of the same name
// apart, DESIGN.md).
type FileField = Exclude<StatusFieldEntry, { inFile: false }>
type ReferenceField = Extract<FileField, { type: 'reference' }>
const KEY_COLUMNS = ['ags', 'kreis', 'ozg_id', 'leistung'] as const
const VENDOR_COLUMN = 'hersteller'
export type StatusCsvColumn = (typeof KEY_COLUMNS)[number] | typeof VENDOR_COLUMN | FileField['column']
export type StatusCsvRecord = Record<StatusCsvColumn, string>

/** The table's fields that are columns of the status list file, in file order. */
export const STATUS_FILE_FIELDS: readonly StatusFieldSpec[] = (STATUS_FIELDS as readonly StatusFieldSpec[]).filter((f) => f.inFile !== false)

export const STATUS_CSV_COLUMNS: readonly StatusCsvColumn[] = [
  ...KEY_COLUMNS,
  ...STATUS_FILE_FIELDS.flatMap((f) => (f.ref === 'fachverfahren' ? [f.column, VENDOR_COLUMN] : [f.column]) as StatusCsvColumn[]),
]

/** A status row as the export query returns it: codes, numeric strings, ISO dates, joined names. */
export type StatusExportRow = { ags: string; countyName: string; ozgId: string; serviceName: string; vendor: string | null } & Omit<
  StatusValues,
  ReferenceField['name'] | Exclude<StatusFieldEntry, FileField>['name']
> &
  Record<ReferenceField['ref'], string | null>

/** `1234.5` or `"1234.50"` → `1234,50`; the file uses the decimal comma German Excel expects. */
export function formatAmount(value: string | number | null): string {
  if (value === null || value === '') return ''
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(n)) return ''
  return n.toFixed(2).replace('.', ',')
}

/** ISO dates stay ISO: unambiguous, and Excel reads them as dates too. */
export function formatDate(value: string | Date | null): string {
  if (!value) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return value.slice(0, 10)
}

export function formatBoolean(value: boolean | null): string {
  return value === null ? '' : value ? 'ja' : 'nein'
}

/** A field's cell in the status list file: German words, ISO dates, decimal comma, names. */
export function fileCell(f: StatusFieldSpec, row: StatusExportRow): string {
  const value = f.ref ? row[f.ref] : (row as Record<string, unknown>)[f.name]
  if (value === null || value === undefined) return ''
  switch (f.type) {
    case 'enum':
      return f.set!.value(value as string)
    case 'date':
      return formatDate(value as string)
    case 'amount':
      return formatAmount(value as string)
    case 'boolean':
      return formatBoolean(value as boolean)
    default:
      return String(value)
  }
}

export function toCsvRecord(row: StatusExportRow): StatusCsvRecord {
  // In the file's column order: the API's JSON shows its keys in this order.
  const record: Record<string, string> = { ags: row.ags, kreis: row.countyName, ozg_id: row.ozgId, leistung: row.serviceName }
  for (const f of STATUS_FILE_FIELDS) {
    record[f.column] = fileCell(f, row)
    if (f.ref === 'fachverfahren') record[VENDOR_COLUMN] = row.vendor ?? ''
  }
  return record as StatusCsvRecord
}

/** A field's value where a workbook or JSON keeps types: numbers and booleans as such, other
 *  fields as their file cell; an empty cell is null. */
export function typedFileValue(f: StatusFieldSpec, row: StatusExportRow): string | number | boolean | null {
  const value = f.ref ? row[f.ref] : (row as Record<string, unknown>)[f.name]
  if (value === null || value === undefined) return null
  switch (f.type) {
    case 'maturity':
    case 'count':
      return value as number
    case 'amount':
      return Number(value)
    case 'boolean':
      return value as boolean
    default:
      return fileCell(f, row) || null
  }
}

/** The key and name columns and `hersteller` by their file column, as text or null. */
export function keyCells(row: StatusExportRow): Record<string, string | null> {
  return { ags: row.ags, kreis: row.countyName, ozg_id: row.ozgId, leistung: row.serviceName, [VENDOR_COLUMN]: row.vendor }
}

/** RFC 4180: quote a field that holds the separator, a quote or a line break; double quotes. */
export function quoteCsvField(value: string, separator = ';'): string {
  if (value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replace(/"/g, '""')}"`
  }
  return value
}

// OWASP "CSV injection": a spreadsheet evaluates a cell that starts with = + - @ (tab and CR
// start one in some of them) as a formula, so a note typed by one county could run in every
// county that opens the export. Such text is written with a leading apostrophe, which the
// spreadsheet shows as text. Apostrophes already in front of such a start are counted too, so
// that a note that really begins with „'=“ survives the way back: decode(encode(x)) === x for
// every text.
const FORMULA_START = /^'*[=+\-@\t\r]/

/** A free-text cell as a CSV file carries it: guarded against formula evaluation. */
export function encodeCsvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** The text a CSV cell written by encodeCsvText() stands for: removes exactly the one guard. */
export function decodeCsvText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell
}

/**
 * The columns holding free text (names, notes). Only these are guarded: the other columns hold
 * codes, dates and numbers the app formats itself, and a number such as -5 must stay a number.
 */
export const STATUS_CSV_TEXT_COLUMNS: ReadonlySet<StatusCsvColumn> = new Set<StatusCsvColumn>([
  'kreis',
  'leistung',
  VENDOR_COLUMN,
  ...STATUS_FILE_FIELDS.filter((f) => f.type === 'text' || f.type === 'reference').map((f) => f.column as StatusCsvColumn),
])

export const CSV_BOM = '\uFEFF'

/**
 * Every CSV file the app writes, as German Excel writes it: BOM, `;`, CRLF after every record,
 * the text columns guarded against formulas, quoted per RFC 4180.
 */
export function formatCsv<C extends string>(columns: readonly C[], records: Iterable<Record<C, string>>, textColumns: ReadonlySet<C>): string {
  const lines = [columns.join(';')]
  for (const record of records) {
    lines.push(columns.map((c) => quoteCsvField(textColumns.has(c) ? encodeCsvText(record[c]) : record[c])).join(';'))
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n'
}

/** The status list file. */
export function formatStatusCsv(records: Iterable<StatusCsvRecord>): string {
  return formatCsv(STATUS_CSV_COLUMNS, records, STATUS_CSV_TEXT_COLUMNS)
}

// ---------------------------------------------------------------------------------------------
// The filter of the county page (its one schema, CountyRowQuery), plus the county, shared by
// /export and /api/v1/statuses. Values are accepted as the German file words
// (`umsetzungsweg=eigen`) and as codes (`own`), so a link from the county page and a
// hand-written API call both work.
export const StatusFilter = CountyRowQuery.pick({
  umsetzungsweg: true,
  fortschritt: true,
  schnittstellenstatus: true,
  hersteller: true,
  fachverfahren: true,
  themenfeld: true,
  veraltet: true,
  q: true,
}).extend({
  kreis: z.preprocess(
    emptyToUndefined,
    z.string().regex(AGS_PATTERN, 'Der Kreis wird mit seinem AGS angegeben, z. B. 03351.').optional(),
  ),
})
export type StatusFilter = z.infer<typeof StatusFilter>

