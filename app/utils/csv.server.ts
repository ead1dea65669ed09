// The one CSV reader: seeds and the status-list import both go through it. It accepts what German
// Excel writes (UTF-8 with BOM, `;`) as well as plain RFC 4180 files (`,`, no BOM), CRLF or LF.
import { parse } from 'csv-parse/sync'

export class CsvError extends Error {
  readonly line?: number
  constructor(message: string, line?: number) {
    super(message)
    this.name = 'CsvError'
    this.line = line
  }
}

export type CsvRow = { line: number; values: Record<string, string> }
export type CsvTable = { headers: string[]; delimiter: ';' | ','; rows: CsvRow[] }

const NOT_UTF8 =
  'Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.'

export function readCsv(input: Buffer | Uint8Array | string): CsvTable {
  const text = normaliseNewlines(decode(input))
  if (text.trim() === '') throw new CsvError('Die Datei ist leer.')

  const delimiter = detectDelimiter(text)
  // Physical line where each record starts, in the order of the parsed records.
  const startLines: number[] = []
  let lastLine = 0
  let records: string[][]
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true, // checked below, with a German message naming the line
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        lastLine = context.lines
        // context.lines is the record's last line; quoted newlines make it span several.
        startLines.push(context.lines - record.reduce((n, value) => n + countNewlines(value), 0))
        return record
      },
    })
  } catch (error) {
    throw translateParseError(error, lastLine)
  }

  const headers = records[0].map((name) => name.trim())
  const rows: CsvRow[] = []
  for (let i = 1; i < records.length; i++) {
    const record = records[i]
    const line = startLines[i]
    // Excel leaves rows of bare delimiters behind where cells were cleared.
    if (record.every((value) => value.trim() === '')) continue
    if (record.length !== headers.length) {
      throw new CsvError(
        `Zeile ${line} hat ${record.length} Spalten, die Kopfzeile aber ${headers.length}. ` +
          `Prüfen Sie, ob ein Feld mit „${delimiter}“ oder Zeilenumbruch in Anführungszeichen steht.`,
        line,
      )
    }
    rows.push({ line, values: Object.fromEntries(headers.map((name, i) => [name, record[i]])) })
  }
  return { headers, delimiter, rows }
}

function decode(input: Buffer | Uint8Array | string): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '')
  try {
    // TextDecoder drops a leading BOM by default.
    return new TextDecoder('utf-8', { fatal: true }).decode(input)
  } catch {
    throw new CsvError(NOT_UTF8)
  }
}

// With LF only, csv-parse's line counter matches the lines a user sees in an editor.
function normaliseNewlines(text: string) {
  return text.replace(/\r\n?/g, '\n')
}

function countNewlines(value: string) {
  let n = 0
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) n++
  return n
}

// The header row never contains quoted delimiters in practice: count outside quotes anyway.
function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && char === '\n') break
    else if (!quoted && char === ';') semicolons++
    else if (!quoted && char === ',') commas++
  }
  return semicolons > commas ? ';' : ','
}

function translateParseError(error: unknown, lastLine: number): Error {
  const code = (error as { code?: string }).code
  const line = (error as { lines?: number }).lines
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvError(
        `Ab Zeile ${lastLine + 1} wird ein Anführungszeichen geöffnet, aber nicht wieder geschlossen.`,
        lastLine + 1,
      )
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return new CsvError(
        `Zeile ${line} enthält ein Anführungszeichen an falscher Stelle. ` +
          'Anführungszeichen in einem Feld müssen verdoppelt werden ("").',
        line,
      )
    default:
      return error instanceof Error ? error : new Error(String(error))
  }
}
