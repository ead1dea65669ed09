import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { z } from 'zod'
import chartsCss from '~/components/charts/charts.css?url'
import { renderMatrixRows } from '~/components/matrix-body'
import { enumOptions, SelectField } from '~/components/fields'
import { Approach, InterfaceStatus } from '~/domain/enums'
import { statusChips, statusLegend } from '~/domain/status-chip'
import { INTERFACE_STATUS_UNSET } from '~/domain/status'
import { MatrixFilter } from '~/domain/summary-filter'
import { getMatrixRows } from '~/models/matrix.server'
import { listThemes } from '~/models/service.server'
import { requireUser } from '~/guards/auth.server'
import { listVendorFilterOptions } from '~/models/vendor.server'
import { badRequest, parseSearchParams } from '~/utils/http.server'
import { pageSchema } from '~/domain/id'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chartsCss }]
export const meta: MetaFunction = () => [{ title: 'Matrix – OZG-Radar' }]

// A page shows at most this many cells (~120 bytes of HTML each): every Themenfeld fits on one
// page even at 400 counties (78 × 400), and so does the whole catalogue up to 57 counties. All
// 557 services × 400 counties would be 26 MB of HTML in one response, which no browser lays
// out in reasonable time and which the server holds whole until it is sent.
const MATRIX_CELLS_PER_PAGE = 32_000

const pageMessage = 'Die Seitenzahl muss eine ganze Zahl ab 1 sein.'
const MatrixQuery = MatrixFilter.extend({
  seite: pageSchema(pageMessage),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const query = parseSearchParams(MatrixQuery, request)
  const [themes, vendorOptions] = await Promise.all([listThemes(), listVendorFilterOptions()])
  if (query.themenfeld !== undefined && !themes.some((t) => t.id === query.themenfeld)) {
    throw badRequest('Dieses Themenfeld gibt es nicht. Wählen Sie ein Themenfeld aus der Liste.')
  }
  const matrix = await getMatrixRows({
    themeId: query.themenfeld,
    approach: query.umsetzungsweg,
    differing: query.unterschiede === '1',
    interfaceFilter: { hersteller: query.hersteller, fachverfahren: query.fachverfahren, schnittstellenstatus: query.schnittstellenstatus },
    cellsPerPage: MATRIX_CELLS_PER_PAGE,
    page: query.seite,
  })
  return {
    themes,
    filter: {
      themenfeld: query.themenfeld ?? null,
      umsetzungsweg: query.umsetzungsweg ?? null,
      unterschiede: query.unterschiede === '1',
      hersteller: query.hersteller ?? null,
      fachverfahren: query.fachverfahren ?? null,
      // As typed in the address: the select's values are the German words.
      schnittstellenstatus: new URL(request.url).searchParams.get('schnittstellenstatus') || null,
    },
    vendorOptions,
    counties: matrix.counties,
    // One string per service, one character per county in the order of `counties`: a byte per
    // cell beside the ~120 bytes of HTML each cell becomes.
    rows: matrix.rows,
    matchingServices: matrix.matchingServices,
    totalServices: matrix.totalServices,
    page: { number: matrix.page, count: matrix.pages, offset: matrix.offset },
  }
}

export default function MatrixPage() {
  const { themes, filter, counties, rows, matchingServices, totalServices, page, vendorOptions } = useLoaderData<typeof loader>()
  const rowHtml = useMemo(() => renderMatrixRows(counties, rows), [counties, rows])
  const pageLink = (number: number) => {
    const params = new URLSearchParams()
    if (filter.themenfeld !== null) params.set('themenfeld', String(filter.themenfeld))
    if (filter.umsetzungsweg !== null) params.set('umsetzungsweg', filter.umsetzungsweg)
    if (filter.unterschiede) params.set('unterschiede', '1')
    if (filter.hersteller !== null) params.set('hersteller', String(filter.hersteller))
    if (filter.fachverfahren !== null) params.set('fachverfahren', String(filter.fachverfahren))
    if (filter.schnittstellenstatus !== null) params.set('schnittstellenstatus', filter.schnittstellenstatus)
    params.set('seite', String(number))
    return `/matrix?${params}`
  }
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Matrix: Leistungen × Kreise</h1>
      <p className="kern-body">
        Jede Zelle zeigt Umsetzungsweg (E = eigene Umsetzung, A = EfA-Nachnutzung, ? = offen, – = nicht zuständig) und Fortschritt (○ geplant,
        ◔ in Umsetzung, ◐ teilweise online, ● online). Jede Zelle führt zum Eintrag des Kreises.
      </p>
      <Form method="get" className="filters no-print" aria-label="Matrix filtern">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="themenfeld">
            Themenfeld
          </label>
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id="themenfeld" name="themenfeld" defaultValue={filter.themenfeld ?? ''}>
              <option value="">Alle Themenfelder</option>
              {themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="umsetzungsweg">
            Mindestens ein Kreis mit Umsetzungsweg
          </label>
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id="umsetzungsweg" name="umsetzungsweg" defaultValue={filter.umsetzungsweg ?? ''}>
              <option value="">Beliebig</option>
              {Approach.list.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <SelectField
          name="hersteller"
          label="Mindestens ein Kreis mit Hersteller"
          options={vendorOptions.vendors.map((v) => ({ value: String(v.id), label: v.name }))}
          empty="Beliebig"
          defaultValue={filter.hersteller === null ? '' : String(filter.hersteller)}
        />
        <SelectField
          name="fachverfahren"
          label="… und Fachverfahren"
          options={vendorOptions.fachverfahren.map((f) => ({ value: String(f.id), label: f.name, group: f.vendor }))}
          empty="Beliebig"
          defaultValue={filter.fachverfahren === null ? '' : String(filter.fachverfahren)}
        />
        <SelectField
          name="schnittstellenstatus"
          label="… und Schnittstellenstatus"
          options={[...enumOptions(InterfaceStatus), { value: INTERFACE_STATUS_UNSET.value, label: INTERFACE_STATUS_UNSET.label }]}
          empty="Beliebig"
          defaultValue={filter.schnittstellenstatus ?? ''}
        />
        <div className="kern-form-check">
          <input className="kern-form-check__checkbox" type="checkbox" id="unterschiede" name="unterschiede" value="1" defaultChecked={filter.unterschiede} />
          <label className="kern-label" htmlFor="unterschiede">
            Nur wo Kreise sich unterscheiden
          </label>
        </div>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">Filtern</span>
          </button>
        </div>
      </Form>

      <section aria-labelledby="legend-heading">
        <h2 className="kern-heading-small" id="legend-heading">
          Legende
        </h2>
        <ul className="matrix-legend">
          {statusLegend.map((code) => (
            <li key={code}>
              <span className={`swatch ${statusChips[code].className}`} aria-hidden="true">
                {statusChips[code].symbol}
              </span>
              {statusChips[code].label}
            </li>
          ))}
        </ul>
      </section>

      <p className="kern-body" role="status">
        {matchingServices} von {totalServices} Leistungen · {counties.length} Kreise
        {page.count > 1 ? ` · auf dieser Seite Leistungen ${page.offset + 1}–${page.offset + rows.length}` : null}
      </p>
      {page.count > 1 ? (
        <nav aria-label="Seiten der Matrix" className="no-print">
          <ul className="pagination">
            {page.number > 1 ? (
              <li>
                <Link className="kern-link" to={pageLink(page.number - 1)}>
                  Vorherige Seite
                </Link>
              </li>
            ) : null}
            <li>
              Seite {page.number} von {page.count}
            </li>
            {page.number < page.count ? (
              <li>
                <Link className="kern-link" to={pageLink(page.number + 1)}>
                  Nächste Seite
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {rows.length === 0 ? (
        <p className="kern-body">Keine Leistung passt zu diesen Filtern.</p>
      ) : (
        <div className="matrix-scroll" tabIndex={0} role="region" aria-label="Matrix, scrollbar">
          <table className="matrix">
            <caption className="visually-hidden">Umsetzungsstand je Leistung (Zeilen) und Kreis (Spalten)</caption>
            <thead>
              <tr>
                <th scope="col" className="matrix__corner">
                  Leistung
                </th>
                {counties.map((c) => (
                  <th key={c.ags} scope="col" className="matrix__county">
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            {/* Up to 32,000 links: each row's cells are one HTML string (see matrix-body.ts), so
                neither the server render nor hydration walks a React element per cell; React keeps
                server HTML inside dangerouslySetInnerHTML as it is. */}
            <tbody>
              {rows.map(([ozgId], i) => (
                <tr key={ozgId} dangerouslySetInnerHTML={{ __html: rowHtml[i] }} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
