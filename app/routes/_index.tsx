import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import chartsCss from '~/components/charts/charts.css?url'
import { ApproachStageChart, describeTrend, EndToEndChart, Maturity20Chart, MaturityChart, TrendChart } from '~/components/charts/summary-charts'
import { maturityLabels20 } from '~/domain/enums'
import { countOf, formatNumber, formatPercent, kpiLabels, type KpiKey } from '~/domain/kpi'
import { DashboardFilter } from '~/domain/summary-filter'
import { listThemes } from '~/models/service.server'
import { getMaturity20Series } from '~/models/maturity.server'
import { getCountySummary, getOnlineTrend } from '~/models/summary.server'
import { requireUser } from '~/guards/auth.server'
import { badRequest, parseSearchParams } from '~/utils/http.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chartsCss }]
export const meta: MetaFunction = () => [{ title: 'Übersicht – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const filter = parseSearchParams(DashboardFilter, request)
  const themes = await listThemes()
  if (filter.themenfeld !== undefined && !themes.some((t) => t.id === filter.themenfeld)) {
    throw badRequest('Dieses Themenfeld gibt es nicht. Wählen Sie ein Themenfeld aus der Liste.')
  }
  const scope = { themeId: filter.themenfeld }
  const trendAgs = filter.kreis ?? user.countyAgs ?? null
  // The page draws one county's trend line: only that series is read and sent to the browser.
  const [{ kpis, stages, maturity }, trend, maturity20] = await Promise.all([
    getCountySummary(scope),
    getOnlineTrend(scope, trendAgs ? [trendAgs] : []),
    getMaturity20Series(scope),
  ])
  if (filter.kreis && !kpis.counties.some((c) => c.ags === filter.kreis)) {
    throw badRequest('Diesen Kreis gibt es in der Community nicht. Wählen Sie einen Kreis aus der Liste.')
  }
  return { themes, themeId: filter.themenfeld ?? null, homeAgs: user.countyAgs, trendAgs, kpis, stages, maturity, maturity20, trend }
}

function Kpi({ id, value, detail, kpi }: { id: string; value: string; detail?: string; kpi: KpiKey | { label: string; counts: string } }) {
  const info = typeof kpi === 'string' ? kpiLabels[kpi] : kpi
  return (
    <div className="kpi" data-kpi={id}>
      <dt>{info.label}</dt>
      <dd>
        {value}
        {detail ? <small data-kpi-detail>{detail}</small> : null}
        <span className="kpi__counts">{info.counts}</span>
      </dd>
    </div>
  )
}

export default function Overview() {
  const { themes, themeId, homeAgs, trendAgs, kpis, stages, maturity, maturity20, trend } = useLoaderData<typeof loader>()
  const { total, average, countyCount } = kpis.community
  const themeName = themes.find((t) => t.id === themeId)?.name
  const home = kpis.counties.find((c) => c.ags === homeAgs)
  const trendCounty = trend.counties.find((c) => c.ags === trendAgs)
  const averageLine = trend.community.map((n) => (countyCount ? Math.round((n / countyCount) * 10) / 10 : 0))
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Übersicht</h1>
      <p className="kern-body">
        Umsetzungsstand der {countyCount} Mitgliedskreise{themeName ? ` im Themenfeld „${themeName}“` : ' über alle Themenfelder'}. Quoten
        beziehen sich immer auf die zuständigen Leistungen eines Kreises.
      </p>

      <Form method="get" className="filters no-print" aria-label="Übersicht filtern">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="themenfeld">
            Themenfeld
          </label>
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id="themenfeld" name="themenfeld" defaultValue={themeId ?? ''}>
              <option value="">Alle Themenfelder</option>
              {themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {trendAgs && trendAgs !== homeAgs ? <input type="hidden" name="kreis" value={trendAgs} /> : null}
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">Anzeigen</span>
          </button>
        </div>
      </Form>

      <section aria-labelledby="kpi-heading">
        <h2 className="kern-heading-medium" id="kpi-heading">
          Community{themeName ? ` · ${themeName}` : ''}
        </h2>
        <dl className="kpis">
          <Kpi id="counties" kpi={{ label: 'Mitgliedskreise', counts: 'Kreise und kreisfreie Städte der Community.' }} value={formatNumber(countyCount)} />
          <Kpi
            id="online"
            kpi="online"
            value={formatPercent(total.online, total.applicable)}
            detail={`${countOf(total.online, total.applicable)} zuständigen Leistungen · Ø ${formatNumber(average.online)} je Kreis`}
          />
          <Kpi id="applicable" kpi="applicable" value={formatNumber(total.applicable)} detail={`Ø ${formatNumber(average.applicable)} je Kreis`} />
          <Kpi id="own" kpi="own" value={formatPercent(total.own, total.applicable)} detail={countOf(total.own, total.applicable)} />
          <Kpi id="efa" kpi="efa" value={formatPercent(total.efa, total.applicable)} detail={countOf(total.efa, total.applicable)} />
          <Kpi id="pending" kpi="pending" value={formatPercent(total.pending, total.applicable)} detail={countOf(total.pending, total.applicable)} />
          <Kpi id="partiallyOnline" kpi="partiallyOnline" value={formatPercent(total.partiallyOnline, total.applicable)} detail={countOf(total.partiallyOnline, total.applicable)} />
          <Kpi id="inProgress" kpi="inProgress" value={formatPercent(total.inProgress, total.applicable)} detail={countOf(total.inProgress, total.applicable)} />
          <Kpi id="endToEnd" kpi="endToEnd" value={formatPercent(total.endToEnd, total.online)} detail={`${countOf(total.endToEnd, total.online)} Online-Leistungen`} />
          <Kpi id="meanMaturityOnline" kpi="meanMaturityOnline" value={formatNumber(total.meanMaturityOnline)} />
          <Kpi id="openNegotiations" kpi="openNegotiations" value={formatNumber(total.openNegotiations)} detail={`Ø ${formatNumber(average.openNegotiations)} je Kreis`} />
          <Kpi id="stale" kpi="stale" value={formatPercent(total.stale, total.applicable)} detail={countOf(total.stale, total.applicable)} />
        </dl>
      </section>

      {home ? (
        <section aria-labelledby="home-heading">
          <h2 className="kern-heading-medium" id="home-heading">
            Ihr Kreis: {home.name}
          </h2>
          <dl className="kpis">
            <Kpi
              id="home-online"
              kpi="online"
              value={formatPercent(home.online, home.applicable)}
              detail={`${countOf(home.online, home.applicable)} zuständigen Leistungen · Community-Ø ${formatPercent(total.online, total.applicable)}`}
            />
            <Kpi
              id="home-endToEnd"
              kpi="endToEnd"
              value={formatPercent(home.endToEnd, home.online)}
              detail={`${countOf(home.endToEnd, home.online)} · Community-Ø ${formatPercent(total.endToEnd, total.online)}`}
            />
            <Kpi id="home-stale" kpi="stale" value={formatPercent(home.stale, home.applicable)} detail={countOf(home.stale, home.applicable)} />
          </dl>
          <p className="kern-body">
            <Link className="kern-link" to={`/kreise/${home.ags}`}>
              Alle Leistungen von {home.name}
            </Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="charts-heading">
        <h2 className="kern-heading-medium" id="charts-heading">
          Kreise im Vergleich
        </h2>
        <ApproachStageChart rows={stages} homeAgs={homeAgs} />
        <Maturity20Chart rows={maturity20} homeAgs={homeAgs} labels={maturityLabels20} />
        <MaturityChart rows={maturity} homeAgs={homeAgs} />
        <EndToEndChart rows={kpis.counties} homeAgs={homeAgs} />
      </section>

      <section aria-labelledby="trend-heading">
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
        <Form method="get" className="filters no-print" aria-label="Kreis für den Verlauf wählen">
          {themeId ? <input type="hidden" name="themenfeld" value={themeId} /> : null}
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="kreis">
              Verlauf für Kreis
            </label>
            <div className="kern-form-input__select-wrapper">
              <select className="kern-form-input__select" id="kreis" name="kreis" defaultValue={trendAgs ?? ''}>
                <option value="">Nur Community-Durchschnitt</option>
                {kpis.counties.map((c) => (
                  <option key={c.ags} value={c.ags}>
                    {c.name}
                    {c.ags === homeAgs ? ' (Ihr Kreis)' : ''}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">Verlauf zeigen</span>
            </button>
          </div>
        </Form>
        <TrendChart
          id="chart-verlauf-kreis"
          title={trendCounty ? `Online-Leistungen je Monat: ${trendCounty.name} und Community-Durchschnitt` : 'Online-Leistungen je Monat: Community-Durchschnitt je Kreis'}
          counts="Online-Leistungen am Monatsende aus der Änderungshistorie; Durchschnitt = Community-Summe geteilt durch die Zahl der Kreise."
          summary={
            trendCounty
              ? `${describeTrend(trendCounty.name, trend.months, trendCounty.values)} ${describeTrend('Durchschnitt je Kreis', trend.months, averageLine)}`
              : describeTrend('Durchschnitt je Kreis', trend.months, averageLine)
          }
          months={trend.months}
          lines={[
            ...(trendCounty ? [{ label: trendCounty.name, values: trendCounty.values }] : []),
            { label: 'Durchschnitt je Kreis', values: averageLine },
          ]}
        />
      </section>
    </div>
  )
}
