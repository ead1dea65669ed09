import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { numeric, TableHead } from '~/components/table-head'
import { Approach, Availability, Connection, OnlineServiceKind, Stage } from '~/domain/enums'
import { canEditCatalogue } from '~/domain/permissions'
import { getOnlineService } from '~/models/online-service.server'
import { requireUser } from '~/guards/auth.server'
import { notFound, parseParams } from '~/utils/http.server'
import { PathId } from '~/domain/id'
import { formatAmount } from '~/domain/format'

const Params = z.object({ id: PathId })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.service.name ?? 'Online-Dienst'} – OZG-Radar` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { id } = parseParams(Params, params)
  const detail = await getOnlineService(id)
  if (!detail) throw notFound('Diesen Online-Dienst gibt es nicht. Wählen Sie ihn aus der Liste der Online-Dienste.')
  return { ...detail, canEdit: canEditCatalogue(user) }
}

const euro = (v: string | null) => (v === null ? '–' : `${formatAmount(Number(v))} EUR`)

type PageData = Awaited<ReturnType<typeof loader>>

function Facts({ service }: { service: PageData['service'] }) {
  return (
    <dl className="kern-description-list">
      {[
        ['Art', OnlineServiceKind.label(service.kind)],
        ['Anbieter', service.provider ?? '–'],
        ['Federführung', service.leadCountyName ?? '–'],
        ['Betreiber', service.operator ?? '–'],
        ['Verfügbarkeit', Availability.label(service.availability)],
        ['Reifegrad', service.maturity === null ? '–' : `${service.maturity} (Modell ${service.maturityModel})`],
        ['Einmaliges Entgelt', euro(service.feeOneOff)],
        ['Jährliches Entgelt', euro(service.feeAnnual)],
        ['Konditionen', service.feeNote ?? '–'],
        ['Schnittstellenstandards', service.interfaceStandards ?? '–'],
      ].map(([key, value]) => (
        <div key={key} className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{key}</dt>
          <dd className="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">Adresse</dt>
        <dd className="kern-description-list-item__value">
          {service.url ? (
            <a className="kern-link" href={service.url} rel="noreferrer">
              {service.url}
            </a>
          ) : (
            '–'
          )}
          {service.marketplaceUrl ? (
            <>
              {' · '}
              <a className="kern-link" href={service.marketplaceUrl} rel="noreferrer">
                Eintrag im Marktplatz
              </a>
            </>
          ) : null}
        </dd>
      </div>
    </dl>
  )
}

function ImplementedServices({ implemented, serviceName }: { implemented: PageData['implemented']; serviceName: string }) {
  return (
    <section aria-labelledby="impl-heading">
      <h2 className="kern-heading-medium" id="impl-heading">
        Umgesetzte Leistungen
      </h2>
      {implemented.length ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabelle der umgesetzten Leistungen">
          <table className="kern-table kern-table--small">
            <caption className="visually-hidden">Leistungen, die {serviceName} umsetzt, mit Nutzung und Wartenden</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Leistung</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Kreise mit diesem Dienst</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">davon produktiv</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Warten auf EfA</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Offen insgesamt</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {implemented.map((s) => (
                <tr key={s.ozgId} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/leistungen/${s.ozgId}`}>
                      {s.ozgId} {s.name}
                    </Link>
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{s.using}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{s.live}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{s.awaitingEfa}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{s.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="kern-body">Noch keine Leistung zugeordnet.</p>
      )}
    </section>
  )
}

function CountyUsage({ byCounty, serviceName }: { byCounty: PageData['byCounty']; serviceName: string }) {
  return (
    <section aria-labelledby="counties-heading">
      <h2 className="kern-heading-medium" id="counties-heading">
        Kreise nach Stand der Anbindung
      </h2>
      {byCounty.length ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabelle der Kreise nach Anbindung">
          <table className="kern-table kern-table--small">
            <caption className="visually-hidden">Einträge je Kreis nach Anbindung an {serviceName}</caption>
            <TableHead columns={['Kreis', ...Connection.list.map((c) => ({ label: c.label, key: c.code, numeric: true })), numeric('ohne Angabe')]} />
            <tbody className="kern-table__body">
              {byCounty.map((c) => (
                <tr key={c.ags} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/kreise/${c.ags}`}>
                      {c.name}
                    </Link>
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{c.interest}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{c.agreement}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{c.connecting}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{c.live}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{c.unknown}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="kern-body">Noch kein Kreis nutzt diesen Online-Dienst.</p>
      )}
    </section>
  )
}

function UsageHistory({ usage, serviceName }: { usage: PageData['usage']; serviceName: string }) {
  return (
    <>
      {usage.length ? (
        <section aria-labelledby="usage-heading">
          <h2 className="kern-heading-medium" id="usage-heading">
            Alle Einträge mit diesem Dienst
          </h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabelle aller Einträge">
            <table className="kern-table kern-table--small kern-table--striped">
              <caption className="visually-hidden">Einträge (Kreis × Leistung), die {serviceName} nutzen</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">Kreis</th>
                  <th scope="col" className="kern-table__header">Leistung</th>
                  <th scope="col" className="kern-table__header">Umsetzungsweg</th>
                  <th scope="col" className="kern-table__header">Anbindung</th>
                  <th scope="col" className="kern-table__header">Fortschritt</th>
                  <th scope="col" className="kern-table__header">Kontakt</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {usage.map((u) => (
                  <tr key={`${u.ags}-${u.ozgId}`} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <Link className="kern-link" to={`/kreise/${u.ags}/leistungen/${u.ozgId}`}>
                        {u.countyName}
                      </Link>
                    </th>
                    <td className="kern-table__cell">
                      {u.ozgId} {u.serviceName}
                    </td>
                    <td className="kern-table__cell">{Approach.label(u.approach)}</td>
                    <td className="kern-table__cell">{Connection.label(u.connection) || '–'}</td>
                    <td className="kern-table__cell">{Stage.label(u.stage)}</td>
                    <td className="kern-table__cell">{u.contact ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  )
}

export default function OnlineServicePage() {
  const { service, implemented, usage, byCounty, canEdit } = useLoaderData<typeof loader>()
  const [search] = useSearchParams()
  return (
    <div className="kern-stack">
      <p className="kern-body no-print">
        <Link className="kern-link" to="/online-dienste">
          Alle Online-Dienste
        </Link>
      </p>
      <h1 className="kern-heading-large">{service.name}</h1>
      {search.get('gespeichert') ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Der Online-Dienst wurde gespeichert.</p>
          </div>
        </div>
      ) : null}
      {canEdit ? (
        <p className="kern-body no-print">
          <Link className="kern-btn kern-btn--secondary" to={`/online-dienste/${service.id}/bearbeiten`}>
            <span className="kern-label">Online-Dienst bearbeiten</span>
          </Link>
        </p>
      ) : null}
      {service.description ? <p className="kern-body">{service.description}</p> : null}
      <Facts service={service} />

      <ImplementedServices implemented={implemented} serviceName={service.name} />

      <CountyUsage byCounty={byCounty} serviceName={service.name} />

      <UsageHistory usage={usage} serviceName={service.name} />
    </div>
  )
}
