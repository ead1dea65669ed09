// Reading a status list upload: where its bytes come from (memory or the packed upload), and its
// rows in batches — a CSV file as a stream, a workbook whole. No database: the analysis
// (import-plan.server.ts) decides what the rows mean.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { promisify } from 'node:util'
import { createGunzip, createGzip, gzip, constants as zlibConstants } from 'node:zlib'
import ExcelJS from 'exceljs'
import { STATUS_FILE_FIELDS } from '~/domain/status-csv'
import { CsvStreamReader, type CsvRecord } from '~/utils/csv-stream.server'

/** The status list: a whole Land's or the whole country's export (230k rows are ~45 MB) fits. */
export const MAX_STATUS_IMPORT_BYTES = 64 * 1024 * 1024
export const MAX_STATUS_IMPORT_LABEL = '64 MB'
/** A workbook is read whole (ExcelJS), at many times its size in memory: large lists go as CSV. */
const MAX_XLSX_IMPORT_BYTES = 10 * 1024 * 1024
export const MAX_XLSX_IMPORT_LABEL = '10 MB'
/** The catalogue import (import_.katalog.tsx) still carries its file in the form: keep it small. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
export const MAX_IMPORT_LABEL = '10 MB'

export type ImportFile = { name: string; bytes: Uint8Array }
/** An upload as the route keeps it: gzip-compressed while it streams in, never whole in memory. */
export type PackedImportFile = { name: string; size: number; gzip: Uint8Array }
export type ImportIssue = { line: number | null; column: string | null; message: string }

export const STATUS_IMPORT_TOO_LARGE = `Die Datei ist zu groß: höchstens ${MAX_STATUS_IMPORT_LABEL} sind erlaubt. Teilen Sie sie auf oder importieren Sie nur die Zeilen eines Kreises.`

export function isXlsx(file: { name: string }, head: Uint8Array) {
  // XLSX is a ZIP archive: "PK\3\4".
  return (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) || /\.xlsx$/i.test(file.name)
}

export class ImportFileError extends Error {
  constructor(
    message: string,
    public line: number | null = null,
  ) {
    super(message)
  }
}

// ---------------------------------------------------------------------------------------------
// Where the bytes come from: a file in memory (tests, the benchmark) or a packed upload.
export type Source = { name: string; size: number; chunks: () => AsyncIterable<Uint8Array>; gzip: () => Promise<Uint8Array> }

export const gzipAsync = promisify(gzip)
// Speed over size: the packed file is read once more at most, and level 1 is ~3× faster than 6.
export const GZIP_OPTIONS = { level: zlibConstants.Z_BEST_SPEED }
const CHUNK = 1 << 16

export function sourceOf(file: ImportFile | PackedImportFile): Source {
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
// The rows in batches.
/** Where the rows go: the header first (an issue refuses the file), then batch after batch. */
export type RowSink = {
  /** Told as soon as the first bytes show whether the file is a workbook. */
  format: (format: 'csv' | 'xlsx') => void
  /** A CSV file guards its text cells against formulas (encodeCsvText); a workbook's text cells
   *  are typed as text and carry no guard. */
  header: (headers: string[], guardsText: boolean) => ImportIssue | null
  batch: (rows: CsvRecord[]) => Promise<void>
  /** Rows per batch for a CSV file. */
  batchRows: number
}

/** Reads the file into the sink; returns the header's issue, if any. Throws ImportFileError or
 *  CsvError for a file that cannot be read. */
export async function readImportRows(source: Source, sink: RowSink): Promise<ImportIssue | null> {
  const chunks = source.chunks()[Symbol.asyncIterator]()
  const first = await chunks.next()
  const head = first.done ? new Uint8Array() : first.value
  const workbook = isXlsx(source, head)
  sink.format(workbook ? 'xlsx' : 'csv')
  if (workbook) {
    const parts: Uint8Array[] = first.done ? [] : [head]
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) parts.push(next.value)
    return readWorkbookRows(source.size, Buffer.concat(parts), sink)
  }
  const reader = new CsvStreamReader()
  let batch: CsvRecord[] = []
  let headerChecked = false
  const take = async (records: CsvRecord[], final: boolean) => {
    if (!headerChecked && reader.headers) {
      headerChecked = true
      const headerError = sink.header(reader.headers, true)
      if (headerError) return headerError
    }
    for (const r of records) batch.push(r)
    while (batch.length >= sink.batchRows || (final && batch.length > 0)) {
      const full = batch.length > sink.batchRows ? batch.slice(0, sink.batchRows) : batch
      batch = batch.length > sink.batchRows ? batch.slice(sink.batchRows) : []
      await sink.batch(full)
      // Let the server answer other requests in between: a national file takes seconds.
      await nextTurn()
    }
    return null
  }
  for (let next: IteratorResult<Uint8Array> = first; !next.done; next = await chunks.next()) {
    const headerError = await take(reader.push(next.value), false)
    if (headerError) {
      await chunks.return?.()
      return headerError
    }
  }
  return take(reader.end(), true)
}

// ---------------------------------------------------------------------------------------------
// XLSX: read whole (a workbook is a ZIP archive), then the same batches as a CSV.
async function readWorkbookRows(size: number, bytes: Buffer, sink: RowSink): Promise<ImportIssue | null> {
  if (size > MAX_XLSX_IMPORT_BYTES) {
    throw new ImportFileError(
      `Die Excel-Arbeitsmappe ist zu groß: höchstens ${MAX_XLSX_IMPORT_LABEL} sind erlaubt. Speichern Sie die Liste in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ – als CSV sind bis zu ${MAX_STATUS_IMPORT_LABEL} möglich.`,
    )
  }
  const table = await readXlsx(bytes)
  const headerError = sink.header(table.headers, false)
  if (headerError) return headerError
  for (let i = 0; i < table.rows.length; i += XLSX_BATCH_ROWS) {
    await sink.batch(table.rows.slice(i, i + XLSX_BATCH_ROWS))
    await nextTurn()
  }
  return null
}

const XLSX_BATCH_ROWS = 5000
const AMOUNT_COLUMNS: ReadonlySet<string> = new Set(STATUS_FILE_FIELDS.filter((f) => f.type === 'amount').map((f) => f.column))

function cellText(value: ExcelJS.CellValue, column: string): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'number') return AMOUNT_COLUMNS.has(column) ? value.toFixed(2) : String(value)
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
    // ExcelJS declares its own Buffer type, older than Node's.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
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
