import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import chartsCss from '~/components/charts/charts.css?url'
import { ApproachStageChart, describeTrend, EndToEndChart, TrendChart } from '~/components/charts/summary-charts'
import { countOf, formatNumber, formatPercent, kpiLabels } from '~/domain/kpi'
import { statusChips, type StatusCode } from '~/domain/status-chip'
import { CompareParam, ThemeParam } from '~/domain/summary-filter'
import { getMatrix } from '~/models/matrix.server'
import { listMemberCounties } from '~/models/online-service.server'
import { listThemes } from '~/models/service.server'
import { getApproachStageSeries, getCountyKpis, getOnlineTrend } from '~/models/summary.server'
import { requireUser } from '~/guards/auth.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chartsCss }]
export const meta: MetaFunction = () => [{ title: 'Kreise vergleichen – OZG-Radar' }]

const Query = CompareParam.extend({ themenfeld: ThemeParam })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const url = new URL(request.url)
  const [allCounties, themes] = await Promise.all([listMemberCounties(), listThemes()])
  const selected = url.searchParams.getAll('kreise')
  const base = { allCounties, themes, homeAgs: user.countyAgs, selected: selected.join(',').split(',').filter(Boolean) }
  if (selected.length === 0) return { ...base, error: null, comparison: null }
  const parsed = Query.safeParse({ kreise: selected.length > 1 ? selected : selected[0], themenfeld: url.searchParams.get('themenfeld') ?? undefined })
  let error = parsed.success ? null : parsed.error.issues.map((i) => i.message).join(' ')
  if (parsed.success) {
    const unknown = parsed.data.kreise.filter((ags) => !allCounties.some((c) => c.ags === ags))
    if (unknown.length) error = `Diese Kreise gibt es in der Community nicht: ${unknown.join(', ')}. Wählen Sie Kreise aus der Liste.`
    else if (parsed.data.themenfeld !== undefined && !themes.some((t) => t.id === parsed.data.themenfeld)) {
      error = 'Dieses Themenfeld gibt es nicht. Wählen Sie ein Themenfeld aus der Liste.'
    }
  }
  if (error || !parsed.success) return data({ ...base, error, comparison: null }, { status: 400 })
  const scope = { themeId: parsed.data.themenfeld, countyAgs: parsed.data.kreise }
  const [kpis, community, stages, trend, differences] = await Promise.all([
    getCountyKpis(scope),
    getCountyKpis({ themeId: parsed.data.themenfeld }),
    getApproachStageSeries(scope),
    getOnlineTrend(scope),
    getMatrix({ themeId: parsed.data.themenfeld, countyAgs: parsed.data.kreise, differing: true }),
  ])
  return {
    ...base,
    error: null,
    comparison: {
      themeId: parsed.data.themenfeld ?? null,
      counties: kpis.counties,
      average: community.community.average,
      communityTotal: community.community.total,
      stages,
      trend,
      differences: {
        counties: differences.counties,
        rows: differences.services.map((s) => [s.ozgId, s.name, s.cells.join('')] as const),
        total: differences.totalServices,
      },
    },
  }
}

type Rate = { label: string; counts: string; part: (c: Counts) => number; whole: (c: Counts) => number }
type Counts = { applicable: number; online: number; own: number; efa: number; pending: number; endToEnd: number; stale: number; partiallyOnline: number; inProgress: number }
const rates: Rate[] = [
  { ...kpiLabels.online, part: (c) => c.online, whole: (c) => c.applicable },
  { ...kpiLabels.own, part: (c) => c.own, whole: (c) => c.applicable },
  { ...kpiLabels.efa, part: (c) => c.efa, whole: (c) => c.applicable },
  { ...kpiLabels.pending, part: (c) => c.pending, whole: (c) => c.applicable },
  { ...kpiLabels.partiallyOnline, part: (c) => c.partiallyOnline, whole: (c) => c.applicable },
  { ...kpiLabels.inProgress, part: (c) => c.inProgress, whole: (c) => c.applicable },
  { ...kpiLabels.endToEnd, part: (c) => c.endToEnd, whole: (c) => c.online },
  { ...kpiLabels.stale, part: (c) => c.stale, whole: (c) => c.applicable },
]

export default function Compare() {
  const { allCounties, themes, homeAgs, selected, error, comparison } = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Kreise vergleichen</h1>
      <Form method="get" className="kern-stack no-print" aria-label="Kreise zum Vergleich wählen">
        {error ? (
          <div className="kern-alert kern-alert--danger" role="alert">
            <div className="kern-alert__body">
              <p className="kern-body" id="kreise-error">
                {error}
              </p>
            </div>
          </div>
        ) : null}
        <fieldset className="kern-fieldset" aria-describedby={error ? 'kreise-error' : undefined}>
          <legend className="kern-label">Zwei bis sechs Kreise</legend>
          <div className="compare-choices">
            {allCounties.map((c) => (
              <div key={c.ags} className="kern-form-check">
                <input className="kern-form-check__checkbox" type="checkbox" id={`kreis-${c.ags}`} name="kreise" value={c.ags} defaultChecked={selected.includes(c.ags)} />
                <label className="kern-label" htmlFor={`kreis-${c.ags}`}>
                  {c.name}
                  {c.ags === homeAgs ? ' (Ihr Kreis)' : ''}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="filters">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="themenfeld">
              Themenfeld
            </label>
            <div className="kern-form-input__select-wrapper">
              <select className="kern-form-input__select" id="themenfeld" name="themenfeld" defaultValue={comparison?.themeId ?? ''}>
                <option value="">Alle Themenfelder</option>
                {themes.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">Vergleichen</span>
            </button>
          </div>
        </div>
      </Form>

      {comparison ? (
        <>
          <section aria-labelledby="kpi-compare-heading">
            <h2 className="kern-heading-medium" id="kpi-compare-heading">
              Kennzahlen nebeneinander
            </h2>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Kennzahlen der gewählten Kreise">
              <table className="kern-table kern-table--small side-by-side" data-compare-kpis>
                <caption className="visually-hidden">Kennzahlen der gewählten Kreise und der Community-Durchschnitt</caption>
                <thead className="kern-table__header">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">Kennzahl</th>
                    {comparison.counties.map((c) => (
                      <th key={c.ags} scope="col" className="kern-table__header kern-table__header--numeric">
                        <Link className="kern-link" to={`/kreise/${c.ags}`}>
                          {c.name}
                        </Link>
                      </th>
                    ))}
                    <th scope="col" className="kern-table__header kern-table__header--numeric">Community gesamt</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  <tr className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {kpiLabels.applicable.label}
                      <div className="muted">{kpiLabels.applicable.counts}</div>
                    </th>
                    {comparison.counties.map((c) => (
                      <td key={c.ags} className="kern-table__cell kern-table__cell--numeric">
                        {formatNumber(c.applicable)}
                      </td>
                    ))}
                    <td className="kern-table__cell kern-table__cell--numeric">Ø {formatNumber(comparison.average.applicable)}</td>
                  </tr>
                  {rates.map((r) => (
                    <tr key={r.label} className="kern-table__row">
                      <th scope="row" className="kern-table__cell">
                        {r.label}
                        <div className="muted">{r.counts}</div>
                      </th>
                      {comparison.counties.map((c) => (
                        <td key={c.ags} className="kern-table__cell kern-table__cell--numeric">
                          {formatPercent(r.part(c), r.whole(c))}
                          <div className="muted">{countOf(r.part(c), r.whole(c))}</div>
                        </td>
                      ))}
                      <td className="kern-table__cell kern-table__cell--numeric">
                        {formatPercent(r.part(comparison.communityTotal), r.whole(comparison.communityTotal))}
                        <div className="muted">{countOf(r.part(comparison.communityTotal), r.whole(comparison.communityTotal))}</div>
                      </td>
                    </tr>
                  ))}
                  <tr className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {kpiLabels.meanMaturityOnline.label}
                      <div className="muted">{kpiLabels.meanMaturityOnline.counts}</div>
                    </th>
                    {comparison.counties.map((c) => (
                      <td key={c.ags} className="kern-table__cell kern-table__cell--numeric">
                        {formatNumber(c.meanMaturityOnline)}
                      </td>
                    ))}
                    <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(comparison.communityTotal.meanMaturityOnline)}</td>
                  </tr>
                  <tr className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {kpiLabels.openNegotiations.label}
                      <div className="muted">{kpiLabels.openNegotiations.counts}</div>
                    </th>
                    {comparison.counties.map((c) => (
                      <td key={c.ags} className="kern-table__cell kern-table__cell--numeric">
                        {formatNumber(c.openNegotiations)}
                      </td>
                    ))}
                    <td className="kern-table__cell kern-table__cell--numeric">Ø {formatNumber(comparison.average.openNegotiations)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="compare-charts-heading">
            <h2 className="kern-heading-medium" id="compare-charts-heading">
              Diagramme
            </h2>
            <ApproachStageChart rows={comparison.stages} homeAgs={homeAgs} id="vergleich-umsetzung" />
            <EndToEndChart rows={comparison.counties} homeAgs={homeAgs} id="vergleich-ende-zu-ende" />
            <TrendChart
              id="vergleich-verlauf"
              title="Online-Leistungen je Monat"
              counts="Online-Leistungen am Monatsende, aus der Änderungshistorie."
              summary={comparison.trend.counties.map((c) => describeTrend(c.name, comparison.trend.months, c.values)).join(' ')}
              months={comparison.trend.months}
              lines={comparison.trend.counties.map((c) => ({ label: c.name, values: c.values }))}
            />
          </section>

          <section aria-labelledby="diff-heading">
            <h2 className="kern-heading-medium" id="diff-heading">
              Leistungen, in denen sie sich unterscheiden
            </h2>
            <p className="kern-body" role="status">
              {comparison.differences.rows.length} von {comparison.differences.total} Leistungen unterscheiden sich in Umsetzungsweg oder Fortschritt.
            </p>
            {comparison.differences.rows.length ? (
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Leistungen mit Unterschieden">
                <table className="kern-table kern-table--small kern-table--striped" data-compare-differences>
                  <caption className="visually-hidden">Leistungen, in denen sich die gewählten Kreise unterscheiden</caption>
                  <thead className="kern-table__header">
                    <tr className="kern-table__row">
                      <th scope="col" className="kern-table__header">Leistung</th>
                      {comparison.differences.counties.map((c) => (
                        <th key={c.ags} scope="col" className="kern-table__header">
                          {c.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {comparison.differences.rows.map(([ozgId, name, cells]) => (
                      <tr key={ozgId} className="kern-table__row">
                        <th scope="row" className="kern-table__cell">
                          <Link className="kern-link" to={`/leistungen/${ozgId}`}>
                            {ozgId} {name}
                          </Link>
                        </th>
                        {comparison.differences.counties.map((c, i) => {
                          const cell = statusChips[(cells[i] ?? '_') as StatusCode]
                          return (
                            <td key={c.ags} className={`kern-table__cell ${cell.className}`}>
                              <Link className="kern-link" to={`/kreise/${c.ags}/leistungen/${ozgId}`}>
                                {cell.label}
                              </Link>
                            </td>
                          )
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
        </>
      ) : !error ? (
        <p className="kern-body">Wählen Sie zwei bis sechs Kreise und „Vergleichen“. Sie können den Vergleich auch als Adresse teilen, z. B. /vergleich?kreise=03351,03353.</p>
      ) : null}
    </div>
  )
}
