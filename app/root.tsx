import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useEffect } from 'react'
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteError, useRouteLoaderData } from '@remix-run/react'
import fontsCss from '@kern-ux/native/dist/fonts/fira-sans.css?url'
import kernCss from '@kern-ux/native/dist/kern.min.css?url'
import appCss from './styles/app.css?url'
import { ErrorPage, errorHeading, errorKindOf } from './components/error-page'
import { useFocusMainHeading } from './components/focus-heading'
import { useNonce } from './components/nonce'
import { SiteHeader } from './components/site-header'
import { pageTitle } from './domain/page-title'
import { countUnreadNotifications } from './models/notification.server'
import { getCountyByAgs } from './models/status.server'
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
  if (!error) return [{ title: pageTitle([]) }]
  const kind = errorKindOf(isRouteErrorResponse(error) ? error.status : null)
  return [{ title: pageTitle([errorHeading[kind]], { errors: true }) }]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, isDemo, communityName] = await Promise.all([getUser(request), isDemoMode(), getCommunityName()])
  const [unread, county] = await Promise.all([
    user ? countUnreadNotifications(user.id) : 0,
    user?.countyAgs ? getCountyByAgs(user.countyAgs) : null,
  ])
  return { user, isDemo, communityName, unread, countyName: county?.name ?? null }
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const user = data?.user ?? null
  const nonce = useNonce()
  useFocusMainHeading('inhalt')
  // Marks the document once React has hydrated it and run the first effects (a parent's effect
  // runs after its children's): browser tests wait for this instead of for network quiet.
  useEffect(() => document.documentElement.setAttribute('data-hydrated', ''), [])
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
        <SiteHeader user={user} countyName={data?.countyName ?? null} unread={data?.unread ?? 0} communityName={data?.communityName ?? null} isDemo={!!data?.isDemo} />
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
  const status = isRouteErrorResponse(error) ? error.status : null
  let message: string | null = null
  if (isRouteErrorResponse(error)) {
    const body = error.data as { message?: string } | string | undefined
    message = (typeof body === 'string' ? body : body?.message) || null
  }
  return <ErrorPage kind={errorKindOf(status)} message={message} path={location.pathname + location.search} />
}
