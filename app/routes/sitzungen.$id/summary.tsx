// The report's two overviews: per county in a table, and the community in charts (each with its table).
import { ChartFigure, type ChartSeries } from '~/components/charts/chart-figure'
import { okabeIto } from '~/components/charts/palette'
import { REPORT_COLUMNS } from '~/domain/meeting-report'
import type { Report } from './types'

export function ReportSummary({ report }: { report: Report }) {
  const community = report.community
  const summaryColumns = REPORT_COLUMNS.filter((c) => report.counties.some((county) => county[c.key] !== 0))
  const zeroColumns = REPORT_COLUMNS.filter((c) => !summaryColumns.includes(c))
  return (
    <section className="report-section kern-stack" aria-labelledby="summary-heading">
      <h2 className="kern-heading-medium" id="summary-heading">
        Überblick je Kreis
      </h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Überblick je Kreis">
        <table className="kern-table kern-table--small kern-table--striped report-summary">
          <caption className="visually-hidden">Je Kreis: online, Änderungen im Berichtszeitraum und offene Punkte</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Kreis</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Online (von zuständigen)</th>
              {summaryColumns.map((c) => (
                <th scope="col" className="kern-table__header kern-table__header--numeric" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {report.counties.map((c) => (
              <tr className="kern-table__row" key={c.ags}>
                <th scope="row" className="kern-table__cell">
                  {c.name}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {c.online} von {c.applicable}
                </td>
                {summaryColumns.map((col) => (
                  <td className="kern-table__cell kern-table__cell--numeric" key={col.key}>
                    {c[col.key]}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                Community
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">
                <strong>
                  {community.online} von {community.applicable}
                </strong>
              </td>
              {summaryColumns.map((col) => (
                <td className="kern-table__cell kern-table__cell--numeric" key={col.key}>
                  <strong>{community[col.key]}</strong>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="kern-body kern-body--small">
        {summaryColumns.map((c) => `${c.label}: ${c.counts}.`).join(' ')}
        {zeroColumns.length ? ` Ohne Spalten, die in jedem Kreis 0 sind: ${zeroColumns.map((c) => c.label).join(', ')}.` : ''}
      </p>
    </section>
  )
}

/** Series that are zero for every county say nothing: left out, and named below the chart. */
function nonZero(series: ChartSeries[]) {
  const shown = series.filter((s) => s.data.some((v) => v !== 0))
  const hidden = series.filter((s) => !s.data.some((v) => v !== 0)).map((s) => s.label)
  return { shown, hidden }
}

export function ReportOverview({ report }: { report: Report }) {
  const community = report.community
  const names = report.counties.map((c) => c.name)
  const changes = nonZero([
    { label: 'Neu online', data: report.counties.map((c) => c.newlyOnline), color: okabeIto.bluishGreen },
    { label: 'Wechsel des Umsetzungswegs', data: report.counties.map((c) => c.approachChanges), color: okabeIto.orange, pattern: 'diagonal' },
    { label: 'Neue Schnittstellenverhandlungen', data: report.counties.map((c) => c.newNegotiations), color: okabeIto.blue, pattern: 'dots' },
  ])
  const open = nonZero([
    { label: 'Offene Schnittstellenverhandlungen', data: report.counties.map((c) => c.openNegotiations), color: okabeIto.blue },
    { label: 'Warten auf EfA', data: report.counties.map((c) => c.awaitingEfa), color: okabeIto.skyBlue, pattern: 'diagonal' },
    { label: 'Finanzierung ungeklärt', data: report.counties.map((c) => c.fundingUnclear), color: okabeIto.vermillion, pattern: 'cross' },
  ])
  return (
    <section className="report-section kern-stack" aria-labelledby="overview-heading">
      <h2 className="kern-heading-medium" id="overview-heading">
        Community im Überblick
      </h2>
      {changes.shown.length ? (
        <ChartFigure
          id="chart-changes"
          type="bar"
          horizontal
          title="Was sich im Berichtszeitraum getan hat, je Kreis"
          summary={`Im Berichtszeitraum: ${community.newlyOnline} Leistungen neu online, ${community.approachChanges} Wechsel des Umsetzungswegs, ${community.newNegotiations} neue Schnittstellenverhandlungen.`}
          counts={`Anzahl im Berichtszeitraum.${changes.hidden.length ? ` Nicht gezeigt, weil überall 0: ${changes.hidden.join(', ')}.` : ''}`}
          labels={names}
          rowHeader="Kreis"
          series={changes.shown}
        />
      ) : (
        <p className="kern-body">Im Berichtszeitraum ist keine Leistung online gegangen, kein Umsetzungsweg gewechselt und keine Verhandlung begonnen worden.</p>
      )}
      {open.shown.length ? (
        <ChartFigure
          id="chart-open"
          type="bar"
          horizontal
          stacked
          title="Offene Punkte je Kreis"
          summary={`Heute offen: ${community.openNegotiations} Schnittstellenverhandlungen, ${community.awaitingEfa} Leistungen warten auf EfA, ${community.fundingUnclear} mit ungeklärter Finanzierung.`}
          counts={`Anzahl Leistungen, Stand heute.${open.hidden.length ? ` Nicht gezeigt, weil überall 0: ${open.hidden.join(', ')}.` : ''}`}
          labels={names}
          rowHeader="Kreis"
          series={open.shown}
          extraColumn={{ header: 'Nicht innerhalb der Frist bestätigt', values: report.counties.map((c) => `${c.stale} von ${c.applicable}`) }}
        />
      ) : null}
    </section>
  )
}
