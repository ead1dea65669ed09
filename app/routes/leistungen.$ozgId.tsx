import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import chartsCss from '~/components/charts/charts.css?url'
import {
  Approach,
  Availability,
  Connection,
  CountyKind,
  Funding,
  InterfaceStatus,
  OnlineServiceKind,
  PendingPlan,
  Responsibility,
  Stage,
} from '~/domain/enums'
import { countOf, formatPercent } from '~/domain/kpi'
import { getServiceDetail } from '~/models/service-detail.server'
import { requireUser } from '~/guards/auth.server'
import { notFound, parseParams } from '~/utils/http.server'

const Params = z.object({ ozgId: z.string().regex(/^[0-9]{5}$/) })

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chartsCss }]
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.service.ozgId} ${data.service.name} – OZG-Radar` : 'Leistung – OZG-Radar' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request)
  const { ozgId } = parseParams(Params, params)
  const detail = await getServiceDetail(ozgId)
  if (!detail) throw notFound(`Eine Leistung mit der OZG-ID ${ozgId} gibt es im Katalog nicht. Suchen Sie sie unter „Leistungen“.`)
  return detail
}

const label = <C extends string>(set: { label: (c: C | null | undefined) => string }, code: string | null | undefined) => set.label(code as C) || '–'

function maturityText(maturity: number | null, model: string | null) {
  if (maturity === null) return '–'
  return model && model !== '1.1' ? `${maturity} (Modell ${model})` : String(maturity)
}

export default function ServicePage() {
  const { service, leika, implementations, counties, reuse, communitySolutions, contacts } = useLoaderData<typeof loader>()
  const contactsOf = (countyId: number) => contacts.filter((c) => c.countyId === countyId)
  const online = counties.filter((c) => c.approach && (c.approach === 'own' || c.approach === 'efa') && c.stage === 'online')
  return (
    <div className="kern-stack">
      <p className="kern-body no-print">
        <Link className="kern-link" to="/leistungen">
          Zurück zum Katalog
        </Link>
      </p>
      <h1 className="kern-heading-large">
        <span className="muted">{service.ozgId}</span> {service.name}
      </h1>
      {service.retiredAt ? (
        <div className="kern-alert kern-alert--warning" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Diese Leistung ist nicht mehr im aktuellen Katalog.</p>
          </div>
        </div>
      ) : null}
      {service.description ? <p className="kern-body">{service.description}</p> : null}
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Themenfeld</dt>
          <dd className="kern-description-list-item__value">{service.theme}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Lebenslage</dt>
          <dd className="kern-description-list-item__value">{service.lifeSituation ?? '–'}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Zuständigkeit</dt>
          <dd className="kern-description-list-item__value">
            {service.responsibilities.map((r) => Responsibility.label(r)).join(', ') || '–'}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Gilt für</dt>
          <dd className="kern-description-list-item__value">
            {service.appliesTo.map((k) => CountyKind.label(k)).join(', ') || 'keine Kreisebene (nicht kommunal)'}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="leika-heading">
        <h2 className="kern-heading-medium" id="leika-heading">
          LeiKa-Leistungen
        </h2>
        {leika.length ? (
          <div className="table-scroll">
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
          </div>
        ) : (
          <p className="kern-body">Zu dieser Leistung sind keine LeiKa-Leistungen hinterlegt.</p>
        )}
      </section>

      <section aria-labelledby="os-heading">
        <h2 className="kern-heading-medium" id="os-heading">
          Online-Dienste für diese Leistung
        </h2>
        {implementations.length ? (
          <div className="table-scroll">
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
          </div>
        ) : (
          <p className="kern-body">Für diese Leistung ist noch kein Online-Dienst erfasst.</p>
        )}
      </section>

      <section aria-labelledby="reuse-heading">
        <h2 className="kern-heading-medium" id="reuse-heading">
          Nachnutzung: wer kann helfen?
        </h2>
        <dl className="kpis">
          <div className="kpi" data-kpi="reuse-online">
            <dt>Online</dt>
            <dd>
              {formatPercent(reuse.online, reuse.applicable)}
              <small>{countOf(reuse.online, reuse.applicable)} zuständigen Kreisen</small>
            </dd>
          </div>
          <div className="kpi" data-kpi="reuse-awaiting">
            <dt>Warten auf einen EfA-Dienst</dt>
            <dd>
              {reuse.awaitingEfa}
              <small>Kreise mit Umsetzungsweg „offen“ und Planung „warten auf EfA“ (von {reuse.pending} offenen)</small>
            </dd>
          </div>
        </dl>
        {online.length ? (
          <div className="table-scroll">
            <table className="kern-table kern-table--small">
              <caption className="kern-title">Kreise, die die Leistung online anbieten – fragen Sie dort nach</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">Kreis</th>
                  <th scope="col" className="kern-table__header">Umsetzungsweg</th>
                  <th scope="col" className="kern-table__header">Online-Dienst</th>
                  <th scope="col" className="kern-table__header">Ende-zu-Ende</th>
                  <th scope="col" className="kern-table__header">Kontakt</th>
                  <th scope="col" className="kern-table__header">Ansprechpersonen</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {online.map((c) => (
                  <tr key={c.ags} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <Link className="kern-link" to={`/kreise/${c.ags}/leistungen/${service.ozgId}`}>
                        {c.name}
                      </Link>
                    </th>
                    <td className="kern-table__cell">{label(Approach, c.approach)}</td>
                    <td className="kern-table__cell">
                      {c.onlineServiceId ? (
                        <Link className="kern-link" to={`/online-dienste/${c.onlineServiceId}`}>
                          {c.onlineServiceName}
                        </Link>
                      ) : (
                        '–'
                      )}
                    </td>
                    <td className="kern-table__cell">{c.endToEnd === null ? '–' : c.endToEnd ? 'ja' : 'nein'}</td>
                    <td className="kern-table__cell">{c.contact ?? '–'}</td>
                    <td className="kern-table__cell">
                      <ContactList contacts={contactsOf(c.countyId)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="kern-body">Noch kein Kreis der Community bietet diese Leistung online an.</p>
        )}
        {communitySolutions.map((s) => (
          <div key={s.id} className="kern-stack" data-community-solution={s.id}>
            <h3 className="kern-heading-small">
              Community-Lösung „{s.name}“ – Federführung: {s.leadName ?? '–'}
            </h3>
            {s.leadAgs ? (
              <div className="kern-body">
                Ansprechpersonen der Federführung: <ContactList contacts={contacts.filter((c) => counties.find((k) => k.ags === s.leadAgs)?.countyId === c.countyId)} />
              </div>
            ) : null}
            <p className="kern-body">
              Übernommen von {s.adopted.length} Kreis{s.adopted.length === 1 ? '' : 'en'}
              {s.adopted.length ? ': ' : '.'}
              {s.adopted.map((a, i) => (
                <span key={a.ags}>
                  {i ? ', ' : ''}
                  <Link className="kern-link" to={`/kreise/${a.ags}/leistungen/${service.ozgId}`}>
                    {a.name}
                  </Link>
                  {a.connection ? ` (${Connection.label(a.connection as never)})` : ''}
                </span>
              ))}
            </p>
            <p className="kern-body">
              Noch nicht übernommen ({s.notYet.length}): {s.notYet.length ? s.notYet.map((n) => `${n.name} (${label(Approach, n.approach)})`).join(', ') : 'keiner'}
            </p>
          </div>
        ))}
      </section>

      <section aria-labelledby="counties-heading">
        <h2 className="kern-heading-medium" id="counties-heading">
          Alle Kreise im Vergleich
        </h2>
        <div className="table-scroll">
          <table className="kern-table kern-table--small kern-table--striped side-by-side">
            <caption className="visually-hidden">Umsetzungsstand von {service.name} in jedem Mitgliedskreis</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Kreis</th>
                <th scope="col" className="kern-table__header">Umsetzungsweg</th>
                <th scope="col" className="kern-table__header">Online-Dienst (Anbindung)</th>
                <th scope="col" className="kern-table__header">Fortschritt</th>
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
                    {c.approach ? label(Approach, c.approach) : 'kein Eintrag'}
                    {c.pendingPlan ? <div className="muted">{label(PendingPlan, c.pendingPlan)}</div> : null}
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
                  <td className="kern-table__cell">
                    {c.stage ? label(Stage, c.stage) : '–'}
                    {c.onlineSince ? <div className="muted">seit {c.onlineSince}</div> : null}
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
        </div>
      </section>
    </div>
  )
}

function ContactList({ contacts }: { contacts: { id: number; name: string; role: string | null; email: string | null; phone: string | null }[] }) {
  if (contacts.length === 0) return <>–</>
  return (
    <ul className="contact-list">
      {contacts.map((p) => (
        <li key={p.id}>
          {p.name}
          {p.role ? `, ${p.role}` : ''}
          {p.email ? (
            <>
              {' · '}
              <a className="kern-link" href={`mailto:${p.email}`}>
                {p.email}
              </a>
            </>
          ) : null}
          {p.phone ? ` · Tel. ${p.phone}` : ''}
        </li>
      ))}
    </ul>
  )
}
