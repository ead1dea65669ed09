// The one CSV reader, for a whole small file (seeds, the catalogue and membership imports): the
// streaming reader of the status import (csv-stream.server.ts) fed the file at once, its rows
// keyed by the header. It accepts what German Excel writes (UTF-8 with BOM, `;`) as well as plain
// RFC 4180 files (`,`, no BOM), CRLF, LF or CR, with the same German messages.
import { readCsvRecords } from './csv-stream.server'

export { CsvError } from './csv-stream.server'

export type CsvRow = { line: number; values: Record<string, string> }
export type CsvTable = { headers: string[]; delimiter: ';' | ','; rows: CsvRow[] }

export function readCsv(input: Buffer | Uint8Array | string): CsvTable {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  const { headers, delimiter, rows } = readCsvRecords(bytes)
  return { headers, delimiter, rows: rows.map((r) => ({ line: r.line, values: Object.fromEntries(headers.map((name, i) => [name, r.fields[i]])) })) }
}
