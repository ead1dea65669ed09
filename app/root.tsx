import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import fontsCss from '@kern-ux/native/dist/fonts/fira-sans.css?url'
import kernCss from '@kern-ux/native/dist/kern.min.css?url'
import appCss from './styles/app.css?url'
import { useNonce } from './components/nonce'
import { Role } from './domain/enums'
import { countUnreadNotifications } from './models/notification.server'
import { getUser } from './guards/auth.server'
import { isDemoMode } from './models/app-meta.server'
import { getCommunityName } from './models/settings.server'


export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'stylesheet', href: fontsCss },
  { rel: 'stylesheet', href: kernCss },
  { rel: 'stylesheet', href: appCss },
]

// Routes set their own titles; this one covers the error page, which has none of its own.
export const meta: MetaFunction = ({ error }) => {
  if (!error) return [{ title: 'OZG-Radar' }]
  const status = isRouteErrorResponse(error) ? error.status : 500
  const title = status === 404 ? 'Seite nicht gefunden' : status === 403 ? 'Keine Berechtigung' : 'Fehler'
  return [{ title: `${title} – OZG-Radar` }]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, isDemo, communityName] = await Promise.all([getUser(request), isDemoMode(), getCommunityName()])
  const unread = user ? await countUnreadNotifications(user.id) : 0
  return { user, isDemo, communityName, unread }
}

const navigation = [
  { to: '/', label: 'Übersicht', end: true },
  { to: '/kreise', label: 'Kreise' },
  { to: '/leistungen', label: 'Leistungen' },
  { to: '/matrix', label: 'Matrix' },
  { to: '/online-dienste', label: 'Online-Dienste' },
  { to: '/hersteller', label: 'Hersteller' },
  { to: '/verhandlungen', label: 'Verhandlungen' },
  { to: '/sitzungen', label: 'Sitzungen' },
  { to: '/aufgaben', label: 'Aufgaben' },
  { to: '/planung', label: 'Planung' },
  { to: '/import', label: 'Import/Export' },
]

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const user = data?.user ?? null
  const nonce = useNonce()
  return (
    <html lang="de">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhalt">
          Zum Inhalt springen
        </a>
        <header className="site-header">
          <div className="kern-container site-header__bar">
            <Link to="/" className="site-title">
              OZG-Radar
            </Link>
            {data?.communityName ? <span className="site-community">{data.communityName}</span> : null}
            {data?.isDemo ? (
              <span className="kern-badge kern-badge--warning demo-badge">
                <span className="kern-label kern-label--small">Demodaten</span>
              </span>
            ) : null}
            {user ? (
              <div className="site-user">
                <span>
                  {user.name || user.email} · {Role.label(user.role)}
                  {user.countyAgs ? ` · Kreis ${user.countyAgs}` : ''}
                </span>
                {user.role === 'admin' ? <Link to="/admin/benutzer" className="kern-link">Benutzer</Link> : null}
                {user.role === 'admin' ? <Link to="/admin/kreise" className="kern-link">Mitgliedskreise</Link> : null}
                {user.role === 'admin' || user.role === 'coordinator' ? <Link to="/admin/zustaendigkeit" className="kern-link">Zuständigkeit</Link> : null}
                <Link to="/benachrichtigungen" className="kern-link">
                  Benachrichtigungen
                  {data?.unread ? ' ' : null}
                  {data?.unread ? (
                    <span className="kern-badge kern-badge--info site-user__badge">
                      <span className="kern-label kern-label--small">
                        {data.unread}
                        <span className="visually-hidden"> ungelesen</span>
                      </span>
                    </span>
                  ) : null}
                </Link>
                <Link to="/profil" className="kern-link">Profil</Link>
                <Form method="post" action="/abmelden">
                  <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small">
                    <span className="kern-label">Abmelden</span>
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
          {user ? (
            <nav aria-label="Hauptnavigation" className="kern-container site-nav">
              <ul>
                {navigation.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="inhalt" tabIndex={-1} className="kern-container site-main">
          {children}
        </main>
        <footer className="kern-container site-footer">
          <p className="kern-body kern-body--small">
            OZG-Radar · Umsetzungsstand der OZG-Leistungen in der Kommunen-Community{data?.communityName ? ` ${data.communityName}` : ''}
            {data?.isDemo ? ' · Alle Kreise, Zahlen und Konten sind Demodaten (illustrative Auswahl).' : ''}
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const location = useLocation()
  let title = 'Da ist etwas schiefgegangen'
  let message = 'Ein unerwarteter Fehler ist aufgetreten. Versuchen Sie es später noch einmal; der Fehler wurde protokolliert.'
  if (isRouteErrorResponse(error)) {
    const body = error.data as { message?: string } | string | undefined
    const text = typeof body === 'string' ? body : body?.message
    if (error.status === 404) {
      title = 'Seite nicht gefunden'
      message = text || 'Diese Seite gibt es nicht. Prüfen Sie die Adresse oder gehen Sie zur Übersicht.'
    } else if (error.status === 403) {
      title = 'Keine Berechtigung'
      message = text || 'Dafür fehlt Ihnen die Berechtigung.'
    } else if (error.status < 500) {
      title = 'Anfrage nicht möglich'
      message = text || message
    }
  }
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{title}</h1>
      <div className="kern-alert kern-alert--danger" role="alert">
        <div className="kern-alert__body">
          <p className="kern-body">{message}</p>
        </div>
      </div>
      <p className="kern-body">
        <Link className="kern-link" to="/">
          Zur Übersicht
        </Link>
        {location.pathname !== '/' ? (
          <>
            {' · '}
            <a className="kern-link" href={location.pathname + location.search}>
              Seite neu laden
            </a>
          </>
        ) : null}
      </p>
    </div>
  )
}
