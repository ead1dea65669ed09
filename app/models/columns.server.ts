import { getTableColumns, type Table } from 'drizzle-orm'

type ColumnsOf<T extends Table> = T['_']['columns']

/**
 * Columns of a table (or alias) selected under their own names, in the order given:
 * `pick(users, 'id', 'name')` is `{ id: users.id, name: users.name }`. Spread it into a select
 * next to the columns that are renamed or computed.
 */
export function pick<T extends Table, K extends keyof ColumnsOf<T> & string>(table: T, ...keys: K[]): Pick<ColumnsOf<T>, K> {
  const columns = getTableColumns(table)
  return Object.fromEntries(keys.map((key) => [key, columns[key]])) as Pick<ColumnsOf<T>, K>
}
