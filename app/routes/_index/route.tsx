// Übersicht: the signed-in person's county first (place, change since the last meeting, rows to
// confirm, each linking to the rows behind it), then the community, then the charts.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import chartsCss from '~/components/charts/charts.css?url'
import { chartScope, highlightKey, LAND_GROUPING_THRESHOLD, LandParam, rowsInScope } from '~/domain/land-groups'
import { metaTitle } from '~/domain/page-title'
import { countiesThen, countyStanding } from '~/domain/standing'
import { DashboardFilter } from '~/domain/summary-filter'
import { searchMemberCounties } from '~/models/county.server'
import { listThemes } from '~/models/service.server'
import { getCountyLands, getStandingAtLastMeeting } from '~/models/standing.server'
import { getCountySummary, getOnlineTrend } from '~/models/summary.server'
import { requireUser } from '~/guards/auth.server'
import { badRequest, parseSearchParams } from '~/utils/http.server'
import { ComparisonCharts, TrendSection } from './charts-section'
import { CommunitySection, ThemeFilter } from './community-section'
import { CountySection } from './county-section'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chartsCss }]
export const meta: MetaFunction<typeof loader> = ({ data }) => metaTitle([data?.themeName, 'Übersicht'])

const DashboardQuery = DashboardFilter.extend({ land: LandParam })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const filter = parseSearchParams(DashboardQuery, request)
  const themes = await listThemes()
  const theme = themes.find((t) => t.id === filter.themenfeld)
  if (filter.themenfeld !== undefined && !theme) {
    throw badRequest('Dieses Themenfeld gibt es nicht. Wählen Sie ein Themenfeld aus der Liste.')
  }
  const scope = { themeId: filter.themenfeld }
  // The county in focus: the one chosen, else the person's home county (coordinators choose).
  const focusAgs = filter.kreis ?? user.countyAgs ?? null
  const [{ kpis, stages, maturity, maturity20 }, trend, past, lands, found] = await Promise.all([
    getCountySummary(scope),
    getOnlineTrend(scope, focusAgs ? [focusAgs] : []),
    getStandingAtLastMeeting(scope),
    getCountyLands(),
    filter.kreissuche ? searchMemberCounties(filter.kreissuche) : null,
  ])
  if (filter.kreis && !kpis.counties.some((c) => c.ags === filter.kreis)) {
    throw badRequest('Diesen Kreis gibt es in der Community nicht. Wählen Sie einen Kreis aus der Liste.')
  }
  const charts = chartScope(kpis.counties.map((c) => c.ags), lands, filter.land)
  if (!charts) throw badRequest('Dieses Land hat keinen Mitgliedskreis. Wählen Sie ein Land aus der Liste.')
  const then = past.meeting ? countiesThen(kpis.counties, past.deltas) : []
  const inScope = <R extends { ags: string; name: string }>(rows: R[]) => rowsInScope(rows, lands, charts)
  // Beyond the threshold the chooser is a search (decision 043): a list of all 10,800 Gemeinden
  // was 1.4 MB of page and loader data, and no one can pick from it.
  const bySearch = kpis.counties.length > LAND_GROUPING_THRESHOLD
  return {
    themes,
    themeId: filter.themenfeld ?? null,
    themeName: theme?.name ?? null,
    homeAgs: user.countyAgs,
    focusAgs,
    counties: bySearch ? null : kpis.counties.map((c) => ({ ags: c.ags, name: c.name })),
    countySearch: bySearch ? { q: filter.kreissuche ?? '', ...(found ?? { counties: [], more: false }) } : null,
    standing: focusAgs ? countyStanding(kpis.counties, focusAgs, past.meeting, then) : null,
    community: kpis.community,
    meeting: past.meeting,
    communityThen: then,
    charts,
    highlight: highlightKey(focusAgs, lands, charts),
    stages: inScope(stages),
    maturity: inScope(maturity),
    maturity20: inScope(maturity20),
    endToEnd: inScope(kpis.counties.map((c) => ({ ags: c.ags, name: c.name, online: c.online, endToEnd: c.endToEnd }))),
    trend,
  }
}

export default function Overview() {
  const d = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large" tabIndex={-1}>
        Übersicht
      </h1>
      <p className="kern-body">
        Umsetzungsstand der {d.community.countyCount} Mitgliedskreise{d.themeName ? ` im Themenfeld „${d.themeName}“` : ' über alle Themenfelder'}. Quoten
        beziehen sich immer auf die zuständigen Leistungen eines Kreises.
      </p>
      <CountySection
        standing={d.standing}
        homeAgs={d.homeAgs}
        counties={d.counties}
        countySearch={d.countySearch}
        land={d.charts.mode === 'land' ? d.charts.land : null}
        community={d.community}
        themeId={d.themeId}
      />
      <ThemeFilter themes={d.themes} themeId={d.themeId} focusAgs={d.focusAgs !== d.homeAgs ? d.focusAgs : null} />
      <CommunitySection community={d.community} themeName={d.themeName} meeting={d.meeting} then={d.communityThen} />
      <ComparisonCharts
        scope={d.charts}
        themeId={d.themeId}
        highlight={d.highlight}
        highlightLabel={d.charts.mode === 'lands' ? (d.focusAgs === d.homeAgs ? 'Land Ihres Kreises' : 'Land des gewählten Kreises') : d.focusAgs === d.homeAgs ? 'Ihr Kreis' : 'gewählter Kreis'}
        stages={d.stages}
        maturity={d.maturity}
        maturity20={d.maturity20}
        endToEnd={d.endToEnd}
      />
      <TrendSection trend={d.trend} focusAgs={d.focusAgs} countyCount={d.community.countyCount} />
    </div>
  )
}
