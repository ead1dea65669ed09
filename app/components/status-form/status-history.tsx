import { ChangeList, changeSourceLabel } from '~/components/change-list'
import { TableHead } from '~/components/table-head'
import { formatDateTime } from '~/domain/format'
import type { DisplayNames, StatusDiff } from '~/domain/status'

export type HistoryItem = { id: number; changedAt: string | Date; byName: string | null; byEmail: string | null; changes: StatusDiff; comment: string | null; source: string }

/** Every change of one row, newest first, in a scroll box that keyboard users can reach. */
export function StatusHistory({ history, names }: { history: HistoryItem[]; names: DisplayNames }) {
  return (
    <section aria-labelledby="history-title" className="kern-stack">
      <h2 className="kern-heading-medium" id="history-title">
        Historie
      </h2>
      {history.length === 0 ? (
        <p className="kern-body">Noch keine Änderungen.</p>
      ) : (
        <div className="table-scroll status-scroll" tabIndex={0} role="region" aria-labelledby="history-title">
          <table className="kern-table kern-table--striped" aria-labelledby="history-title" aria-describedby="history-order">
            <TableHead columns={['Wann', 'Wer', 'Änderung', 'Kommentar', 'Quelle']} />
            <tbody className="kern-table__body">
              {history.map((h) => (
                <tr key={h.id} className="kern-table__row">
                  <td className="kern-table__cell">{formatDateTime(h.changedAt)}</td>
                  <td className="kern-table__cell">{h.byName || h.byEmail || '–'}</td>
                  <td className="kern-table__cell">
                    <ChangeList changes={h.changes} names={names} />
                  </td>
                  <td className="kern-table__cell">{h.comment ?? ''}</td>
                  <td className="kern-table__cell">{changeSourceLabel[h.source] ?? h.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {history.length > 0 ? (
        <p className="kern-hint" id="history-order">
          Neueste Änderung zuerst.
        </p>
      ) : null}
    </section>
  )
}
