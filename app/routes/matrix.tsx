import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import chartsCss from '~/components/charts/charts.css?url'
import { Approach } from '~/domain/enums'
import { matrixCells, matrixLegend, type MatrixCellCode } from '~/domain/matrix'
import { MatrixFilter } from '~/domain/summary-filter'
import { getMatrix } from '~/models/matrix.server'
import { listThemes } from '~/models/service.server'
import { requireUser } from '~/utils/auth.server'
import { badRequest, parseSearchParams } from '~/utils/http.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chartsCss }]
export const meta: MetaFunction = () => [{ title: 'Matrix – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const filter = parseSearchParams(MatrixFilter, request)
  const themes = await listThemes()
  if (filter.themenfeld !== undefined && !themes.some((t) => t.id === filter.themenfeld)) {
    throw badRequest('Dieses Themenfeld gibt es nicht. Wählen Sie ein Themenfeld aus der Liste.')
  }
  const matrix = await getMatrix({ themeId: filter.themenfeld, approach: filter.umsetzungsweg, differing: filter.unterschiede === '1' })
  return {
    themes,
    filter: { themenfeld: filter.themenfeld ?? null, umsetzungsweg: filter.umsetzungsweg ?? null, unterschiede: filter.unterschiede === '1' },
    counties: matrix.counties,
    // One string per service: one character per county, in the order of `counties`.
    rows: matrix.services.map((s) => [s.ozgId, s.name, s.cells.join('')] as const),
    totalServices: matrix.totalServices,
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function matrixBody(counties: { ags: string; name: string }[], rows: readonly (readonly [string, string, string])[]) {
  const parts: string[] = []
  for (const [ozgId, name, cells] of rows) {
    parts.push(`<tr><th scope="row"><a class="kern-link" href="/leistungen/${ozgId}">${ozgId} ${escapeHtml(name)}</a></th>`)
    counties.forEach((c, i) => {
      const cell = matrixCells[(cells[i] ?? '_') as MatrixCellCode]
      // The accessible name starts with the visible symbol and adds the words.
      parts.push(
        `<td class="${cell.className}"><a href="/kreise/${c.ags}/leistungen/${ozgId}" aria-label="${cell.symbol} ${escapeHtml(cell.label)}">${cell.symbol}</a></td>`,
      )
    })
    parts.push('</tr>')
  }
  return parts.join('')
}

export default function MatrixPage() {
  const { themes, filter, counties, rows, totalServices } = useLoaderData<typeof loader>()
  const body = useMemo(() => matrixBody(counties, rows), [counties, rows])
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
          {matrixLegend.map((code) => (
            <li key={code}>
              <span className={`swatch ${matrixCells[code].className}`} aria-hidden="true">
                {matrixCells[code].symbol}
              </span>
              {matrixCells[code].label}
            </li>
          ))}
        </ul>
      </section>

      <p className="kern-body" role="status">
        {rows.length} von {totalServices} Leistungen · {counties.length} Kreise
      </p>
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
            {/* 557 × 16 links: rendered as one HTML string so that hydration does not walk ~9,000
                elements (React keeps server HTML inside dangerouslySetInnerHTML as it is). */}
            <tbody dangerouslySetInnerHTML={{ __html: body }} />
          </table>
        </div>
      )}
    </div>
  )
}
