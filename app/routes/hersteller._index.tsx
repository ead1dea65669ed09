import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { TableHead, numeric } from '~/components/table-head'
import { canEditCatalogue } from '~/domain/permissions'
import { listVendors } from '~/models/vendor.server'
import { requireUser } from '~/guards/auth.server'

export const meta: MetaFunction = () => [{ title: 'Hersteller – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { vendors: await listVendors(), canEdit: canEditCatalogue(user) }
}

function CountLink({ count, to, label }: { count: number; to: string; label: string }) {
  if (count === 0) return <>0</>
  return (
    <Link className="kern-link" to={to} aria-label={`${count} ${label}`}>
      {count}
    </Link>
  )
}

export default function Vendors() {
  const { vendors, canEdit } = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Hersteller und Fachverfahren</h1>
      <p className="kern-body">
        Welche Kreise mit welchem Fachverfahren arbeiten und wie weit ihre Schnittstellen sind – die Grundlage, um gemeinsam mit den Herstellern zu
        verhandeln.
      </p>
      {canEdit ? (
        <p className="kern-body no-print">
          <Link className="kern-btn kern-btn--secondary" to="/hersteller/neu">
            <span className="kern-label">Hersteller anlegen</span>
          </Link>
        </p>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabelle der Hersteller">
        <table className="kern-table kern-table--small kern-table--striped">
          <caption className="visually-hidden">Hersteller mit Fachverfahren und Schnittstellenstand</caption>
          <TableHead columns={['Hersteller', numeric('Fachverfahren'), numeric('Kreise'), numeric('Einträge'), numeric('Schnittstelle in Arbeit'), numeric('Schnittstelle produktiv')]} />
          <tbody className="kern-table__body">
            {vendors.map((v) => (
              <tr key={v.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`/hersteller/${v.id}`}>
                    {v.name}
                  </Link>
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  <CountLink count={v.fachverfahren} to={`/hersteller/${v.id}`} label={`Fachverfahren von ${v.name}`} />
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  <CountLink count={v.counties} to={`/matrix?hersteller=${v.id}`} label={`Kreise mit ${v.name} (Matrix)`} />
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  <CountLink count={v.rows} to={`/matrix?hersteller=${v.id}`} label={`Einträge mit ${v.name} (Matrix)`} />
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  <CountLink count={v.open} to={`/hersteller/${v.id}`} label={`Schnittstellen in Arbeit mit ${v.name}, je Kreis und Stand`} />
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  <CountLink count={v.live} to={`/matrix?hersteller=${v.id}&schnittstellenstatus=produktiv`} label={`Produktive Schnittstellen mit ${v.name} (Matrix)`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="kern-body kern-body--small">
        Einträge: Leistungen der Mitgliedskreise (Kreis × Leistung) mit einem Fachverfahren des Herstellers. „In Arbeit“: Schnittstellenstatus in
        Verhandlung, in Entwicklung oder im Test; diese Zahl führt zur Aufschlüsselung je Kreis und Stand. Die übrigen Zahlen führen zur gefilterten
        Matrix.{' '}
        <Link className="kern-link" to="/verhandlungen">
          Gemeinsame Verhandlungen mit den Herstellern
        </Link>
      </p>
    </div>
  )
}
