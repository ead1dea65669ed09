// The page the root ErrorBoundary shows. A missing page is no emergency: a calm note, a search
// and the main entry points. Only a server fault gets the alert and the offer to load again.
import { Form, Link } from '@remix-run/react'

export type ErrorKind = 'not-found' | 'forbidden' | 'bad-request' | 'server'

/** The heading of each kind; the document title is „Fehler: <heading> – OZG-Radar“. */
export const errorHeading: Record<ErrorKind, string> = {
  'not-found': 'Seite nicht gefunden',
  forbidden: 'Keine Berechtigung',
  'bad-request': 'Anfrage nicht möglich',
  server: 'Da ist etwas schiefgegangen',
}

export function errorKindOf(status: number | null): ErrorKind {
  if (status === 404) return 'not-found'
  if (status === 403) return 'forbidden'
  if (status !== null && status < 500) return 'bad-request'
  return 'server'
}

function NotFound({ message, path }: { message: string | null; path: string }) {
  return (
    <>
      <p className="kern-body">{message ?? `Unter der Adresse „${path}“ gibt es keine Seite. Vielleicht hat sie sich geändert, oder die Adresse ist unvollständig.`}</p>
      <Form method="get" action="/leistungen" role="search" aria-label="Leistungen durchsuchen" className="filters">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="not-found-q">
            Leistung suchen (Name, OZG-ID oder LeiKa-Schlüssel)
          </label>
          <input className="kern-form-input__input" type="search" id="not-found-q" name="q" />
        </div>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">Suchen</span>
          </button>
        </div>
      </Form>
      <nav aria-label="Weiter zu">
        <ul className="error-page__links">
          <li><Link className="kern-link" to="/">Übersicht</Link></li>
          <li><Link className="kern-link" to="/kreise">Kreise</Link></li>
          <li><Link className="kern-link" to="/leistungen">Leistungen</Link></li>
        </ul>
      </nav>
    </>
  )
}

export function ErrorPage({ kind, message, path }: { kind: ErrorKind; message: string | null; path: string }) {
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large" tabIndex={-1}>
        {errorHeading[kind]}
      </h1>
      {kind === 'not-found' ? (
        <NotFound message={message} path={path} />
      ) : kind === 'server' ? (
        <>
          <div className="kern-alert kern-alert--danger" role="alert">
            <div className="kern-alert__body">
              <p className="kern-body">Ein unerwarteter Fehler ist aufgetreten. Versuchen Sie es später noch einmal; der Fehler wurde protokolliert.</p>
            </div>
          </div>
          <p className="kern-body">
            <Link className="kern-link" to="/">Zur Übersicht</Link>
            {' · '}
            <a className="kern-link" href={path}>Seite neu laden</a>
          </p>
        </>
      ) : (
        <>
          <div className="kern-alert kern-alert--warning" role="alert">
            <div className="kern-alert__body">
              <p className="kern-body">{message ?? (kind === 'forbidden' ? 'Dafür fehlt Ihnen die Berechtigung.' : 'Diese Anfrage ist so nicht möglich.')}</p>
            </div>
          </div>
          <p className="kern-body">
            <Link className="kern-link" to="/">Zur Übersicht</Link>
          </p>
        </>
      )}
    </div>
  )
}
