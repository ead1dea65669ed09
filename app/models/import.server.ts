// Status list import: a CSV or XLSX file becomes a preview (new, changed, unchanged rows and
// every error by line and column); the confirmation applies exactly the previewed changes, all
// or nothing, in one transaction through applyStatusChanges(). A changed row is parsed by the
// one StatusInput schema (app/domain/status.ts).
//
// Built for a national file (230k rows, ~45 MB): the CSV is read as a stream in batches of rows,
// each batch's current rows come from one query, and a row that is exactly what the export
// writes for its current state is counted unchanged by comparing strings — the schema parses
// only the rows that differ. Between preview and confirmation the file and the planned changes
// wait in the database (import_uploads), so the confirmation does not parse the file again and
// the page carries only a small signed token.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { promisify } from 'node:util'
import { createGunzip, createGzip, gunzip, gunzipSync, gzip, gzipSync, constants as zlibConstants } from 'node:zlib'
import ExcelJS from 'exceljs'
import { and, eq, gt, isNotNull, lt, sql, type SQL } from 'drizzle-orm'
import { auditLog, counties, fachverfahren, importUploads, onlineServices, services, statuses, vendors } from '../../db/schema'
import type { MaturityModelCode, OnlineServiceKindCode } from '~/domain/enums'
import type { SessionUser } from '~/domain/permissions'
import { canEditCounty } from '~/domain/permissions'
import {
  diffStatus,
  displayValue,
  FIELD_LABEL,
  statusInputSchema,
  todayIso,
  toStatusValues,
  type FachverfahrenRef,
  type OnlineServiceRef,
  type StatusField,
  type StatusValues,
} from '~/domain/status'
import { decodeCsvText, encodeCsvText, STATUS_CSV_COLUMNS, STATUS_CSV_TEXT_COLUMNS, toCsvRecord, type StatusCsvColumn } from '~/domain/status-csv'
import { CsvError } from '~/utils/csv.server'
import { CsvStreamReader, type CsvRecord } from '~/utils/csv-stream.server'
import { getDb, queryRows } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { applyStatusChanges, StatusConflictError, StatusRuleError, valueColumns } from './status.server'
import { excerpt } from '~/domain/excerpt'

/** The status list: a whole Land's or the whole country's export (230k rows are ~45 MB) fits. */
export const MAX_STATUS_IMPORT_BYTES = 64 * 1024 * 1024
export const MAX_STATUS_IMPORT_LABEL = '64 MB'
/** A workbook is read whole (ExcelJS), at many times its size in memory: large lists go as CSV. */
const MAX_XLSX_IMPORT_BYTES = 10 * 1024 * 1024
export const MAX_XLSX_IMPORT_LABEL = '10 MB'
/** The catalogue import (import_.katalog.tsx) still carries its file in the form: keep it small. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
export const MAX_IMPORT_LABEL = '10 MB'
/** Errors and changed rows shown on the page; the counts are always complete. */
export const PREVIEW_LIST_LIMIT = 500
/** How long a preview can be confirmed. */
const UPLOAD_TTL_HOURS = 24
/** Rows parsed, looked up (one query) and compared at a time. */
const BATCH_ROWS = 5000
/** With the current rows loaded at once, no query per batch: small batches (from small chunks)
 *  keep rows short-lived, so the garbage collector frees them young instead of promoting them. */
const BATCH_ROWS_LOADED = 100

export const STATUS_IMPORT_TOO_LARGE = `Die Datei ist zu groß: höchstens ${MAX_STATUS_IMPORT_LABEL} sind erlaubt. Teilen Sie sie auf oder importieren Sie nur die Zeilen eines Kreises.`
const EXPIRED = 'Die Vorschau ist nicht mehr gültig. Laden Sie die Datei bitte erneut hoch.'

// kreis, leistung (for humans) and hersteller (only to tell two Fachverfahren apart) may be left out.
const OPTIONAL_COLUMNS = new Set(['kreis', 'leistung', 'hersteller', 'reifegradmodell'])
const REQUIRED_COLUMNS = STATUS_CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c))
const KNOWN_COLUMNS = new Set<string>([...STATUS_CSV_COLUMNS, 'reifegradmodell'])
/** The columns whose text decides a row's values (ags and ozg_id are its key). */
const VALUE_COLUMNS: StatusCsvColumn[] = STATUS_CSV_COLUMNS.filter((c) => c !== 'ags' && c !== 'ozg_id' && c !== 'kreis' && c !== 'leistung')

export type ImportFile = { name: string; bytes: Uint8Array }
/** An upload as the route keeps it: gzip-compressed while it streams in, never whole in memory. */
export type PackedImportFile = { name: string; size: number; gzip: Uint8Array }
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
  /** Hash of the planned changes. */
  fingerprint: string
  /** Confirms exactly these changes (signed, bound to the user); null when there is nothing to apply. */
  token: string | null
}

/** One row's change as stored between preview and confirmation. */
type PlannedChange = {
  countyId: number
  serviceId: number
  /** null: the county × service has no row yet. */
  statusId: number | null
  version: number | null
  /** A changed row: only the differing fields; a new row: all of them. */
  set: Partial<StatusValues>
}

function isXlsx(file: { name: string }, head: Uint8Array) {
  // XLSX is a ZIP archive: "PK\3\4".
  return (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) || /\.xlsx$/i.test(file.name)
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
// Where the bytes come from: a file in memory (tests, the benchmark) or a packed upload.
type Source = { name: string; size: number; chunks: () => AsyncIterable<Uint8Array>; gzip: () => Promise<Uint8Array> }

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)
// Speed over size: the packed file is read once more at most, and level 1 is ~3× faster than 6.
const GZIP_OPTIONS = { level: zlibConstants.Z_BEST_SPEED }
const CHUNK = 1 << 16

function sourceOf(file: ImportFile | PackedImportFile): Source {
  if ('bytes' in file) {
    let packed: Promise<Uint8Array> | undefined
    return {
      name: file.name,
      size: file.bytes.byteLength,
      async *chunks() {
        for (let i = 0; i < file.bytes.byteLength; i += CHUNK) yield file.bytes.subarray(i, i + CHUNK)
      },
      // zlib runs on the thread pool: started early, it overlaps with the parsing.
      gzip: () => (packed ??= gzipAsync(file.bytes, GZIP_OPTIONS)),
    }
  }
  return {
    name: file.name,
    size: file.size,
    async *chunks() {
      const stream = createGunzip({ chunkSize: CHUNK })
      stream.end(file.gzip)
      for await (const chunk of stream) yield chunk as Buffer
    },
    gzip: async () => file.gzip,
  }
}

/**
 * Compresses an upload while it streams in (the route's multipart handler), so the server holds
 * ~1/5 of the file rather than the file. Past MAX_STATUS_IMPORT_BYTES the rest is read and dropped.
 */
export async function packImportFile(name: string, data: AsyncIterable<Uint8Array>): Promise<PackedImportFile | 'too-large'> {
  const zip = createGzip(GZIP_OPTIONS)
  const out: Buffer[] = []
  zip.on('data', (chunk: Buffer) => out.push(chunk))
  const finished = new Promise<void>((resolve, reject) => {
    zip.on('end', resolve)
    zip.on('error', reject)
  })
  let size = 0
  for await (const chunk of data) {
    size += chunk.byteLength
    if (size > MAX_STATUS_IMPORT_BYTES) continue
    if (!zip.write(chunk)) await new Promise((resolve) => zip.once('drain', resolve))
  }
  zip.end()
  await finished
  if (size > MAX_STATUS_IMPORT_BYTES) return 'too-large'
  return { name, size, gzip: Buffer.concat(out) }
}

// ---------------------------------------------------------------------------------------------
// Reference data the rows are checked against: one query each, not one per row.

async function loadReferences() {
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
  const osByName = new Map<string, OnlineServiceRef>(
    osRows.map((o) => [o.name.toLowerCase(), { id: o.id, name: o.name, kind: o.kind as OnlineServiceKindCode, maturityModel: o.maturityModel as MaturityModelCode }]),
  )
  const fvByName = new Map<string, { id: number; name: string; vendor: string }[]>()
  for (const f of fvRows) {
    const key = f.name.toLowerCase()
    fvByName.set(key, [...(fvByName.get(key) ?? []), f])
  }
  return {
    countyByAgs: new Map(countyRows.map((c) => [c.ags, c])),
    serviceByOzgId: new Map(serviceRows.map((s) => [s.ozgId, s])),
    osNames: new Map(osRows.map((o) => [o.id, o.name])),
    fvById: new Map(fvRows.map((f) => [f.id, f])),
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
type References = Awaited<ReturnType<typeof loadReferences>>

// ---------------------------------------------------------------------------------------------
// The current rows the file is compared with. They come as one text per county, a line per row
// holding the JSON array [service id, id, version, values…]: 400 strings instead of 230k row
// objects keep the garbage collector out of the way, and a row is parsed only when the file
// reaches it (and is garbage right after).
type CurrentRow = { id: number; version: number; values: StatusValues }
/** A county's text and where each service's line starts in it. */
type CountyRows = { text: string; lineOf: Map<number, number> }

const c = valueColumns
const countyRowsText = sql<string>`string_agg(json_build_array(${statuses.serviceId}, ${statuses.id}, ${statuses.version}, ${c.approach}, ${c.pendingPlan}, ${c.onlineServiceId}, ${c.connection}, ${c.stage}, ${c.maturity}, ${c.maturityModel}, ${c.onlineSince}, ${c.targetDate}, ${c.fachverfahrenId}, ${c.interfaceStandard}, ${c.interfaceStatus}, ${c.endToEnd}, ${c.internalProcessing}, ${c.funding}, ${c.costOneOff}, ${c.costAnnual}, ${c.fundingNote}, ${c.applicationsPerYear}, ${c.contact}, ${c.note})::text, chr(10))`

function indexCountyRows(text = ''): CountyRows {
  const lineOf = new Map<number, number>()
  for (let start = 0; start < text.length; ) {
    // Each line starts with "[<service id>,".
    const comma = text.indexOf(',', start)
    lineOf.set(Number(text.slice(start + 1, comma)), start)
    const end = text.indexOf('\n', comma)
    start = end === -1 ? text.length : end + 1
  }
  return { text, lineOf }
}

function currentRowOf(rows: CountyRows | undefined, serviceId: number): CurrentRow | undefined {
  const start = rows?.lineOf.get(serviceId)
  if (rows === undefined || start === undefined) return undefined
  const end = rows.text.indexOf('\n', start)
  // Typed by position: `never` takes each field's type where decodeCurrentRow assigns it.
  return decodeCurrentRow(JSON.parse(end === -1 ? rows.text.slice(start) : rows.text.slice(start, end)) as never[])
}

// The order of countyRowsText. Dates are ISO strings in JSON; amounts come as numbers and get the
// column's two decimals back, as toStatusValues() writes them.
function decodeCurrentRow(a: never[]): CurrentRow {
  return {
    id: a[1],
    version: a[2],
    values: {
      approach: a[3],
      pendingPlan: a[4],
      onlineServiceId: a[5],
      connection: a[6],
      stage: a[7],
      maturity: a[8],
      maturityModel: a[9] ?? '1.1',
      onlineSince: a[10],
      targetDate: a[11],
      fachverfahrenId: a[12],
      interfaceStandard: a[13],
      interfaceStatus: a[14],
      endToEnd: a[15],
      internalProcessing: a[16],
      funding: a[17],
      costOneOff: a[18] === null ? null : (a[18] as number).toFixed(2),
      costAnnual: a[19] === null ? null : (a[19] as number).toFixed(2),
      fundingNote: a[20],
      applicationsPerYear: a[21],
      contact: a[22],
      note: a[23],
    },
  }
}

type CurrentLookup = (countyId: number, serviceId: number) => CurrentRow | undefined

/**
 * Loads the current rows either all at once or per batch. A file that covers a good part of the
 * rows (a Land, the country) is compared with one sequential read of the table: per batch, the
 * index lookups would visit most of the table's pages again for every batch.
 */
class CurrentRows {
  private all: Promise<Map<number, string>> | null = null
  /** Counties indexed lately (a file is usually sorted by county), oldest first. */
  private readonly indexed = new Map<number, CountyRows>()

  constructor(
    private readonly countyIds: number[] | 'all',
    readonly loadsAll: boolean,
  ) {}

  /** Starts loading every row the file may touch, once its header has been accepted. */
  prefetch() {
    if (!this.loadsAll || this.all) return
    this.all = this.load(null)
    this.all.catch(() => {}) // awaited by forKeys; this only marks an early failure as handled
  }

  static async forFile(fileBytes: number, user: SessionUser, refs: References) {
    const editable = [...refs.countyByAgs.values()].filter((c) => canEditCounty(user, c.id)).map((c) => c.id)
    const countyIds = editable.length === refs.countyByAgs.size ? 'all' : editable
    // An exported row is ~200 bytes; reltuples is PostgreSQL's own estimate of the table's rows.
    const db = await getDb()
    const [{ rows }] = await queryRows<{ rows: number }>(db, sql`select reltuples::float8 as rows from pg_class where relname = 'statuses'`)
    return new CurrentRows(countyIds, countyIds !== 'all' || fileBytes / 200 >= Number(rows) / 4)
  }

  /** The lookup for a batch of rows with these keys. */
  async forKeys(keys: { countyId: number; serviceId: number }[]): Promise<CurrentLookup> {
    if (this.loadsAll) {
      this.prefetch()
      const texts = await this.all!
      return (countyId, serviceId) => {
        let rows = this.indexed.get(countyId)
        if (!rows) {
          rows = indexCountyRows(texts.get(countyId))
          this.indexed.set(countyId, rows)
          if (this.indexed.size > 16) this.indexed.delete(this.indexed.keys().next().value!)
        }
        return currentRowOf(rows, serviceId)
      }
    }
    const texts = keys.length > 0 ? await this.load(keys) : new Map<number, string>()
    const batch = new Map([...texts].map(([countyId, text]) => [countyId, indexCountyRows(text)]))
    return (countyId, serviceId) => currentRowOf(batch.get(countyId), serviceId)
  }

  private async load(keys: { countyId: number; serviceId: number }[] | null): Promise<Map<number, string>> {
    const db = await getDb()
    let where: SQL | undefined
    if (keys) {
      // Array literals as text parameters: both drivers pass them alike, and unnest pairs them up.
      const countyIds = `{${keys.map((k) => k.countyId).join(',')}}`
      const serviceIds = `{${keys.map((k) => k.serviceId).join(',')}}`
      where = sql`(${statuses.countyId}, ${statuses.serviceId}) in (select * from unnest(${countyIds}::int[], ${serviceIds}::int[]))`
    } else if (this.countyIds !== 'all') {
      where = this.countyIds.length > 0 ? sql`${statuses.countyId} in (${sql.join(this.countyIds.map((id) => sql`${id}`), sql`, `)})` : sql`false`
    }
    const rows = await queryRows<{ county_id: number; rows: string }>(
      db,
      sql`select ${statuses.countyId}, ${countyRowsText} as rows from ${statuses} ${where ? sql`where ${where}` : sql``} group by ${statuses.countyId}`,
    )
    return new Map(rows.map((r) => [r.county_id, r.rows]))
  }
}

/** Values by county × service; two small-integer keys hash much faster than a combined one. */
class PairMap<V> {
  private readonly byCounty = new Map<number, Map<number, V>>()
  get(countyId: number, serviceId: number): V | undefined {
    return this.byCounty.get(countyId)?.get(serviceId)
  }
  set(countyId: number, serviceId: number, value: V) {
    let inner = this.byCounty.get(countyId)
    if (!inner) this.byCounty.set(countyId, (inner = new Map()))
    inner.set(serviceId, value)
  }
}

// Excel turns „03351“ into the number 3351 when a user opens and saves the CSV: the leading
// zero of a 5- or 8-digit AGS is restored, since no AGS has 4 or 7 digits.
function normaliseAgs(raw: string) {
  const ags = raw.trim()
  return (ags.length === 4 || ags.length === 7) && /^\d+$/.test(ags) ? `0${ags}` : ags
}

// ---------------------------------------------------------------------------------------------
// The analysis: header, then rows in batches; collects the preview and the planned changes.
/** The plan as JSON text (an array of PlannedChange) and how many changes it holds. */
type Analysis = { preview: ImportPreview; plan: { json: string; length: number } }

// A cell's string is a slice of the decoded chunk it came from: kept as it is, it would keep that
// whole chunk alive. What outlives a batch is copied out through JSON.
function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

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
      ags: '',
      countyName: '',
      ozgId: '',
      serviceName: '',
      approach: v.approach,
      pendingPlan: v.pendingPlan,
      onlineService: v.onlineServiceId === null ? null : (this.refs.osNames.get(v.onlineServiceId) ?? null),
      connection: v.connection,
      stage: v.stage,
      maturity: v.maturity,
      onlineSince: v.onlineSince,
      targetDate: v.targetDate,
      fachverfahren: fv?.name ?? null,
      vendor: fv?.vendor ?? null,
      interfaceStandard: v.interfaceStandard,
      interfaceStatus: v.interfaceStatus,
      endToEnd: v.endToEnd,
      internalProcessing: v.internalProcessing,
      funding: v.funding,
      costOneOff: v.costOneOff,
      costAnnual: v.costAnnual,
      fundingNote: v.fundingNote,
      applicationsPerYear: v.applicationsPerYear,
      contact: v.contact,
      note: v.note,
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
    type Item = { record: CsvRecord; ags: string; ozgId: string; county?: { id: number; name: string }; service?: { id: number; name: string }; issues: ImportIssue[] }
    const items: Item[] = []
    const wanted: { countyId: number; serviceId: number }[] = []
    for (const record of batch) {
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
        continue
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
          wanted.push({ countyId: county.id, serviceId: service.id })
        }
      }
      items.push({ record, ags, ozgId, county, service, issues })
    }
    const current = await this.current.forKeys(wanted)

    for (const { record, ags, ozgId, county, service, issues } of items) {
      const { line, fields } = record
      const row = county && service && issues.length === 0 ? current(county.id, service.id) : undefined
      if (row && this.isExportOf(fields, row)) {
        this.unchanged++
        continue
      }
      const values: Record<string, string> = {}
      this.headers.forEach((name, i) => {
        if (name === '') return
        const cell = fields[i] ?? ''
        values[name] = this.guardsText && STATUS_CSV_TEXT_COLUMNS.has(name as StatusCsvColumn) ? decodeCsvText(cell.trim()) : cell
      })
      this.rowVendor = values.hersteller ?? ''
      const before = row?.values
      // A row with a bad key is still parsed, so its value errors come in the same pass.
      const parsed = this.schemaFor(before?.maturityModel).safeParse(values)
      for (const issue of issues) this.addError(issue)
      if (!parsed.success) {
        for (const issue of parsed.error.issues) this.addError({ line, column: String(issue.path[0] ?? ''), message: issue.message })
        continue
      }
      if (issues.length > 0 || !county || !service) continue
      const base = before ?? toStatusValues({ approach: 'pending', stage: 'planned', maturityModel: '1.1' } as never)
      const diff = diffStatus(base, parsed.data)
      if (row && Object.keys(diff).length === 0) {
        this.unchanged++
        continue
      }
      const set: Partial<StatusValues> = row ? {} : parsed.data
      if (row) for (const [field, change] of Object.entries(diff)) (set as Record<string, unknown>)[field] = change!.to
      const change: PlannedChange = { countyId: county.id, serviceId: service.id, statusId: row?.id ?? null, version: row?.version ?? null, set }
      const json = JSON.stringify(change)
      this.plan.push(json)
      this.hash.update(json)
      if (!row) this.created++
      if (this.rows.length < PREVIEW_LIST_LIMIT) {
        const names = { onlineServices: this.refs.osNames, fachverfahren: this.refs.fvNames }
        this.rows.push(detach({
          line,
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
        }))
      }
    }
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

async function analyse(source: Source, user: SessionUser): Promise<Analysis> {
  let format: 'csv' | 'xlsx' = isXlsx(source, new Uint8Array()) ? 'xlsx' : 'csv'
  const result = (partial: Partial<ImportPreview>, plan = { json: '[]', length: 0 }): Analysis => ({
    preview: {
      fileName: source.name,
      format,
      rowCount: 0,
      counts: { new: 0, changed: 0, unchanged: 0 },
      rows: [],
      errors: [],
      errorCount: 0,
      refused: null,
      notes: [],
      fingerprint: '',
      token: null,
      ...partial,
    },
    plan,
  })
  const fileError = (error: ImportFileError | CsvError) => result({ errors: [{ line: error.line ?? null, column: null, message: error.message }], errorCount: 1 })

  if (source.size > MAX_STATUS_IMPORT_BYTES) return fileError(new ImportFileError(STATUS_IMPORT_TOO_LARGE))
  if (source.size === 0) return fileError(new ImportFileError('Die Datei ist leer.'))

  const refs = await loadReferences()
  const analyser = new Analyser(refs, await CurrentRows.forFile(source.size, user, refs), user)
  const notes: string[] = []
  try {
    const chunks = source.chunks()[Symbol.asyncIterator]()
    const first = await chunks.next()
    const head = first.done ? new Uint8Array() : first.value
    format = isXlsx(source, head) ? 'xlsx' : 'csv'
    if (format === 'xlsx') {
      if (source.size > MAX_XLSX_IMPORT_BYTES) {
        throw new ImportFileError(
          `Die Excel-Arbeitsmappe ist zu groß: höchstens ${MAX_XLSX_IMPORT_LABEL} sind erlaubt. Speichern Sie die Liste in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ – als CSV sind bis zu ${MAX_STATUS_IMPORT_LABEL} möglich.`,
        )
      }
      const parts: Uint8Array[] = first.done ? [] : [head]
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) parts.push(next.value)
      const table = await readXlsx(Buffer.concat(parts))
      const headerError = analyser.setHeader(table.headers, notes)
      if (headerError) return result({ errors: [headerError], errorCount: 1 })
      for (let i = 0; i < table.rows.length; i += BATCH_ROWS) {
        await analyser.addBatch(table.rows.slice(i, i + BATCH_ROWS))
        await nextTurn()
      }
    } else {
      const reader = new CsvStreamReader()
      analyser.guardsText = true
      const batchRows = analyser.current.loadsAll ? BATCH_ROWS_LOADED : BATCH_ROWS
      let batch: CsvRecord[] = []
      let headerChecked = false
      const take = async (records: CsvRecord[], final: boolean) => {
        if (!headerChecked && reader.headers) {
          headerChecked = true
          const headerError = analyser.setHeader(reader.headers, notes)
          if (headerError) return headerError
        }
        for (const r of records) batch.push(r)
        while (batch.length >= batchRows || (final && batch.length > 0)) {
          const full = batch.length > batchRows ? batch.slice(0, batchRows) : batch
          batch = batch.length > batchRows ? batch.slice(batchRows) : []
          await analyser.addBatch(full)
          // Let the server answer other requests in between: a national file takes seconds.
          await nextTurn()
        }
        return null
      }
      let next: IteratorResult<Uint8Array> = first
      while (!next.done) {
        const headerError = await take(reader.push(next.value), false)
        if (headerError) {
          await chunks.return?.()
          return result({ errors: [headerError], errorCount: 1 })
        }
        next = await chunks.next()
      }
      const headerError = await take(reader.end(), true)
      if (headerError) return result({ errors: [headerError], errorCount: 1 })
    }
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof CsvError) return fileError(error)
    throw error
  }
  if (analyser.rowCount === 0) return result({ errors: [{ line: null, column: null, message: 'Die Datei enthält nur die Kopfzeile und keine Zeilen.' }], errorCount: 1, notes })

  return result(
    {
      rowCount: analyser.rowCount,
      counts: { new: analyser.created, changed: analyser.plan.length - analyser.created, unchanged: analyser.unchanged },
      rows: analyser.rows,
      errors: analyser.errors,
      errorCount: analyser.errorCount,
      refused: analyser.refusal(),
      notes,
      fingerprint: analyser.fingerprint(),
    },
    { json: `[${analyser.plan.join(',')}]`, length: analyser.plan.length },
  )
}

// ---------------------------------------------------------------------------------------------
// XLSX: read whole (a workbook is a ZIP archive), then the same batches as a CSV.
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

async function readXlsx(bytes: Buffer): Promise<{ headers: string[]; rows: CsvRecord[] }> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as never)
  } catch {
    throw new ImportFileError('Die Datei lässt sich nicht als Excel-Arbeitsmappe (XLSX) lesen. Speichern Sie sie in Excel erneut als „Excel-Arbeitsmappe (*.xlsx)“ oder als „CSV UTF-8“.')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet || sheet.rowCount === 0) throw new ImportFileError('Die Arbeitsmappe enthält keine Tabelle.')
  const headers: string[] = []
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value, '').trim()
  })
  for (let i = 0; i < headers.length; i++) headers[i] ??= ''
  const rows: CsvRecord[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const fields = headers.map((name, i) => (name ? cellText(row.getCell(i + 1).value, name) : ''))
    if (fields.every((v) => v.trim() === '')) return
    rows.push({ line: rowNumber, fields })
  })
  return { headers, rows }
}

// ---------------------------------------------------------------------------------------------
// The upload between preview and confirmation, and its token.
let processSecret: Buffer | undefined
function secret(): Buffer {
  // SESSION_SECRET keys the token; the zero-setup demo without one uses a per-process key.
  const configured = env().SESSION_SECRET
  if (configured) return Buffer.from(`import:${configured}`)
  processSecret ??= randomBytes(32)
  return processSecret
}

function sign(userId: number, id: string) {
  return createHmac('sha256', secret()).update(`${userId}:${id}`).digest('base64url')
}

/** The upload id in a token, or null when the token was not issued to this user. */
export function openImportToken(token: string, userId: number): string | null {
  const [id, signature, ...rest] = token.split('.')
  if (!id || !signature || rest.length > 0) return null
  const expected = Buffer.from(sign(userId, id))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null
}

async function storeFile(id: string, source: Source, user: SessionUser) {
  const file = await source.gzip()
  const db = await getDb()
  // Previews nobody confirmed go when the next one is stored.
  await db.delete(importUploads).where(lt(importUploads.expiresAt, sql`now()`))
  await db.insert(importUploads).values({
    id,
    userId: user.id,
    fileName: source.name,
    file,
    expiresAt: sql`now() + make_interval(hours => ${UPLOAD_TTL_HOURS})`,
  })
}

async function previewAndStore(source: Source, user: SessionUser): Promise<ImportPreview> {
  const id = randomBytes(18).toString('base64url')
  // The file goes into the database while it is analysed (for a national file both take
  // seconds, one in PostgreSQL, one here); the token that can confirm it comes only at the end.
  const storing = storeFile(id, source, user)
  storing.catch(() => {}) // awaited below; this only marks an early failure as handled
  const discard = async () => {
    await storing
    await (await getDb()).delete(importUploads).where(eq(importUploads.id, id))
  }
  let analysis: Analysis
  try {
    analysis = await analyse(source, user)
  } catch (error) {
    await discard().catch(() => {})
    throw error
  }
  const { preview } = analysis
  if (preview.refused || preview.errorCount > 0 || analysis.plan.length === 0) {
    await discard()
    return preview
  }
  const token = `${id}.${sign(user.id, id)}`
  const plan = await gzipAsync(analysis.plan.json, GZIP_OPTIONS)
  await storing
  const db = await getDb()
  await db.update(importUploads).set({ plan, preview: { ...preview, token } }).where(eq(importUploads.id, id))
  return { ...preview, token }
}

/** What the file would change; nothing is written but the upload, kept for the confirmation. */
export async function previewImport(file: ImportFile | PackedImportFile, user: SessionUser): Promise<ImportPreview> {
  return previewAndStore(sourceOf(file), user)
}

export type ApplyImportResult =
  | { ok: true; changed: number; created: number; preview: ImportPreview }
  | { ok: false; reason: 'invalid' | 'stale' | 'expired'; preview: ImportPreview | null; message: string }

class StaleImportError extends Error {}
class ForeignRowsError extends Error {}

// A reference deleted or a row created since the preview: PostgreSQL's foreign key and unique
// violations (drizzle wraps the driver's error in `cause`).
function isStaleConstraint(error: unknown) {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code
  return code === '23503' || code === '23505'
}

/**
 * Applies the previewed changes all or nothing. Every changed row must still be at the version
 * the preview read; otherwise nothing is written and a new preview of the same file comes back.
 */
export async function applyImport(token: string, user: SessionUser): Promise<ApplyImportResult> {
  const id = openImportToken(token, user.id)
  if (!id) return { ok: false, reason: 'expired', preview: null, message: EXPIRED }
  const db = await getDb()
  try {
    const applied = await db.transaction(async (tx) => {
      // Taken out in the transaction: a second click on „Import übernehmen“ waits for the first
      // and then finds nothing; a rollback puts it back.
      const [upload] = await tx
        .delete(importUploads)
        .where(and(eq(importUploads.id, id), eq(importUploads.userId, user.id), gt(importUploads.expiresAt, sql`now()`), isNotNull(importUploads.plan)))
        .returning({ fileName: importUploads.fileName, plan: importUploads.plan, preview: importUploads.preview })
      if (!upload?.plan) return null
      const preview = upload.preview as ImportPreview
      const plan = JSON.parse((await gunzipAsync(upload.plan)).toString('utf8')) as PlannedChange[]
      // The role or county may have changed since the preview.
      if (plan.some((p) => !canEditCounty(user, p.countyId))) throw new ForeignRowsError()
      // A county × service without a row (e.g. a county added after the catalogue) starts as the
      // defaults and then takes the file's values through the same write path.
      const created = plan.filter((p) => p.statusId === null)
      const ids = new PairMap<number>()
      for (let i = 0; i < created.length; i += 5000) {
        if (i > 0) await nextTurn()
        const part = created.slice(i, i + 5000)
        const inserted = await tx
          .insert(statuses)
          .values(part.map((p) => ({ countyId: p.countyId, serviceId: p.serviceId, updatedBy: user.id })))
          .onConflictDoNothing()
          .returning({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId })
        if (inserted.length !== part.length) throw new StaleImportError()
        for (const r of inserted) ids.set(r.countyId, r.serviceId, r.id)
      }
      await applyStatusChanges(
        tx,
        plan.map((p) => ({
          statusId: p.statusId ?? ids.get(p.countyId, p.serviceId)!,
          set: p.set,
          ...(p.version !== null ? { expectedVersion: p.version } : {}),
        })),
        { id: user.id },
        { comment: `Import ${upload.fileName}`, source: 'import' },
      )
      await tx.insert(auditLog).values({
        userId: user.id,
        action: 'import',
        entity: 'statuses',
        entityId: null,
        details: { fileName: upload.fileName, rows: preview.rowCount, changed: preview.counts.changed, created: preview.counts.new, fingerprint: preview.fingerprint },
      })
      return preview
    })
    if (!applied) return { ok: false, reason: 'expired', preview: null, message: EXPIRED }
    return { ok: true, changed: applied.counts.changed, created: applied.counts.new, preview: { ...applied, token: null } }
  } catch (error) {
    if (error instanceof StatusConflictError || error instanceof StaleImportError || isStaleConstraint(error)) {
      const preview = await previewStoredAgain(id, user)
      if (!preview) return { ok: false, reason: 'expired', preview: null, message: EXPIRED }
      return {
        ok: false,
        reason: 'stale',
        preview,
        message: 'Seit der Vorschau wurden Zeilen geändert. Es wurde nichts übernommen; prüfen Sie die aktualisierte Vorschau und bestätigen Sie erneut.',
      }
    }
    if (error instanceof StatusRuleError) {
      return { ok: false, reason: 'invalid', preview: null, message: `Es wurde nichts übernommen: ${error.message}` }
    }
    if (error instanceof ForeignRowsError) {
      return { ok: false, reason: 'invalid', preview: null, message: 'Es wurde nichts übernommen: Die Datei enthält Zeilen von Kreisen, die Sie nicht (mehr) bearbeiten dürfen.' }
    }
    throw error
  }
}

/** The stored file analysed against today's data, stored anew in place of the old upload. */
async function previewStoredAgain(id: string, user: SessionUser): Promise<ImportPreview | null> {
  const db = await getDb()
  const [upload] = await db
    .select({ fileName: importUploads.fileName, file: importUploads.file })
    .from(importUploads)
    .where(and(eq(importUploads.id, id), eq(importUploads.userId, user.id)))
  if (!upload) return null
  const file = Buffer.from(upload.file)
  // The gzip trailer's last four bytes hold the uncompressed size (mod 2^32; files are < 64 MB).
  const size = file.readUInt32LE(file.byteLength - 4)
  const preview = await previewAndStore(sourceOf({ name: upload.fileName, size, gzip: file }), user)
  await db.delete(importUploads).where(eq(importUploads.id, id))
  return preview
}

// ---------------------------------------------------------------------------------------------
// The catalogue import (a ~600-row file) keeps its file between preview and confirmation in the
// page itself (gzip + base64) in a hidden field, sealed with an HMAC over the user, file name,
// content and preview fingerprint: a tampered or foreign field is refused.
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
