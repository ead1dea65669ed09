// The header of every page: title, community, the signed-in person (with the home county's name,
// not its AGS), their links and the main navigation.
import { Form, Link, NavLink } from '@remix-run/react'
import { Role, type RoleCode } from '~/domain/enums'

export type HeaderUser = { name: string; email: string; role: RoleCode; countyAgs: string | null }

const navigation = [
  { to: '/', label: 'Übersicht', end: true },
  { to: '/kreise', label: 'Kreise' },
  { to: '/vergleich', label: 'Vergleich' },
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

function UserLinks({ user, countyName, unread }: { user: HeaderUser; countyName: string | null; unread: number }) {
  const county = countyName ?? (user.countyAgs ? `Kreis ${user.countyAgs}` : null)
  return (
    <div className="site-user">
      <span>
        {user.name || user.email} · {Role.label(user.role)}
        {county ? ` · ${county}` : ''}
      </span>
      {user.role === 'admin' ? <Link to="/admin/benutzer" className="kern-link">Benutzer</Link> : null}
      {user.role === 'admin' ? <Link to="/admin/kreise" className="kern-link">Mitgliedskreise</Link> : null}
      {user.role === 'admin' || user.role === 'coordinator' ? <Link to="/admin/zustaendigkeit" className="kern-link">Zuständigkeit</Link> : null}
      <Link to="/benachrichtigungen" className="kern-link">
        Benachrichtigungen
        {unread ? ' ' : null}
        {unread ? (
          <span className="kern-badge kern-badge--info site-user__badge">
            <span className="kern-label kern-label--small">
              {unread}
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
  )
}

export function SiteHeader(props: { user: HeaderUser | null; countyName: string | null; unread: number; communityName: string | null; isDemo: boolean }) {
  const { user } = props
  return (
    <header className="site-header">
      <div className="kern-container site-header__bar">
        <Link to="/" className="site-title">
          OZG-Radar
        </Link>
        {props.communityName ? <span className="site-community">{props.communityName}</span> : null}
        {props.isDemo ? (
          <span className="kern-badge kern-badge--warning demo-badge">
            <span className="kern-label kern-label--small">Demodaten</span>
          </span>
        ) : null}
        {user ? <UserLinks user={user} countyName={props.countyName} unread={props.unread} /> : null}
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
  )
}
