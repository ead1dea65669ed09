import type { ReactNode } from 'react'

/** One column heading: its words, or words plus `numeric` for a right-aligned figure column. */
export type Column = string | { label: ReactNode; key: string; numeric?: boolean }

/** A KERN table's header row of column headings (`th scope="col"`), in the given order. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead className="kern-table__header">
      <tr className="kern-table__row">
        {columns.map((c) =>
          typeof c === 'string' ? (
            <th key={c} scope="col" className="kern-table__header">
              {c}
            </th>
          ) : (
            <th key={c.key} scope="col" className={c.numeric ? 'kern-table__header kern-table__header--numeric' : 'kern-table__header'}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  )
}

/** A right-aligned figure column whose heading is its key. */
export const numeric = (label: string): Column => ({ label, key: label, numeric: true })
