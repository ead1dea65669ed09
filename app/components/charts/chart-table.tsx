// The table of a chart's numbers, in a focusable region: wide or long tables scroll, and keyboard
// users must reach them (the focus ring comes from app.css).
import { formatNumber } from '~/domain/kpi'
import type { ChartFigureProps } from './chart-props'

function HeaderRow({ rowHeader, series, extraColumn }: Pick<ChartFigureProps, 'rowHeader' | 'series' | 'extraColumn'>) {
  return (
    <tr className="kern-table__row">
      <th scope="col" className="kern-table__header">
        {rowHeader}
      </th>
      {series.map((s) => (
        <th key={s.label} scope="col" className="kern-table__header kern-table__header--numeric">
          {s.label}
        </th>
      ))}
      {extraColumn ? (
        <th scope="col" className="kern-table__header kern-table__header--numeric">
          {extraColumn.header}
        </th>
      ) : null}
    </tr>
  )
}

export function ChartTable(props: ChartFigureProps) {
  const { labels, series, highlightIndex, percent } = props
  const cell = (si: number, li: number) => {
    const value = series[si].data[li]
    return props.formatCell ? props.formatCell(si, li, value) : `${formatNumber(value)}${percent ? ' %' : ''}`
  }
  return (
    <div
      className={`chart-figure__table table-scroll${props.tallTable ? ' chart-figure__table--tall' : ''}`}
      tabIndex={0}
      role="region"
      aria-label={`Tabelle: ${props.title}`}
    >
      <table className="kern-table kern-table--small" data-chart-table={props.id}>
        <caption className="visually-hidden">{props.title} – Werte als Tabelle</caption>
        <thead className="kern-table__header">
          <HeaderRow rowHeader={props.rowHeader} series={series} extraColumn={props.extraColumn} />
        </thead>
        <tbody className="kern-table__body">
          {labels.map((label, li) => (
            <tr key={label + li} className={`kern-table__row${li === highlightIndex ? ' is-highlighted' : ''}`}>
              <th scope="row" className="kern-table__cell">
                {props.rowLabels?.[li] ?? label}
                {li === highlightIndex ? <span className="kern-badge chart-home-badge"> {props.highlightLabel ?? 'Ihr Kreis'}</span> : null}
              </th>
              {series.map((s, si) => (
                <td key={s.label} className="kern-table__cell kern-table__cell--numeric" data-value={s.data[li]}>
                  {cell(si, li)}
                </td>
              ))}
              {props.extraColumn ? <td className="kern-table__cell kern-table__cell--numeric">{props.extraColumn.values[li]}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
