import { formatNumber, formatPercent, kpiLabels } from '~/domain/kpi'

type Counts = Record<'online' | 'applicable' | 'own' | 'efa' | 'pending' | 'notApplicable' | 'endToEnd' | 'openNegotiations' | 'stale', number> & { meanMaturityOnline: number | null }

/** The county's key figures, each beside the community average. */
export function CountyFigures({ countyName, kpis, average, countyCount }: { countyName: string; kpis: Counts; average: Counts; countyCount: number }) {
  const rate = (part: 'online' | 'endToEnd', whole: 'applicable' | 'online', c: Counts, n: (v: number) => string) => `${n(c[part])} (${formatPercent(c[part], c[whole])})`
  const items: { key: keyof typeof kpiLabels; value: string; avg: string }[] = [
    { key: 'online', value: rate('online', 'applicable', kpis, String), avg: rate('online', 'applicable', average, formatNumber) },
    { key: 'applicable', value: formatNumber(kpis.applicable), avg: formatNumber(average.applicable) },
    { key: 'own', value: formatNumber(kpis.own), avg: formatNumber(average.own) },
    { key: 'efa', value: formatNumber(kpis.efa), avg: formatNumber(average.efa) },
    { key: 'pending', value: formatNumber(kpis.pending), avg: formatNumber(average.pending) },
    { key: 'notApplicable', value: formatNumber(kpis.notApplicable), avg: formatNumber(average.notApplicable) },
    { key: 'meanMaturityOnline', value: formatNumber(kpis.meanMaturityOnline), avg: formatNumber(average.meanMaturityOnline) },
    { key: 'endToEnd', value: rate('endToEnd', 'online', kpis, String), avg: rate('endToEnd', 'online', average, formatNumber) },
    { key: 'openNegotiations', value: formatNumber(kpis.openNegotiations), avg: formatNumber(average.openNegotiations) },
    { key: 'stale', value: formatNumber(kpis.stale), avg: formatNumber(average.stale) },
  ]
  return (
    <section aria-labelledby="kpi-title" className="kern-stack">
      <h2 className="kern-heading-medium" id="kpi-title">
        Kennzahlen
      </h2>
      <p className="kern-body">
        Jeweils der Wert von {countyName} und daneben der Durchschnitt der {countyCount} Kreise der Community.
      </p>
      <dl className="kpis">
        {items.map((k) => (
          <div key={k.key} className="kpi">
            <dt>{kpiLabels[k.key].label}</dt>
            <dd>
              {k.value}
              <small>Durchschnitt: {k.avg}</small>
              <small>{kpiLabels[k.key].counts}</small>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
