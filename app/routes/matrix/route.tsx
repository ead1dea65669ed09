import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { MatrixFilter } from '~/domain/summary-filter'
import { getMatrixRows } from '~/models/matrix.server'
import { listThemes } from '~/models/service.server'
import { requireUser } from '~/guards/auth.server'
import { listVendorFilterOptions } from '~/models/vendor.server'
import { badRequest, parseSearchParams } from '~/utils/http.server'
import { pageSchema } from '~/domain/id'
import { matrixPageLink, MatrixFilters, type MatrixFilterValues } from './filters'
import { MatrixGrid } from './grid'
import { MatrixLegend, MatrixPagination } from './legend'
import matrixCss from './matrix.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matrixCss }]
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
  const user = await requireUser(request)
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
  const filter: MatrixFilterValues = {
    themenfeld: query.themenfeld ?? null,
    umsetzungsweg: query.umsetzungsweg ?? null,
    unterschiede: query.unterschiede === '1',
    hersteller: query.hersteller ?? null,
    fachverfahren: query.fachverfahren ?? null,
    // As typed in the address: the select's values are the German words.
    schnittstellenstatus: new URL(request.url).searchParams.get('schnittstellenstatus') || null,
  }
  return {
    themes,
    filter,
    vendorOptions,
    counties: matrix.counties.map((c) => ({ ...c, isHome: c.ags === user.countyAgs })),
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
  const home = counties.find((c) => c.isHome)
  const pagination = page.count > 1 ? <MatrixPagination filter={filter} page={page} /> : null
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Matrix: Leistungen × Kreise</h1>
      <p className="kern-body">
        Jede Zelle zeigt Umsetzungsweg (E = eigene Umsetzung, A = EfA-Nachnutzung, ? = offen, – = nicht zuständig) und Fortschritt (○ geplant,
        ◔ in Umsetzung, ◐ teilweise online, ● online). Jede Zelle führt zum Eintrag des Kreises.
      </p>
      <MatrixFilters filter={filter} themes={themes} vendorOptions={vendorOptions} />
      <MatrixLegend home={home?.name} />
      <p className="kern-body" role="status">
        {matchingServices} von {totalServices} Leistungen · {counties.length} Kreise
        {page.count > 1 ? ` · auf dieser Seite Leistungen ${page.offset + 1}–${page.offset + rows.length}` : null}
      </p>
      {pagination ? (
        <nav aria-label="Seiten der Matrix" className="no-print">
          {pagination}
        </nav>
      ) : null}
      {rows.length === 0 ? (
        <p className="kern-body">Keine Leistung passt zu diesen Filtern.</p>
      ) : (
        <>
          <ul className="matrix-skip no-print">
            <li>
              <a className="kern-link" href="#nach-der-matrix">
                Matrix überspringen
              </a>
            </li>
            <li>
              <a className="kern-link" href="#legende">
                Zur Legende
              </a>
            </li>
          </ul>
          <MatrixGrid counties={counties} rows={rows} />
          <nav aria-label="Nach der Matrix" className="no-print" id="nach-der-matrix" tabIndex={-1}>
            {pagination ?? (
              <p className="kern-body kern-body--small">
                Ende der Matrix. <a className="kern-link" href="#legende">Zur Legende</a>
              </p>
            )}
          </nav>
        </>
      )}
    </div>
  )
}
