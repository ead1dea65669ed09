// The counties side by side (one bar per Land with a drill-down in a large community) and the
// trend of online services. Every chart keeps its table of numbers.
import { Link } from '@remix-run/react'
import { ApproachStageChart, describeTrend, EndToEndChart, Maturity20Chart, MaturityChart, TrendChart } from '~/components/charts/summary-charts'
import type { ApproachStageRow, EndToEndRow, Maturity20Row, MaturityRow } from '~/components/charts/summary-charts'
import { maturityLabels20 } from '~/domain/enums'
import { plural } from '~/domain/format'
import { LAND_GROUPING_THRESHOLD, type ChartScope } from '~/domain/land-groups'
import type { OnlineTrend as OnlineTrendData } from '~/models/summary.server'
import { dashboardHref } from './href'

function LandLinks({ scope, themeId }: { scope: ChartScope; themeId: number | null }) {
  if (scope.mode === 'counties') return null
  const href = (land?: string) => `${dashboardHref({ themeId, land })}#charts-heading`
  return (
    <nav aria-label="Kreise nach Land" className="kern-stack">
      <p className="kern-body">
        {scope.mode === 'lands'
          ? `Mehr als ${LAND_GROUPING_THRESHOLD} Kreise: Die Diagramme zeigen je Land die Summe seiner Kreise. Wählen Sie ein Land, um seine Kreise einzeln zu sehen.`
          : `Die Diagramme zeigen die Kreise in ${scope.land}.`}
      </p>
      <ul className="land-links">
        {scope.mode === 'land' ? (
          <li>
            <Link className="kern-link" to={href()}>
              Alle Länder im Vergleich
            </Link>
          </li>
        ) : null}
        {scope.lands.map((l) => (
          <li key={l.land}>
            <Link className="kern-link" to={href(l.land)} aria-current={scope.mode === 'land' && scope.land === l.land ? 'page' : undefined}>
              {l.land} ({plural(l.countyCount, 'Kreis', 'Kreise')})
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}

export function ComparisonCharts(props: {
  scope: ChartScope
  themeId: number | null
  highlight: string | null
  /** The badge of the highlighted row: „Ihr Kreis“, „gewählter Kreis“ or „Land Ihres Kreises“. */
  highlightLabel: string
  stages: ApproachStageRow[]
  maturity: MaturityRow[]
  maturity20: Maturity20Row[]
  endToEnd: EndToEndRow[]
}) {
  const { highlight, highlightLabel } = props
  const heading = props.scope.mode === 'lands' ? 'Länder im Vergleich' : props.scope.mode === 'land' ? `Kreise in ${props.scope.land} im Vergleich` : 'Kreise im Vergleich'
  return (
    <section aria-labelledby="charts-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="charts-heading">
        {heading}
      </h2>
      <LandLinks scope={props.scope} themeId={props.themeId} />
      <ApproachStageChart rows={props.stages} homeAgs={highlight} highlightLabel={highlightLabel} />
      <Maturity20Chart rows={props.maturity20} homeAgs={highlight} highlightLabel={highlightLabel} labels={maturityLabels20} />
      <MaturityChart rows={props.maturity} homeAgs={highlight} highlightLabel={highlightLabel} />
      <EndToEndChart rows={props.endToEnd} homeAgs={highlight} highlightLabel={highlightLabel} />
    </section>
  )
}

export function TrendSection({ trend, focusAgs, countyCount }: { trend: OnlineTrendData; focusAgs: string | null; countyCount: number }) {
  const county = trend.counties.find((c) => c.ags === focusAgs)
  const averageLine = trend.community.map((n) => (countyCount ? Math.round((n / countyCount) * 10) / 10 : 0))
  return (
    <section aria-labelledby="trend-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="trend-heading">
        Entwicklung
      </h2>
      <TrendChart
        id="chart-verlauf-community"
        title="Online-Leistungen der Community je Monat"
        counts="Summe der Online-Leistungen aller Mitgliedskreise am Monatsende, aus der Änderungshistorie (ab der Änderung auf „online“ bis zu einer späteren Änderung weg davon)."
        summary={describeTrend('Community', trend.months, trend.community)}
        months={trend.months}
        lines={[{ label: 'Community gesamt', values: trend.community }]}
      />
      <TrendChart
        id="chart-verlauf-kreis"
        title={county ? `Online-Leistungen je Monat: ${county.name} und Community-Durchschnitt` : 'Online-Leistungen je Monat: Community-Durchschnitt je Kreis'}
        counts="Online-Leistungen am Monatsende aus der Änderungshistorie; Durchschnitt = Community-Summe geteilt durch die Zahl der Kreise. Den Kreis wählen Sie oben unter „Kreis zeigen“."
        summary={
          county
            ? `${describeTrend(county.name, trend.months, county.values)} ${describeTrend('Durchschnitt je Kreis', trend.months, averageLine)}`
            : describeTrend('Durchschnitt je Kreis', trend.months, averageLine)
        }
        months={trend.months}
        lines={[...(county ? [{ label: county.name, values: county.values }] : []), { label: 'Durchschnitt je Kreis', values: averageLine }]}
      />
    </section>
  )
}
