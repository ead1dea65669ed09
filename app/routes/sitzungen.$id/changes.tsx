// The rows each county changed in the report's period, grouped by county.
import { Link } from '@remix-run/react'
import { germanDateTime } from '~/domain/meeting-report'
import { FIELD_LABEL, type StatusField } from '~/domain/status'
import type { Report } from './types'
import { expandLink } from './vendors'

const changedNames = (fields: string[]) => fields.map((f) => FIELD_LABEL[f as StatusField] ?? f).join(', ')

export function ChangedRowsSection({ report }: { report: Report }) {
  const community = report.community
  return (
    <section className="report-section kern-stack" aria-labelledby="changed-heading">
      <h2 className="kern-heading-medium" id="changed-heading">
        Änderungen nach Kreis ({community.changedRows} Zeilen)
      </h2>
      {community.changedRows === 0 ? <p className="kern-body">Im Berichtszeitraum wurde keine Zeile geändert.</p> : null}
      {report.counties
        .filter((c) => c.changedRows > 0)
        .map((c) => (
          <CountyChanges key={c.ags} county={c} rows={report.changedRows.filter((r) => r.ags === c.ags)} />
        ))}
    </section>
  )
}

function CountyChanges({ county: c, rows }: { county: Report['counties'][number]; rows: Report['changedRows'] }) {
  const anchor = `aenderungen-${c.ags}`
  return (
    <div className="report-group kern-stack">
      <h3 className="kern-heading-small" id={anchor}>
        {c.name}: {c.changedRows} geänderte Zeilen{c.newlyOnline ? `, ${c.newlyOnline} neu online` : ''}
      </h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Geänderte Zeilen in ${c.name}`}>
        <table className="kern-table kern-table--small">
          <caption className="visually-hidden">Geänderte Zeilen in {c.name}, zuletzt geänderte zuerst</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Leistung</th>
              <th scope="col" className="kern-table__header">Geänderte Felder</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Änderungen</th>
              <th scope="col" className="kern-table__header">Zuletzt</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((r) => (
              <tr className="kern-table__row" key={r.ozgId}>
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`/kreise/${r.ags}/leistungen/${r.ozgId}`}>
                    {r.ozgId} {r.service}
                  </Link>
                </th>
                <td className="kern-table__cell">{changedNames(r.fields)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{r.changeCount}</td>
                <td className="kern-table__cell">{germanDateTime(r.lastChangedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.changedRows > rows.length ? (
        <>
          <p className="kern-body no-print">
            <Link className="kern-link" to={expandLink(`kreis-${c.ags}`, anchor)}>
              alle {c.changedRows} anzeigen<span className="visually-hidden"> ({c.name})</span>
            </Link>
          </p>
          <p className="print-only kern-body kern-body--small">… und {c.changedRows - rows.length} weitere (vollständig im Export).</p>
        </>
      ) : null}
    </div>
  )
}
