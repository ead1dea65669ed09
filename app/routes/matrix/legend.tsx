import { Link } from '@remix-run/react'
import { statusChips, statusLegend } from '~/domain/status-chip'
import { matrixPageLink, type MatrixFilterValues } from './filters'

/** The status language's chips, and the frame that marks the home county's column. */
export function MatrixLegend({ home }: { home?: string }) {
  return (
    <section aria-labelledby="legende">
      <h2 className="kern-heading-small" id="legende" tabIndex={-1}>
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
        {home ? (
          <li>
            <span className="swatch swatch--home" aria-hidden="true" />
            Spalte mit Rahmen: Ihr Kreis, {home}
          </li>
        ) : null}
      </ul>
    </section>
  )
}

export function MatrixPagination({ filter, page }: { filter: MatrixFilterValues; page: { number: number; count: number } }) {
  return (
    <ul className="pagination">
      {page.number > 1 ? (
        <li>
          <Link className="kern-link" to={matrixPageLink(filter, page.number - 1)}>
            Vorherige Seite
          </Link>
        </li>
      ) : null}
      <li>
        Seite {page.number} von {page.count}
      </li>
      {page.number < page.count ? (
        <li>
          <Link className="kern-link" to={matrixPageLink(filter, page.number + 1)}>
            Nächste Seite
          </Link>
        </li>
      ) : null}
    </ul>
  )
}
