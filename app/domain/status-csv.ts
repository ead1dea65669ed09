// The status list file format of DESIGN.md: its columns in order and the mapping between a
// status row (codes, numbers, dates) and the German words of the file. Pure: no I/O, so the
// export, the import preview and the tests share it.
import { z } from 'zod'
import {
  Approach,
  Connection,
  Funding,
  InterfaceStatus,
  InternalProcessing,
  PendingPlan,
  Stage,
  type ApproachCode,
  type ConnectionCode,
  type FundingCode,
  type InterfaceStatusCode,
  type InternalProcessingCode,
  type PendingPlanCode,
  type StageCode,
} from './enums'
import { CountyRowQuery } from './status'

export const STATUS_CSV_COLUMNS = [
  'ags',
  'kreis',
  'ozg_id',
  'leistung',
  'umsetzungsweg',
  'planung',
  'online_dienst',
  'anbindung',
  'fortschritt',
  'reifegrad',
  'online_seit',
  'zieltermin',
  'fachverfahren',
  'hersteller',
  'schnittstellenstandard',
  'schnittstellenstatus',
  'ende_zu_ende',
  'interne_verarbeitung',
  'finanzierung',
  'einmalkosten_eur',
  'jahreskosten_eur',
  'finanzierungsnotiz',
  'antraege_pro_jahr',
  'kontakt',
  'notiz',
] as const
export type StatusCsvColumn = (typeof STATUS_CSV_COLUMNS)[number]
export type StatusCsvRecord = Record<StatusCsvColumn, string>

/** A status row as the export query returns it: codes, numeric strings, ISO dates, joined names. */
export type StatusExportRow = {
  ags: string
  countyName: string
  ozgId: string
  serviceName: string
  approach: ApproachCode
  pendingPlan: PendingPlanCode | null
  onlineService: string | null
  connection: ConnectionCode | null
  stage: StageCode
  maturity: number | null
  onlineSince: string | null
  targetDate: string | null
  fachverfahren: string | null
  vendor: string | null
  interfaceStandard: string | null
  interfaceStatus: InterfaceStatusCode | null
  endToEnd: boolean | null
  internalProcessing: InternalProcessingCode | null
  funding: FundingCode | null
  costOneOff: string | null
  costAnnual: string | null
  fundingNote: string | null
  applicationsPerYear: number | null
  contact: string | null
  note: string | null
}

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

export function toCsvRecord(row: StatusExportRow): StatusCsvRecord {
  return {
    ags: row.ags,
    kreis: row.countyName,
    ozg_id: row.ozgId,
    leistung: row.serviceName,
    umsetzungsweg: Approach.value(row.approach),
    planung: PendingPlan.value(row.pendingPlan),
    online_dienst: row.onlineService ?? '',
    anbindung: Connection.value(row.connection),
    fortschritt: Stage.value(row.stage),
    reifegrad: row.maturity === null ? '' : String(row.maturity),
    online_seit: formatDate(row.onlineSince),
    zieltermin: formatDate(row.targetDate),
    fachverfahren: row.fachverfahren ?? '',
    hersteller: row.vendor ?? '',
    schnittstellenstandard: row.interfaceStandard ?? '',
    schnittstellenstatus: InterfaceStatus.value(row.interfaceStatus),
    ende_zu_ende: formatBoolean(row.endToEnd),
    interne_verarbeitung: InternalProcessing.value(row.internalProcessing),
    finanzierung: Funding.value(row.funding),
    einmalkosten_eur: formatAmount(row.costOneOff),
    jahreskosten_eur: formatAmount(row.costAnnual),
    finanzierungsnotiz: row.fundingNote ?? '',
    antraege_pro_jahr: row.applicationsPerYear === null ? '' : String(row.applicationsPerYear),
    kontakt: row.contact ?? '',
    notiz: row.note ?? '',
  }
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
  'online_dienst',
  'fachverfahren',
  'hersteller',
  'schnittstellenstandard',
  'finanzierungsnotiz',
  'kontakt',
  'notiz',
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
    (v) => (v === '' || v === null ? undefined : v),
    z.string().regex(/^([0-9]{5}|[0-9]{8})$/, 'Der Kreis wird mit seinem AGS angegeben, z. B. 03351.').optional(),
  ),
})
export type StatusFilter = z.infer<typeof StatusFilter>

