import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listCountiesWithCounts } from '~/models/county.server'
import { requireUser } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Übersicht – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const counties = await listCountiesWithCounts()
  const sum = (pick: (c: (typeof counties)[number]) => number) => counties.reduce((n, c) => n + pick(c), 0)
  return {
    countyCount: counties.length,
    online: sum((c) => c.online),
    applicable: sum((c) => c.total - c.notApplicable),
  }
}

export default function Overview() {
  const kpis = useLoaderData<typeof loader>()
  const rate = kpis.applicable ? Math.round((kpis.online / kpis.applicable) * 100) : 0
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Übersicht</h1>
      <dl className="kpis">
        <div className="kpi">
          <dt>Mitgliedskreise</dt>
          <dd>{kpis.countyCount}</dd>
        </div>
        <div className="kpi">
          <dt>Online angebotene Leistungen (alle Kreise)</dt>
          <dd>
            {rate} %<small>{kpis.online} von {kpis.applicable} zuständigen Leistungen</small>
          </dd>
        </div>
      </dl>
      <p className="kern-body">
        <Link className="kern-link" to="/kreise">
          Alle Kreise vergleichen
        </Link>
      </p>
    </div>
  )
}
