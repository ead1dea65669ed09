import { Link } from '@remix-run/react'
import { StatusChip } from '~/components/status-chip'
import { TableScroll } from '~/components/table-scroll'
import { Availability, Connection, Funding, InterfaceStatus, OnlineServiceKind, PendingPlan, type ApproachCode, type StageCode } from '~/domain/enums'
import { formatDate, formatNumber } from '~/domain/format'
import type { getServiceDetail } from '~/models/service-detail.server'

// The parts of the service page (/leistungen/:ozgId), one section each.
type Detail = NonNullable<Awaited<ReturnType<typeof getServiceDetail>>>
type Service = { ozgId: string; name: string }

const label = <C extends string>(set: { label: (c: C | null | undefined) => string }, code: string | null | undefined) => set.label(code as C) || '–'

function maturityText(maturity: number | null, model: string | null) {
  if (maturity === null) return '–'
  return model && model !== '1.1' ? `${maturity} (Modell ${model})` : String(maturity)
}

export function LeikaSection({ service, leika }: { service: Service; leika: Detail['leika'] }) {
  return (
    <section aria-labelledby="leika-heading">
      <h2 className="kern-heading-medium" id="leika-heading">
        LeiKa-Leistungen
      </h2>
      {leika.length ? (
        <TableScroll label="LeiKa-Leistungen">
          <table className="kern-table kern-table--small">
            <caption className="visually-hidden">LeiKa-Leistungen von {service.name}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">LeiKa-Schlüssel</th>
                <th scope="col" className="kern-table__header">Bezeichnung</th>
                <th scope="col" className="kern-table__header">LeiKa-Typ</th>
                <th scope="col" className="kern-table__header">Rechtsgrundlage</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {leika.map((l, i) => (
                <tr key={`${l.key}-${i}`} className="kern-table__row">
                  <td className="kern-table__cell">{l.key ?? 'nicht im LeiKa'}</td>
                  <td className="kern-table__cell">{l.name}</td>
                  <td className="kern-table__cell">{l.leikaType ?? '–'}</td>
                  <td className="kern-table__cell">{l.legalBasis ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="kern-body">Zu dieser Leistung sind keine LeiKa-Leistungen hinterlegt.</p>
      )}
    </section>
  )
}

export function ImplementationsSection({ service, implementations }: { service: Service; implementations: Detail['implementations'] }) {
  return (
    <section aria-labelledby="os-heading">
      <h2 className="kern-heading-medium" id="os-heading">
        Online-Dienste für diese Leistung
      </h2>
      {implementations.length ? (
        <TableScroll label="Online-Dienste für diese Leistung">
          <table className="kern-table kern-table--small">
            <caption className="visually-hidden">Online-Dienste, die {service.name} umsetzen</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Online-Dienst</th>
                <th scope="col" className="kern-table__header">Art</th>
                <th scope="col" className="kern-table__header">Anbieter / Federführung</th>
                <th scope="col" className="kern-table__header">Verfügbarkeit</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Reifegrad</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Kreise (davon produktiv)</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {implementations.map((o) => (
                <tr key={o.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/online-dienste/${o.id}`}>
                      {o.name}
                    </Link>
                  </th>
                  <td className="kern-table__cell">{label(OnlineServiceKind, o.kind)}</td>
                  <td className="kern-table__cell">
                    {o.kind === 'community' && o.leadName ? `Federführung: ${o.leadName}` : (o.provider ?? '–')}
                  </td>
                  <td className="kern-table__cell">{label(Availability, o.availability)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{maturityText(o.maturity, o.maturityModel)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {o.users} ({o.live})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="kern-body">Für diese Leistung ist noch kein Online-Dienst erfasst.</p>
      )}
    </section>
  )
}

export function CountiesSection({ service, counties }: { service: Service; counties: Detail['counties'] }) {
  return (
    <section aria-labelledby="counties-heading">
      <h2 className="kern-heading-medium" id="counties-heading">
        Alle Kreise im Vergleich
      </h2>
      <TableScroll label="Alle Kreise im Vergleich">
        <table className="kern-table kern-table--small kern-table--striped side-by-side">
          <caption className="visually-hidden">Umsetzungsstand von {service.name} in jedem Mitgliedskreis</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Kreis</th>
              <th scope="col" className="kern-table__header">Umsetzungsstand</th>
              <th scope="col" className="kern-table__header">Online-Dienst (Anbindung)</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Reifegrad</th>
              <th scope="col" className="kern-table__header">Fachverfahren</th>
              <th scope="col" className="kern-table__header">Schnittstelle</th>
              <th scope="col" className="kern-table__header">Ende-zu-Ende</th>
              <th scope="col" className="kern-table__header">Finanzierung</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {counties.map((c) => (
              <tr key={c.ags} className="kern-table__row" data-ags={c.ags}>
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`/kreise/${c.ags}/leistungen/${service.ozgId}`}>
                    {c.name}
                  </Link>
                </th>
                <td className="kern-table__cell">
                  <StatusChip approach={c.approach as ApproachCode | null} stage={c.stage as StageCode | null} />
                  {c.pendingPlan ? <div className="muted">{label(PendingPlan, c.pendingPlan)}</div> : null}
                  {c.onlineSince ? <div className="muted">online seit {formatDate(c.onlineSince)}</div> : null}
                </td>
                <td className="kern-table__cell">
                  {c.onlineServiceId ? (
                    <>
                      <Link className="kern-link" to={`/online-dienste/${c.onlineServiceId}`}>
                        {c.onlineServiceName}
                      </Link>
                      {c.connection ? ` (${label(Connection, c.connection)})` : ''}
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{maturityText(c.maturity, c.maturityModel)}</td>
                <td className="kern-table__cell">
                  {c.fachverfahrenName ? (
                    <>
                      {c.fachverfahrenName}
                      {c.vendorId ? (
                        <div>
                          <Link className="kern-link" to={`/hersteller/${c.vendorId}`}>
                            {c.vendorName}
                          </Link>
                        </div>
                      ) : null}
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="kern-table__cell">
                  {label(InterfaceStatus, c.interfaceStatus)}
                  {c.interfaceStandard ? <div className="muted">{c.interfaceStandard}</div> : null}
                </td>
                <td className="kern-table__cell">{c.endToEnd === null ? '–' : c.endToEnd ? 'ja' : 'nein'}</td>
                <td className="kern-table__cell">{label(Funding, c.funding)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  )
}

