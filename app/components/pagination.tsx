// „Vorherige Seite · Seite 2 von 5 · Nächste Seite“ under a long list; plain links, so it works
// without JavaScript. `href(page)` builds the link, keeping the list's filters.
import { Link } from '@remix-run/react'

export function Pagination({ page, pages, href, label = 'Seiten', className }: { page: number; pages: number; href: (page: number) => string; label?: string; className?: string }) {
  if (pages <= 1) return null
  return (
    <nav aria-label={label} className={className}>
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

/** `?q=…&seite=3`: the current filters with another page. */
export function pageHref(filters: Record<string, string | number | null | undefined>, page: number, param = 'seite'): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  params.set(param, String(page))
  return `?${params}`
}
