import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import chartsCss from '~/components/charts/charts.css?url'
import { ApproachStageChart, describeTrend, EndToEndChart, TrendChart } from '~/components/charts/summary-charts'
import { countOf, formatNumber, formatPercent, kpiLabels } from '~/domain/kpi'
import { SelectField } from '~/components/fields'
import { StatusChip } from '~/components/status-chip'
import { TableScroll } from '~/components/table-scroll'
import { asStatusCode } from '~/domain/status-chip'
import { CompareParam, ThemeParam } from '~/domain/summary-filter'
import { getMatrix } from '~/models/matrix.server'
import { listMemberCounties } from '~/models/online-service.server'
import { listThemes } from '~/models/service.server'
import { getApproachStageSeries, getCountyKpis, getOnlineTrend } from '~/models/summary.server'
import { requireUser } from '~/guards/auth.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chartsCss }]
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const names = data?.comparison?.counties.map((c) => c.name).join(', ')
  return [{ title: `${data?.error ? 'Fehler: ' : ''}${names ? `${names} – ` : ''}Kreise vergleichen – OZG-Radar` }]
}

const Query = CompareParam.extend({ themenfeld: ThemeParam })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const url = new URL(request.url)
  const [allCounties, themes] = await Promise.all([listMemberCounties(), listThemes()])
  const selected = url.searchParams.getAll('kreise')
  // `?mit=03351` (from a county page) only ticks that county; nothing is compared yet.
  const preset = selected.length === 0 ? url.searchParams.getAll('mit').filter((ags) => allCounties.some((c) => c.ags === ags)) : []
  const base = { allCounties, themes, homeAgs: user.countyAgs, selected: [...selected.join(',').split(','), ...preset].filter(Boolean) }
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Comparison = NonNullable<LoaderData['comparison']>

function CompareForm({ allCounties, themes, homeAgs, selected, error, themeId }: Pick<LoaderData, 'allCounties' | 'themes' | 'homeAgs' | 'selected' | 'error'> & { themeId: number | null }) {
  return (
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
        <div className="kern-fieldset__body">
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
        </div>
      </fieldset>
      <div className="filters">
        <SelectField name="themenfeld" label="Themenfeld" options={themes.map((t) => ({ value: String(t.id), label: t.name }))} empty="Alle Themenfelder" defaultValue={themeId === null ? '' : String(themeId)} />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">Vergleichen</span>
          </button>
        </div>
      </div>
    </Form>
  )
}

function KpiRow({ label, counts, cells, total }: { label: string; counts: string; cells: { key: string; value: string; detail?: string }[]; total: { value: string; detail?: string } }) {
  return (
    <tr className="kern-table__row">
      <th scope="row" className="kern-table__cell">
        {label}
        <div className="muted">{counts}</div>
      </th>
      {[...cells, { key: 'total', ...total }].map((c) => (
        <td key={c.key} className="kern-table__cell kern-table__cell--numeric">
          {c.value}
          {c.detail ? <div className="muted">{c.detail}</div> : null}
        </td>
      ))}
    </tr>
  )
}

function KpiTable({ comparison }: { comparison: Comparison }) {
  const { counties, average, communityTotal } = comparison
  const plain = (key: 'applicable' | 'meanMaturityOnline' | 'openNegotiations', total: string) => (
    <KpiRow label={kpiLabels[key].label} counts={kpiLabels[key].counts} cells={counties.map((c) => ({ key: c.ags, value: formatNumber(c[key]) }))} total={{ value: total }} />
  )
  return (
    <section aria-labelledby="kpi-compare-heading">
      <h2 className="kern-heading-medium" id="kpi-compare-heading">
        Kennzahlen nebeneinander
      </h2>
      <TableScroll label="Kennzahlen der gewählten Kreise">
        <table className="kern-table kern-table--small side-by-side" data-compare-kpis>
          <caption className="visually-hidden">Kennzahlen der gewählten Kreise und der Community-Durchschnitt</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Kennzahl</th>
              {counties.map((c) => (
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
            {plain('applicable', `Ø ${formatNumber(average.applicable)}`)}
            {rates.map((r) => (
              <KpiRow
                key={r.label}
                label={r.label}
                counts={r.counts}
                cells={counties.map((c) => ({ key: c.ags, value: formatPercent(r.part(c), r.whole(c)), detail: countOf(r.part(c), r.whole(c)) }))}
                total={{ value: formatPercent(r.part(communityTotal), r.whole(communityTotal)), detail: countOf(r.part(communityTotal), r.whole(communityTotal)) }}
              />
            ))}
            {plain('meanMaturityOnline', formatNumber(communityTotal.meanMaturityOnline))}
            {plain('openNegotiations', `Ø ${formatNumber(average.openNegotiations)}`)}
          </tbody>
        </table>
      </TableScroll>
    </section>
  )
}

/** Services whose approach or stage differ: one status chip per county, never a bare stripe colour. */
function DifferencesTable({ differences }: { differences: Comparison['differences'] }) {
  return (
    <section aria-labelledby="diff-heading">
      <h2 className="kern-heading-medium" id="diff-heading">
        Leistungen, in denen sie sich unterscheiden
      </h2>
      <p className="kern-body" role="status">
        {formatNumber(differences.rows.length)} von {formatNumber(differences.total)} Leistungen unterscheiden sich in Umsetzungsweg oder Fortschritt.
      </p>
      {differences.rows.length ? (
        <TableScroll label="Leistungen mit Unterschieden">
          <table className="kern-table kern-table--small compare-differences" data-compare-differences>
            <caption className="visually-hidden">Leistungen, in denen sich die gewählten Kreise unterscheiden</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Leistung</th>
                {differences.counties.map((c) => (
                  <th key={c.ags} scope="col" className="kern-table__header">
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {differences.rows.map(([ozgId, name, cells]) => (
                <tr key={ozgId} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/leistungen/${ozgId}`}>
                      {ozgId} {name}
                    </Link>
                  </th>
                  {differences.counties.map((c, i) => (
                    <td key={c.ags} className="kern-table__cell">
                      <Link className="kern-link status-link" to={`/kreise/${c.ags}/leistungen/${ozgId}`}>
                        <span className="visually-hidden">
                          {c.name} – {ozgId} {name}:{' '}
                        </span>
                        <StatusChip code={asStatusCode(cells[i] ?? '_')} />
                      </Link>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  )
}

export default function Compare() {
  const { allCounties, themes, homeAgs, selected, error, comparison } = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Kreise vergleichen</h1>
      <CompareForm allCounties={allCounties} themes={themes} homeAgs={homeAgs} selected={selected} error={error} themeId={comparison?.themeId ?? null} />
      {comparison ? (
        <>
          <KpiTable comparison={comparison} />
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
          <DifferencesTable differences={comparison.differences} />
        </>
      ) : !error ? (
        <p className="kern-body">Wählen Sie zwei bis sechs Kreise und „Vergleichen“. Sie können den Vergleich auch als Adresse teilen, z. B. /vergleich?kreise=03351,03353.</p>
      ) : null}
    </div>
  )
}
