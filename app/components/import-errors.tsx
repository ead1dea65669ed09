import type { ReactNode } from 'react'

export type ImportError = { line?: number | null; column?: string | null; message: string }

/** The errors of an uploaded file by line and column, as both import previews show them. */
export function ImportErrorTable({ errors, caption }: { errors: ImportError[]; caption: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="kern-table kern-table--striped">
        <caption className="kern-title">{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header kern-table__header--numeric">Zeile</th>
            <th scope="col" className="kern-table__header">Spalte</th>
            <th scope="col" className="kern-table__header">Fehler</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {errors.map((e, i) => (
            <tr className="kern-table__row" key={i}>
              <td className="kern-table__cell kern-table__cell--numeric">{e.line ?? '–'}</td>
              <td className="kern-table__cell">{e.column ?? '–'}</td>
              <td className="kern-table__cell">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
