import { displayValue, FIELD_COLUMN, FIELD_LABEL, type DisplayNames, type StatusDiff, type StatusField } from '~/domain/status'

export type NameLists = { onlineServices: (readonly [number, string])[]; fachverfahren: (readonly [number, string])[] }

/** What the save action sends back when someone else saved the row in between. */
export type ConflictView = {
  version: number
  changesSince: { changedAt: string | Date; byName: string | null; byEmail: string | null; comment: string | null; changes: StatusDiff }[]
  clashes: StatusField[]
  theirs: StatusField[]
  current: Record<string, unknown>
  mine: Record<string, unknown>
  names: NameLists
}

/** The id → name maps displayValue() reads, from the lists a loader or action sends. */
export function nameMaps(names: NameLists): DisplayNames {
  return { onlineServices: new Map(names.onlineServices), fachverfahren: new Map(names.fachverfahren) }
}

/** The other person's changes, merged into the form below; clashes are for the user to decide. */
export function ConflictNotice({ conflict }: { conflict: ConflictView }) {
  const names = nameMaps(conflict.names)
  const who = [...new Set(conflict.changesSince.map((c) => c.byName || c.byEmail || 'jemand anderes'))].join(', ')
  return (
    <div className="kern-alert kern-alert--warning" role="alert" tabIndex={-1}>
      <div className="kern-alert__header">
        <span className="kern-title">Diese Zeile wurde inzwischen geändert</span>
      </div>
      <div className="kern-alert__body kern-stack">
        <p className="kern-body">
          {who} hat die Zeile gespeichert, während Sie sie bearbeitet haben. Ihre Eingaben sind nicht verloren: Das Formular unten enthält sie. Felder, die nur
          die andere Person geändert hat, sind übernommen. {conflict.clashes.length > 0 ? 'Bei den markierten Feldern haben Sie beide etwas anderes eingetragen: Entscheiden Sie dort.' : ''} Prüfen Sie das
          Formular und speichern Sie erneut.
        </p>
        <div className="table-scroll status-scroll" tabIndex={0} role="region" aria-label="Was die andere Person geändert hat">
          <table className="kern-table">
            <caption className="kern-title">Was die andere Person geändert hat</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Feld</th>
                <th scope="col" className="kern-table__header">Vorher</th>
                <th scope="col" className="kern-table__header">Jetzt gespeichert</th>
                <th scope="col" className="kern-table__header">Ihre Eingabe</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {conflict.theirs.map((field) => {
                const first = conflict.changesSince.find((c) => field in c.changes)
                const clash = conflict.clashes.includes(field)
                return (
                  <tr key={field} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <a className="kern-link" href={`#${FIELD_COLUMN[field]}`}>
                        {FIELD_LABEL[field]}
                      </a>
                      {clash ? <strong> – beide geändert, bitte entscheiden</strong> : null}
                    </th>
                    <td className="kern-table__cell">{displayValue(field, first?.changes[field]?.from, names)}</td>
                    <td className="kern-table__cell">{displayValue(field, conflict.current[field], names)}</td>
                    <td className="kern-table__cell">{clash ? displayValue(field, conflict.mine[field], names) : 'nicht geändert – übernommen'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        {conflict.changesSince.some((c) => c.comment) ? (
          <p className="kern-body">Kommentar: {conflict.changesSince.map((c) => c.comment).filter(Boolean).join(' · ')}</p>
        ) : null}
      </div>
    </div>
  )
}
