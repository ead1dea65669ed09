import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { canEditCatalogue } from '~/domain/permissions'
import { getVendor } from '~/models/vendor.server'
import { requireUser } from '~/guards/auth.server'
import { notFound, parseParams } from '~/utils/http.server'
import { PathId } from '~/domain/id'

const Params = z.object({ id: PathId })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.vendor.name ?? 'Hersteller'} – OZG-Radar` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { id } = parseParams(Params, params)
  const detail = await getVendor(id)
  if (!detail) throw notFound('Diesen Hersteller gibt es nicht. Wählen Sie ihn aus der Liste der Hersteller.')
  return { ...detail, canEdit: canEditCatalogue(user) }
}

// Each count links to the rows behind it: the county page (or, for the sum, the matrix) filtered
// by this Fachverfahren and interface status (the filters' German words).
const columns = [
  ['unset', 'Ohne Angabe', 'ohne_angabe'],
  ['none', 'Keine', 'keine'],
  ['negotiating', 'In Verhandlung', 'in_verhandlung'],
  ['inDevelopment', 'In Entwicklung', 'in_entwicklung'],
  ['testing', 'Im Test', 'im_test'],
  ['live', 'Produktiv', 'produktiv'],
  ['notNeeded', 'Nicht benötigt', 'nicht_benoetigt'],
] as const

function rowsLink(base: string, fachverfahrenId: number, status: string) {
  return `${base}?${new URLSearchParams({ fachverfahren: String(fachverfahrenId), schnittstellenstatus: status })}`
}

type Fachverfahren = Awaited<ReturnType<typeof loader>>['fachverfahren'][number]

/** Per member county the rows with this Fachverfahren by interface status, each count a link to them. */
function InterfaceTable({ f }: { f: Fachverfahren }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`Schnittstellenstand je Kreis für ${f.name}`}>
      <table className="kern-table kern-table--small">
        <caption className="visually-hidden">Leistungen je Kreis nach Schnittstellenstatus mit {f.name}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Kreis</th>
            {columns.map(([key, label]) => (
              <th key={key} scope="col" className="kern-table__header kern-table__header--numeric">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {f.byCounty.map((c) => (
            <tr key={c.ags} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`/kreise/${c.ags}`}>
                  {c.name}
                </Link>
              </th>
              {columns.map(([key, label, value]) => (
                <td key={key} className="kern-table__cell kern-table__cell--numeric">
                  {c[key] ? (
                    <Link className="kern-link" to={rowsLink(`/kreise/${c.ags}`, f.id, value)} aria-label={`${c[key]} Zeilen in ${c.name}: ${label}`}>
                      {c[key]}
                    </Link>
                  ) : (
                    0
                  )}
                </td>
              ))}
            </tr>
          ))}
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              Summe
            </th>
            {columns.map(([key, label, value]) => (
              <td key={key} className="kern-table__cell kern-table__cell--numeric">
                {f[key] ? (
                  <Link className="kern-link" to={rowsLink('/matrix', f.id, value)} aria-label={`${f[key]} Zeilen insgesamt: ${label} (Matrix)`}>
                    <strong>{f[key]}</strong>
                  </Link>
                ) : (
                  <strong>0</strong>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  )
}

export default function VendorPage() {
  const { vendor, fachverfahren, canEdit } = useLoaderData<typeof loader>()
  const [search] = useSearchParams()
  return (
    <div className="kern-stack">
      <p className="kern-body no-print">
        <Link className="kern-link" to="/hersteller">
          Alle Hersteller
        </Link>
      </p>
      <h1 className="kern-heading-large">{vendor.name}</h1>
      {search.get('gespeichert') ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Die Änderung wurde gespeichert.</p>
          </div>
        </div>
      ) : null}
      {vendor.website ? (
        <p className="kern-body">
          <a className="kern-link" href={vendor.website} rel="noreferrer">
            {vendor.website}
          </a>
        </p>
      ) : null}
      {vendor.note ? <p className="kern-body">{vendor.note}</p> : null}
      {canEdit ? (
        <p className="kern-body no-print">
          <Link className="kern-btn kern-btn--secondary" to={`/hersteller/${vendor.id}/bearbeiten`}>
            <span className="kern-label">Hersteller bearbeiten</span>
          </Link>{' '}
          <Link className="kern-btn kern-btn--secondary" to={`/hersteller/${vendor.id}/fachverfahren/neu`}>
            <span className="kern-label">Fachverfahren anlegen</span>
          </Link>
        </p>
      ) : null}
      {fachverfahren.length === 0 ? <p className="kern-body">Für diesen Hersteller ist noch kein Fachverfahren erfasst.</p> : null}
      {fachverfahren.map((f) => (
        <section key={f.id} aria-labelledby={`fv-${f.id}`} className="kern-stack">
          <h2 className="kern-heading-medium" id={`fv-${f.id}`}>
            {f.name}
          </h2>
          <p className="kern-body">
            Schnittstellenstandards: {f.interfaceStandards ?? '–'} ·{' '}
            <Link className="kern-link" to={`/matrix?fachverfahren=${f.id}`}>
              {f.counties} Kreis{f.counties === 1 ? '' : 'e'}
            </Link>
            {' · '}
            <Link className="kern-link" to={`/verhandlungen?hersteller=${vendor.id}`}>
              Verhandlungen
            </Link>
            {f.note ? ` · ${f.note}` : ''}
            {canEdit ? (
              <>
                {' · '}
                <Link className="kern-link no-print" to={`/hersteller/${vendor.id}/fachverfahren/${f.id}`}>
                  {f.name} bearbeiten
                </Link>
              </>
            ) : null}
          </p>
          {f.byCounty.length ? (
            <InterfaceTable f={f} />
          ) : (
            <p className="kern-body">Noch kein Kreis hat dieses Fachverfahren eingetragen.</p>
          )}
        </section>
      ))}
    </div>
  )
}
