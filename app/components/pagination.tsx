import { Link } from '@remix-run/react'

/** „Vorherige Seite · Seite 2 von 12 · Nächste Seite“ below a paged list; nothing for one page. */
export function Pagination({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null
  return (
    <nav aria-label={label}>
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <Link className="kern-link" to={href(page - 1)}>
              Vorherige Seite
            </Link>
          </li>
        ) : null}
        <li>
          Seite {page} von {pages}
        </li>
        {page < pages ? (
          <li>
            <Link className="kern-link" to={href(page + 1)}>
              Nächste Seite
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
