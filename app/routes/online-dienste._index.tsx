import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Availability, OnlineServiceKind } from '~/domain/enums'
import { canEditCatalogue } from '~/domain/permissions'
import { listOnlineServices } from '~/models/online-service.server'
import { requireUser } from '~/guards/auth.server'
import { parseSearchParams } from '~/utils/http.server'

const Filter = z.object({
  art: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(OnlineServiceKind.codes, { message: 'Wählen Sie eine Art aus der Liste.' }).optional(),
  ),
  gespeichert: z.string().optional(),
})

export const meta: MetaFunction = () => [{ title: 'Online-Dienste – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const filter = parseSearchParams(Filter, request)
  const rows = await listOnlineServices({ kind: filter.art })
  return { rows, kind: filter.art ?? null, canEdit: canEditCatalogue(user) }
}

function OnlineServiceTable({ rows }: { rows: Awaited<ReturnType<typeof loader>>['rows'] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabelle der Online-Dienste">
      <table className="kern-table kern-table--small kern-table--striped">
        <caption className="visually-hidden">Online-Dienste mit Nutzung durch die Kreise</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Online-Dienst</th>
            <th scope="col" className="kern-table__header">Art</th>
            <th scope="col" className="kern-table__header">Anbieter / Federführung</th>
            <th scope="col" className="kern-table__header">Verfügbarkeit</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Leistungen</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Kreise</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Produktiv</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Interesse / Vereinbarung / in Anbindung</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Warten auf EfA</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((o) => (
            <tr key={o.id} className="kern-table__row" data-online-service={o.name}>
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`/online-dienste/${o.id}`}>
                  {o.name}
                </Link>
              </th>
              <td className="kern-table__cell">{OnlineServiceKind.label(o.kind as never)}</td>
              <td className="kern-table__cell">{o.kind === 'community' && o.leadName ? `Federführung: ${o.leadName}` : (o.provider ?? '–')}</td>
              <td className="kern-table__cell">{Availability.label(o.availability as never)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{o.services}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{o.counties}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{o.live}</td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {o.interest} / {o.agreement} / {o.connecting}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">{o.awaitingEfa ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function OnlineServices() {
  const { rows, kind, canEdit } = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Online-Dienste</h1>
      <p className="kern-body">
        Jeder Online-Dienst jeder Art – EfA-Dienste, Community-Lösungen, Produkte und eigene Formulare – mit den Kreisen, die ihn nutzen, nach
        Stand der Anbindung, und wie viele auf ihn warten.
      </p>
      {canEdit ? (
        <p className="kern-body no-print">
          <Link className="kern-btn kern-btn--secondary" to="/online-dienste/neu">
            <span className="kern-label">Online-Dienst anlegen</span>
          </Link>
        </p>
      ) : null}
      <Form method="get" className="filters no-print" aria-label="Online-Dienste filtern">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="art">
            Art
          </label>
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id="art" name="art" defaultValue={kind ?? ''}>
              <option value="">Alle Arten</option>
              {OnlineServiceKind.list.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">Filtern</span>
          </button>
        </div>
      </Form>
      <p className="kern-body" role="status">
        {rows.length} Online-Dienste
      </p>
      <OnlineServiceTable rows={rows} />
      <p className="kern-body kern-body--small">
        Kreise: Mitgliedskreise, die den Dienst für mindestens eine Leistung eingetragen haben. Produktiv und Anbindung zählen Einträge (Kreis ×
        Leistung). „Warten auf EfA“ (nur EfA-Dienste): offene Einträge mit Planung „warten auf EfA“ zu einer Leistung, die der Dienst umsetzt.
      </p>
    </div>
  )
}
