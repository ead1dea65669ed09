// The report's flat lists (screen only; the printed Sitzungsvorlage and the exports have them in
// full), with the status language's chips where a list shows a row's state.
import type { ReactNode } from 'react'
import { StatusChip } from '~/components/status-chip'
import { Approach, type ApproachCode, type StageCode } from '~/domain/enums'
import { germanDateTime } from '~/domain/meeting-report'
import type { Report } from './types'

const approach = (code: string | null) => (code ? Approach.label(code as ApproachCode) : '–')

function OnlineVia({ approach: code, onlineService }: { approach: string | null; onlineService: string | null }) {
  return (
    <>
      <StatusChip approach={code as ApproachCode | null} stage="online" />
      {onlineService ? ` – ${onlineService}` : ''}
    </>
  )
}

export function ReportLists({ report, listLimit }: { report: Report; listLimit: number }) {
  const community = report.community
  return (
    <>
      <RowList
        id="online"
        title={`Neu online (${community.newlyOnline})`}
        empty="Keine Leistung ist im Berichtszeitraum online gegangen."
        headers={['Kreis', 'Leistung', 'Umsetzungsweg / Online-Dienst', 'Datum']}
        rows={report.newlyOnline.map((r) => ({ key: `${r.ags}-${r.ozgId}`, cells: [r.county, `${r.ozgId} ${r.service}`, <OnlineVia key="via" approach={r.approach} onlineService={r.onlineService} />, germanDateTime(r.changedAt)] }))}
        limit={listLimit}
        screenOnly
      />
      <RowList
        id="approach"
        title={`Wechsel des Umsetzungswegs (${community.approachChanges})`}
        empty="Kein Kreis hat im Berichtszeitraum den Umsetzungsweg einer Leistung geändert."
        headers={['Kreis', 'Leistung', 'Von → nach', 'Datum']}
        rows={report.approachChanges.map((r, i) => ({ key: `${r.ags}-${r.ozgId}-${i}`, cells: [r.county, `${r.ozgId} ${r.service}`, `${approach(r.from)} → ${approach(r.to)}`, germanDateTime(r.changedAt)] }))}
        limit={listLimit}
        screenOnly
      />
      <RowList
        id="efa"
        title={`Leistungen, die auf EfA warten (${report.awaitingEfa.length}${report.awaitingEfa.length >= listLimit ? '+' : ''})`}
        empty="Kein Kreis wartet auf einen EfA-Dienst."
        headers={['Leistung', 'Kreise', 'Welche']}
        rows={report.awaitingEfa.map((r) => ({ key: r.ozgId, cells: [`${r.ozgId} ${r.service}`, String(r.countyCount), r.counties] }))}
        headerIndex={0}
        limit={listLimit}
        note="Sortiert nach der Zahl der wartenden Kreise: Hier lohnt gemeinsames Nachfragen beim Land."
        screenOnly
      />
      <RowList
        id="funding"
        title={`Finanzierung ungeklärt (${community.fundingUnclear})`}
        empty="Bei keiner Leistung ist die Finanzierung ungeklärt."
        headers={['Kreis', 'Leistung', 'Stand']}
        rows={report.fundingUnclear.map((r) => ({ key: `${r.ags}-${r.ozgId}`, cells: [r.county, `${r.ozgId} ${r.service}`, <StatusChip key="status" approach={r.approach as ApproachCode} stage={r.stage as StageCode} />] }))}
        limit={listLimit}
        screenOnly
      />
    </>
  )
}

function Capped({ shown, total, limit }: { shown: number; total?: number; limit: number }) {
  if (shown < limit) return null
  return (
    <p className="kern-body kern-body--small">
      Die ersten {limit}
      {total !== undefined ? ` von ${total}` : ''} Einträge; vollständig im CSV- und Markdown-Export.
    </p>
  )
}

function RowList({
  id,
  title,
  empty,
  headers,
  rows,
  limit,
  note,
  headerIndex = 1,
  screenOnly,
}: {
  headerIndex?: number
  id: string
  title: string
  empty: string
  headers: string[]
  rows: { key: string; cells: ReactNode[] }[]
  limit: number
  note?: string
  /** Long flat lists that the printed Sitzungsvorlage leaves out: its changes are grouped per
   *  county above, the complete lists are in the exports. */
  screenOnly?: boolean
}) {
  return (
    <section className={`report-section kern-stack ${screenOnly ? 'no-print' : ''}`} aria-labelledby={`${id}-heading`}>
      <h2 className="kern-heading-medium" id={`${id}-heading`}>
        {title}
      </h2>
      {note && rows.length > 0 ? <p className="kern-body kern-body--small">{note}</p> : null}
      {rows.length === 0 ? (
        <p className="kern-body">{empty}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
          <table className="kern-table kern-table--striped kern-table--small">
            <caption className="visually-hidden">{title}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                {headers.map((h) => (
                  <th scope="col" className="kern-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rows.map((r) => (
                <tr className="kern-table__row" key={r.key}>
                  {r.cells.map((cell, i) =>
                    i === headerIndex ? (
                      <th scope="row" className="kern-table__cell" key={i}>
                        {cell}
                      </th>
                    ) : (
                      <td className="kern-table__cell" key={i}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Capped shown={rows.length} limit={limit} />
    </section>
  )
}
