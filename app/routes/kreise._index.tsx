import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { TableScroll } from '~/components/table-scroll'
import { CountyKind } from '~/domain/enums'
import { formatNumber, formatPercent } from '~/domain/kpi'
import { listCountiesWithCounts } from '~/models/county.server'
import { requireUser } from '~/guards/auth.server'

export const meta: MetaFunction = () => [{ title: 'Kreise – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return { counties: await listCountiesWithCounts() }
}


export default function Counties() {
  const { counties } = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Kreise</h1>
      <p className="kern-body">
        {formatNumber(counties.length)} Mitglieder der Community. Je Kreis: Leistungen nach Umsetzungsweg. „Online“ zählt eigene
        Umsetzungen und EfA-Nachnutzungen mit Fortschritt „online“; die Quote bezieht sich auf die zuständigen
        Leistungen (alle außer „nicht zuständig“).
      </p>
      <TableScroll label="Umsetzungsstand je Kreis">
        <table className="kern-table kern-table--striped">
          <caption className="kern-title">Umsetzungsstand je Kreis (Anzahl Leistungen)</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Kreis</th>
              <th scope="col" className="kern-table__header">Art</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Online</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Quote online</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Eigen</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">EfA</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Offen</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Nicht zuständig</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Gesamt</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {counties.map((c) => (
              <tr key={c.ags} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`/kreise/${c.ags}`}>
                    {c.name}
                  </Link>{' '}
                  <span className="kern-body--muted">({c.ags})</span>
                </th>
                <td className="kern-table__cell">{CountyKind.label(c.kind)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(c.online)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {formatPercent(c.online, c.total - c.notApplicable)}
                  <span className="visually-hidden"> von {formatNumber(c.total - c.notApplicable)} zuständigen</span>
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(c.own)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(c.efa)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(c.pending)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(c.notApplicable)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(c.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  )
}
