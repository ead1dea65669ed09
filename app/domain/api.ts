// The JSON API's shapes that are pure data: paging limits (the OpenAPI document, built at module
// level, uses them) and a status row as JSON, derived from the field table like the file format.
import type { StatusFieldSpec } from './status-fields'
import { keyCells, STATUS_CSV_COLUMNS, STATUS_FILE_FIELDS, typedFileValue, type StatusExportRow } from './status-csv'
import { AGS_PATTERN, OZG_ID_PATTERN } from './rules'

export const MAX_LIMIT = 1000
export const DEFAULT_LIMIT = 100

/** A status row as the API returns it: the file's columns and German words, with typed numbers,
 *  booleans, and null for unknown. */
export function toApiRecord(row: StatusExportRow): Record<string, string | number | boolean | null> {
  const keys = keyCells(row)
  const byColumn = new Map<string, StatusFieldSpec>(STATUS_FILE_FIELDS.map((f) => [f.column, f]))
  const record: Record<string, string | number | boolean | null> = {}
  for (const column of STATUS_CSV_COLUMNS) {
    const f = byColumn.get(column)
    record[column] = f ? typedFileValue(f, row) : keys[column] || null
  }
  return record
}

const words = (set: { list: readonly { value: string }[] }) => set.list.map((o) => o.value)

/** The OpenAPI schema of one status property, from the field's type. */
function fieldProperty(f: StatusFieldSpec): Record<string, unknown> {
  const described = { ...(f.api?.description ? { description: f.api.description } : {}), ...(f.api?.examples ? { examples: f.api.examples } : {}) }
  switch (f.type) {
    case 'enum':
      return f.empty ? { type: 'string', enum: words(f.set!), ...described } : { type: ['string', 'null'], enum: [...words(f.set!), null], ...described }
    case 'maturity':
      return { type: ['integer', 'null'], minimum: 0, maximum: 7, ...described }
    case 'count':
      return { type: ['integer', 'null'], minimum: 0, ...described }
    case 'amount':
      return { type: ['number', 'null'], minimum: 0, ...described }
    case 'date':
      return { type: ['string', 'null'], format: 'date', ...described }
    case 'boolean':
      return { type: ['boolean', 'null'], ...described }
    default:
      return { type: ['string', 'null'], ...described }
  }
}

/** The properties of the API's Status schema, in the file's column order. */
export function statusApiProperties(): Record<string, object> {
  const keys: Record<string, object> = {
    ags: { type: 'string', pattern: AGS_PATTERN.source, description: 'Amtlicher Gemeindeschlüssel des Kreises' },
    kreis: { type: 'string' },
    ozg_id: { type: 'string', pattern: OZG_ID_PATTERN.source },
    leistung: { type: 'string' },
    hersteller: { type: ['string', 'null'] },
  }
  const byColumn = new Map<string, StatusFieldSpec>(STATUS_FILE_FIELDS.map((f) => [f.column, f]))
  return Object.fromEntries(STATUS_CSV_COLUMNS.map((c) => [c, byColumn.has(c) ? fieldProperty(byColumn.get(c)!) : keys[c]]))
}
