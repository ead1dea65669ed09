// The analysis of a status list file: its header, then its rows in batches against the current
// rows; collects the preview (new, changed, unchanged rows and every error by line and column)
// and the planned changes. A changed row is parsed by the one StatusInput schema.
import { createHash } from 'node:crypto'
import type { MaturityModelCode } from '~/domain/enums'
import { excerpt } from '~/domain/excerpt'
import type { SessionUser } from '~/domain/permissions'
import { canEditCounty } from '~/domain/permissions'
import { diffStatus, displayValue, FIELD_LABEL, STATUS_INPUT_FIELDS, statusInputSchema, todayIso, type StatusField, type StatusValues } from '~/domain/status'
import { decodeCsvText, encodeCsvText, STATUS_CSV_COLUMNS, STATUS_CSV_TEXT_COLUMNS, toCsvRecord, type StatusCsvColumn } from '~/domain/status-csv'
import { NEW_STATUS_VALUES } from '~/domain/status-values'
import { CsvError } from '~/utils/csv.server'
import type { CsvRecord } from '~/utils/csv-stream.server'
import { CurrentRows, loadReferences, PairMap, type CurrentRow, type References } from './import-current.server'
import { ImportFileError, isXlsx, MAX_STATUS_IMPORT_BYTES, readImportRows, STATUS_IMPORT_TOO_LARGE, type ImportIssue, type Source } from './import-file.server'

/** Errors and changed rows shown on the page; the counts are always complete. */
export const PREVIEW_LIST_LIMIT = 500
/** Rows parsed, looked up (one query) and compared at a time. */
const BATCH_ROWS = 5000
/** With the current rows loaded at once, no query per batch: small batches (from small chunks)
 *  keep rows short-lived, so the garbage collector frees them young instead of promoting them. */
const BATCH_ROWS_LOADED = 100

// kreis, leistung (for humans) and hersteller (only to tell two Fachverfahren apart) may be left out.
const OPTIONAL_COLUMNS = new Set(['kreis', 'leistung', 'hersteller', 'reifegradmodell'])
const REQUIRED_COLUMNS = STATUS_CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c))
// The form's columns that the file may carry although the export does not write them.
const KNOWN_COLUMNS = new Set<string>([...STATUS_CSV_COLUMNS, ...STATUS_INPUT_FIELDS])
/** The columns whose text decides a row's values (ags and ozg_id are its key). */
const VALUE_COLUMNS: StatusCsvColumn[] = STATUS_CSV_COLUMNS.filter((c) => c !== 'ags' && c !== 'ozg_id' && c !== 'kreis' && c !== 'leistung')

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
  /** Hash of the planned changes. */
  fingerprint: string
  /** Confirms exactly these changes (signed, bound to the user); null when there is nothing to apply. */
  token: string | null
}

/** One row's change as stored between preview and confirmation. */
export type PlannedChange = {
  countyId: number
  serviceId: number
  /** null: the county × service has no row yet. */
  statusId: number | null
  version: number | null
  /** A changed row: only the differing fields; a new row: all of them. */
  set: Partial<StatusValues>
}

const NEW_ROW: StatusValues = NEW_STATUS_VALUES

function normaliseAgs(raw: string) {
  const ags = raw.trim()
  return (ags.length === 4 || ags.length === 7) && /^\d+$/.test(ags) ? `0${ags}` : ags
}

// ---------------------------------------------------------------------------------------------
// The analysis: header, then rows in batches; collects the preview and the planned changes.

export type Analysis = { preview: ImportPreview; plan: { json: string; length: number } }

// A cell's string is a slice of the decoded chunk it came from: kept as it is, it would keep that
// whole chunk alive. What outlives a batch is copied out through JSON.
function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

type Item = { record: CsvRecord; ags: string; ozgId: string; county?: { id: number; name: string }; service?: { id: number; name: string }; issues: ImportIssue[] }

class Analyser {
  readonly errors: ImportIssue[] = []
  errorCount = 0
  /** The first lines of other counties (for the message) and how many there are. */
  readonly foreignLines: number[] = []
  foreignCount = 0
  /** Each planned change as JSON text: compact, and free of the chunks' strings. */
  readonly plan: string[] = []
  readonly rows: ImportRowPreview[] = []
  unchanged = 0
  created = 0
  rowCount = 0
  private readonly seen = new PairMap<number>()
  private readonly hash = createHash('sha256')
  private column = new Map<string, number>()
  private headers: string[] = []
  /** Each value column with its position in the file (undefined: not in the file) and whether
   *  its cells carry the formula guard of the CSV format. */
  private valueColumns: [StatusCsvColumn, number | undefined, boolean][] = []
  /** A CSV file guards its text cells against formulas (encodeCsvText); a workbook's text cells
   *  are typed as text and carry no guard. Set before the header. */
  guardsText = false
  private modelColumn: number | undefined
  private agsColumn = -1
  private ozgIdColumn = -1
  private readonly today = todayIso()
  // Parsing is synchronous: the lookup reads the vendor of the row being parsed from here.
  private rowVendor = ''
  // One schema per maturity model (the only per-row part of the context), not one per row.
  private readonly schemas = new Map<string, ReturnType<typeof statusInputSchema>>()

  constructor(
    private readonly refs: References,
    readonly current: CurrentRows,
    private readonly user: SessionUser,
  ) {}

  addError(issue: ImportIssue) {
    this.errorCount++
    if (this.errors.length < PREVIEW_LIST_LIMIT) this.errors.push(detach(issue))
  }

  /** Checks the header; returns the file-level error, if any, and notes unknown columns. */
  setHeader(headers: string[], notes: string[]): ImportIssue | null {
    this.headers = headers
    this.column = new Map(headers.map((h, i) => [h, i]))
    this.valueColumns = VALUE_COLUMNS.map((c) => [c, this.column.get(c), this.guardsText && STATUS_CSV_TEXT_COLUMNS.has(c)])
    this.modelColumn = this.column.get('reifegradmodell')
    this.agsColumn = this.column.get('ags') ?? -1
    this.ozgIdColumn = this.column.get('ozg_id') ?? -1
    const missing = REQUIRED_COLUMNS.filter((c) => !this.column.has(c))
    if (missing.length > 0) {
      return {
        line: 1,
        column: null,
        message: `In der Kopfzeile fehlen die Spalten ${missing.map((c) => `„${c}“`).join(', ')}. Die erste Zeile muss die Spaltennamen des Formats enthalten; am einfachsten exportieren Sie die Liste und bearbeiten diese Datei.`,
      }
    }
    const unknown = headers.filter((h) => h !== '' && !KNOWN_COLUMNS.has(h))
    if (unknown.length > 0) notes.push(`Diese Spalten kennt das Format nicht; sie werden ignoriert: ${unknown.map((c) => `„${excerpt(c)}“`).join(', ')}.`)
    this.current.prefetch()
    return null
  }

  private schemaFor(model: MaturityModelCode | undefined) {
    const key = model ?? ''
    let schema = this.schemas.get(key)
    if (!schema) {
      schema = statusInputSchema({
        lookupOnlineService: this.refs.lookupOnlineService,
        lookupFachverfahren: (raw) => this.refs.lookupFachverfahren(raw, this.rowVendor),
        defaultMaturityModel: model,
        today: this.today,
      })
      this.schemas.set(key, schema)
    }
    return schema
  }

  /** True when every value cell is exactly what the export writes for the current row. */
  private isExportOf(fields: string[], current: CurrentRow) {
    const v = current.values
    if (this.modelColumn !== undefined) {
      const model = (fields[this.modelColumn] ?? '').trim()
      if (model !== '' && model !== v.maturityModel) return false
    }
    const fv = v.fachverfahrenId === null ? undefined : this.refs.fvById.get(v.fachverfahrenId)
    const exported = toCsvRecord({
      ...v,
      ags: '',
      countyName: '',
      ozgId: '',
      serviceName: '',
      onlineService: v.onlineServiceId === null ? null : (this.refs.osNames.get(v.onlineServiceId) ?? null),
      fachverfahren: fv?.name ?? null,
      vendor: fv?.vendor ?? null,
    })
    const columns = this.valueColumns
    for (let k = 0; k < columns.length; k++) {
      const [column, index, guarded] = columns[k]
      if ((index === undefined ? '' : (fields[index] ?? '')) !== (guarded ? encodeCsvText(exported[column]) : exported[column])) return false
    }
    return true
  }

  async addBatch(batch: CsvRecord[]) {
    this.rowCount += batch.length
    // First the keys of every row, then the current rows of the whole batch in one query.
    const items: Item[] = []
    const wanted: { countyId: number; serviceId: number }[] = []
    for (const record of batch) {
      const item = this.keyOf(record)
      if (!item) continue
      items.push(item)
      if (item.county && item.service && item.issues.length === 0) wanted.push({ countyId: item.county.id, serviceId: item.service.id })
    }
    const current = await this.current.forKeys(wanted)
    for (const item of items) {
      const row = item.county && item.service && item.issues.length === 0 ? current(item.county.id, item.service.id) : undefined
      if (row && this.isExportOf(item.record.fields, row)) this.unchanged++
      else this.planRow(item, row)
    }
  }

  /** The row's county and service, and what is wrong with them; null for another county's row. */
  private keyOf(record: CsvRecord): Item | null {
    const { line, fields } = record
    const ags = normaliseAgs(fields[this.agsColumn] ?? '')
    const ozgId = (fields[this.ozgIdColumn] ?? '').trim()
    const county = this.refs.countyByAgs.get(ags)
    const service = this.refs.serviceByOzgId.get(ozgId)
    const issues: ImportIssue[] = []
    if (!county) {
      issues.push({
        line,
        column: 'ags',
        message: ags === '' ? 'Der AGS fehlt. Jede Zeile braucht den AGS ihres Kreises, z. B. 03351.' : `Einen Kreis mit dem AGS „${excerpt(ags)}“ gibt es in der Community nicht. Prüfen Sie den AGS (5 Ziffern, mit führender Null, z. B. 03351).`,
      })
    } else if (!canEditCounty(this.user, county.id)) {
      if (this.foreignCount++ < 10) this.foreignLines.push(line)
      return null
    }
    if (!service) {
      issues.push({
        line,
        column: 'ozg_id',
        message: ozgId === '' ? 'Die OZG-ID fehlt. Jede Zeile braucht die OZG-ID der Leistung, z. B. 10000.' : `Eine Leistung mit der OZG-ID „${excerpt(ozgId)}“ gibt es im Katalog nicht. Prüfen Sie die OZG-ID (5 Ziffern).`,
      })
    } else if (service.retiredAt) {
      issues.push({ line, column: 'ozg_id', message: `Die Leistung ${ozgId} („${service.name}“) ist ausgesondert und wird nicht mehr gepflegt. Entfernen Sie die Zeile.` })
    } else if (county) {
      const first = this.seen.get(county.id, service.id)
      if (first !== undefined) {
        issues.push({ line, column: 'ozg_id', message: `Die Leistung ${ozgId} für den Kreis ${ags} steht schon in Zeile ${first}. Jede Leistung darf je Kreis nur einmal vorkommen.` })
      } else {
        this.seen.set(county.id, service.id, line)
      }
    }
    return { record, ags, ozgId, county, service, issues }
  }

  /** The cells of a row by column name, the formula guard of a CSV file's text cells removed. */
  private valuesOf(fields: string[]) {
    const values: Record<string, string> = {}
    this.headers.forEach((name, i) => {
      if (name === '') return
      const cell = fields[i] ?? ''
      values[name] = this.guardsText && STATUS_CSV_TEXT_COLUMNS.has(name as StatusCsvColumn) ? decodeCsvText(cell.trim()) : cell
    })
    return values
  }

  /** Parses a row that is not the export of its current state and plans its change. */
  private planRow({ record, ags, ozgId, county, service, issues }: Item, row: CurrentRow | undefined) {
    const values = this.valuesOf(record.fields)
    this.rowVendor = values.hersteller ?? ''
    const before = row?.values
    // A row with a bad key is still parsed, so its value errors come in the same pass.
    const parsed = this.schemaFor(before?.maturityModel).safeParse(values)
    for (const issue of issues) this.addError(issue)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) this.addError({ line: record.line, column: String(issue.path[0] ?? ''), message: issue.message })
      return
    }
    if (issues.length > 0 || !county || !service) return
    const diff = diffStatus(before ?? NEW_ROW, parsed.data)
    if (row && Object.keys(diff).length === 0) {
      this.unchanged++
      return
    }
    const set: Partial<StatusValues> = row ? {} : parsed.data
    if (row) for (const [field, change] of Object.entries(diff)) (set as Record<string, unknown>)[field] = change!.to
    const json = JSON.stringify({ countyId: county.id, serviceId: service.id, statusId: row?.id ?? null, version: row?.version ?? null, set } satisfies PlannedChange)
    this.plan.push(json)
    this.hash.update(json)
    if (!row) this.created++
    if (this.rows.length >= PREVIEW_LIST_LIMIT) return
    const names = { onlineServices: this.refs.osNames, fachverfahren: this.refs.fvNames }
    this.rows.push(
      detach({
        line: record.line,
        ags,
        county: county.name,
        ozgId,
        service: service.name,
        kind: row ? 'changed' : 'new',
        changes: (Object.entries(diff) as [StatusField, { from: unknown; to: unknown }][]).map(([field, c]) => ({
          field,
          label: FIELD_LABEL[field],
          from: displayValue(field, c.from, names),
          to: displayValue(field, c.to, names),
        })),
      }),
    )
  }

  refusal(): string | null {
    if (this.foreignCount === 0) return null
    const shown = this.foreignLines.join(', ') + (this.foreignCount > 10 ? ` und ${this.foreignCount - 10} weitere` : '')
    return (
      `Die Datei enthält Zeilen anderer Kreise (Zeile ${shown}). Sie dürfen nur Zeilen Ihres eigenen Kreises` +
      `${this.user.countyAgs ? ` (AGS ${this.user.countyAgs})` : ''} importieren; deshalb wurde die ganze Datei abgelehnt. ` +
      'Entfernen Sie die fremden Zeilen oder exportieren Sie nur Ihren Kreis.'
    )
  }

  fingerprint() {
    return this.hash.digest('hex')
  }
}

function emptyAnalysis(fileName: string, format: 'csv' | 'xlsx'): Analysis {
  return {
    preview: { fileName, format, rowCount: 0, counts: { new: 0, changed: 0, unchanged: 0 }, rows: [], errors: [], errorCount: 0, refused: null, notes: [], fingerprint: '', token: null },
    plan: { json: '[]', length: 0 },
  }
}

/** A file refused as a whole: one error, nothing planned. */
function refusedFile(fileName: string, format: 'csv' | 'xlsx', issue: ImportIssue, notes: string[] = []): Analysis {
  const analysis = emptyAnalysis(fileName, format)
  return { ...analysis, preview: { ...analysis.preview, errors: [issue], errorCount: 1, notes } }
}

/** What the file would change, and the plan that confirms it. Nothing is written. */
export async function analyse(source: Source, user: SessionUser): Promise<Analysis> {
  let format: 'csv' | 'xlsx' = isXlsx(source, new Uint8Array()) ? 'xlsx' : 'csv'
  const fileError = (message: string, line: number | null = null) => refusedFile(source.name, format, { line, column: null, message })
  if (source.size > MAX_STATUS_IMPORT_BYTES) return fileError(STATUS_IMPORT_TOO_LARGE)
  if (source.size === 0) return fileError('Die Datei ist leer.')

  const refs = await loadReferences()
  const analyser = new Analyser(refs, await CurrentRows.forFile(source.size, user, refs), user)
  const notes: string[] = []
  try {
    const headerError = await readImportRows(source, {
      format: (f) => (format = f),
      header: (headers, guardsText) => {
        analyser.guardsText = guardsText
        return analyser.setHeader(headers, notes)
      },
      batch: (rows) => analyser.addBatch(rows),
      batchRows: analyser.current.loadsAll ? BATCH_ROWS_LOADED : BATCH_ROWS,
    })
    if (headerError) return refusedFile(source.name, format, headerError)
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof CsvError) return fileError(error.message, error.line ?? null)
    throw error
  }
  if (analyser.rowCount === 0) return refusedFile(source.name, format, { line: null, column: null, message: 'Die Datei enthält nur die Kopfzeile und keine Zeilen.' }, notes)
  const empty = emptyAnalysis(source.name, format)
  return {
    preview: {
      ...empty.preview,
      rowCount: analyser.rowCount,
      counts: { new: analyser.created, changed: analyser.plan.length - analyser.created, unchanged: analyser.unchanged },
      rows: analyser.rows,
      errors: analyser.errors,
      errorCount: analyser.errorCount,
      refused: analyser.refusal(),
      notes,
      fingerprint: analyser.fingerprint(),
    },
    plan: { json: `[${analyser.plan.join(',')}]`, length: analyser.plan.length },
  }
}
