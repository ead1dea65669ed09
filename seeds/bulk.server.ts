// Bulk inserts for the seeds. Binding one parameter per value costs more than the insert itself
// (on PGlite in particular), so every chunk travels as a single jsonb parameter instead.
import { getTableColumns, getTableName, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { queryRows, type Tx } from '../app/utils/db.server'

const CHUNK = 2000

/**
 * Inserts `rows` (drizzle's insert shape) in chunks and returns the `returning` columns (SQL
 * names) of every row, in no guaranteed order. A column left out of every row gets its default;
 * one left out of some rows only is null there.
 */
export async function bulkInsert<T extends PgTable, R = never>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  returning: string[] = [],
): Promise<R[]> {
  const columns = Object.entries(getTableColumns(table))
    .filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined))
    .map(([key, column]) => ({ key, name: column.name, type: recordType(column.getSQLType()) }))
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '))
  const definition = sql.raw(columns.map((c) => `"${c.name}" ${c.type}`).join(', '))
  const returningClause = returning.length > 0 ? sql.raw(` returning ${returning.map((r) => `"${r}"`).join(', ')}`) : sql``

  const result: R[] = []
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((row) =>
      Object.fromEntries(columns.map((c) => [c.name, (row as Record<string, unknown>)[c.key] ?? null])),
    )
    const inserted = await queryRows<R>(
      tx,
      sql`insert into ${sql.identifier(getTableName(table))} (${names})
          select ${names} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(${definition})${returningClause}`,
    )
    result.push(...inserted)
  }
  return result
}

// Serial types exist only in CREATE TABLE; a record definition needs the plain integer type.
function recordType(sqlType: string) {
  return sqlType === 'serial' ? 'integer' : sqlType === 'bigserial' ? 'bigint' : sqlType
}
