// Negotiations by vendor: the shared negotiations and, below them, the counties' rows with an
// open interface (first few per vendor, all on request).
import { Link } from '@remix-run/react'
import { InterfaceStatus, NegotiationStage, type InterfaceStatusCode, type NegotiationStageCode } from '~/domain/enums'
import { germanDate } from '~/domain/meeting-report'
import type { Decisions, Report, ReportPageData } from './types'
import { compareGerman } from '~/domain/format'

const stageLabel = (code: string | null) => (code ? NegotiationStage.label(code as NegotiationStageCode) : '–')
export const expandLink = (alle: string, anchor: string) => `?${new URLSearchParams({ alle })}#${anchor}`

type Props = { report: Report; decisions: Decisions; expand: ReportPageData['expand']; groupLimit: number }

export function VendorsSection({ report, decisions, expand, groupLimit }: Props) {
  // Shared negotiations and the status rows' open interfaces, by vendor.
  const vendorIds = [...new Set([...decisions.sharedNegotiations.map((n) => n.vendorId), ...report.negotiationVendors.map((v) => v.vendorId)])]
  const vendorName = (id: number) =>
    decisions.sharedNegotiations.find((n) => n.vendorId === id)?.vendor ?? report.negotiationVendors.find((v) => v.vendorId === id)?.vendor ?? 'Ohne Fachverfahren'
  vendorIds.sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : compareGerman(vendorName(a), vendorName(b))))
  return (
    <section className="report-section kern-stack" aria-labelledby="vendors-heading">
      <h2 className="kern-heading-medium" id="vendors-heading">
        Verhandlungen nach Hersteller
      </h2>
      <p className="kern-body kern-body--small">
        Gemeinsame Verhandlungen mit Stand und Fortschritt im Berichtszeitraum, darunter die Zeilen der Kreise mit offener Schnittstelle (in
        Verhandlung, Entwicklung oder Test) – je Hersteller die ersten {groupLimit}, neue zuerst.
      </p>
      {vendorIds.length === 0 ? <p className="kern-body">Es gibt keine offenen Verhandlungen.</p> : null}
      {vendorIds.map((vendorId) => (
        <VendorGroup key={vendorId} vendorId={vendorId} name={vendorName(vendorId)} report={report} decisions={decisions} expand={expand} groupLimit={groupLimit} />
      ))}
    </section>
  )
}

function VendorGroup({ vendorId, name, report, decisions, expand, groupLimit }: Props & { vendorId: number; name: string }) {
  const shared = decisions.sharedNegotiations.filter((n) => n.vendorId === vendorId)
  const counts = report.negotiationVendors.find((v) => v.vendorId === vendorId)
  const rows = report.negotiations.filter((r) => r.vendorId === vendorId)
  const anchor = `hersteller-${vendorId}`
  return (
    <div className="report-group kern-stack">
      <h3 className="kern-heading-small" id={anchor}>
        {name}
        {counts ? ` – ${counts.open} offene Schnittstellen${counts.new ? `, ${counts.new} neu` : ''}` : ''}
      </h3>
      {shared.length ? (
        <ul className="kern-list">
          {shared.map((n) => (
            <li key={n.id}>
              <Link className="kern-link" to={`/verhandlungen/${n.id}`}>
                {n.subject || n.vendor}
              </Link>
              : {stageLabel(n.stage)} · {n.countyCount} Kreise{n.lead ? ` · verhandelt: ${n.lead}` : ''}
              {n.progress.length ? ` · im Zeitraum: ${n.progress.map((p) => (p.from ? `${stageLabel(p.from)} → ${stageLabel(p.to)}` : `begonnen (${stageLabel(p.to)})`)).join(', ')}` : ' · im Zeitraum unverändert'}
              {n.nextStep ? ` · nächster Schritt: ${n.nextStep}` : ''}
              {n.dueDate ? ` (fällig ${germanDate(n.dueDate)}${n.isDue ? ', fällig bis zur Sitzung' : ''})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {rows.length ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Offene Schnittstellen mit ${name}`}>
          <table className="kern-table kern-table--small">
            <caption className="visually-hidden">Offene Schnittstellen mit {name}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Kreis</th>
                <th scope="col" className="kern-table__header">Leistung</th>
                <th scope="col" className="kern-table__header">Stand</th>
                <th scope="col" className="kern-table__header">Fachverfahren</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rows.map((r) => (
                <tr className="kern-table__row" key={`${r.ags}-${r.ozgId}`}>
                  <td className="kern-table__cell">{r.county}</td>
                  <th scope="row" className="kern-table__cell">
                    {r.ozgId} {r.service}
                  </th>
                  <td className="kern-table__cell">
                    {InterfaceStatus.label(r.interfaceStatus as InterfaceStatusCode)}
                    {r.isNew ? ' (neu)' : ''}
                  </td>
                  <td className="kern-table__cell">{r.fachverfahren ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {counts && counts.open > rows.length ? (
        <p className="kern-body no-print">
          <Link className="kern-link" to={expandLink(`hersteller-${vendorId}`, anchor)}>
            alle {counts.open} anzeigen<span className="visually-hidden"> ({name})</span>
          </Link>
        </p>
      ) : null}
      {counts && counts.open > rows.length ? <p className="print-only kern-body kern-body--small">… und {counts.open - rows.length} weitere (vollständig im Export).</p> : null}
      {expand.vendorId === vendorId && counts && counts.open > groupLimit ? (
        <p className="kern-body no-print">
          <Link className="kern-link" to={`?#${anchor}`}>
            nur die ersten {groupLimit} anzeigen
          </Link>
        </p>
      ) : null}
    </div>
  )
}
