import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { StatusChip } from '~/components/status-chip'
import { Funding, type ApproachCode, type FundingCode, type StageCode } from '~/domain/enums'
import { germanDate } from '~/domain/meeting-report'
import { FORECAST_METHOD, FORECAST_MONTHS, FORECAST_TARGET_SHARE, forecastText, germanMonth } from '~/domain/planning'
import { getCostTotals, getForecasts, listOverdueTargets, type CostTotal } from '~/models/planning.server'
import { requireUser } from '~/guards/auth.server'
import { formatAmount } from '~/domain/format'

export const meta: MetaFunction = () => [{ title: 'Planung und Kosten – OZG-Radar' }]

const OVERDUE_LIST_LIMIT = 200

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const [forecasts, overdue, costs] = await Promise.all([getForecasts(), listOverdueTargets({ limit: OVERDUE_LIST_LIMIT }), getCostTotals()])
  return { forecasts, overdue, costs, overdueLimit: OVERDUE_LIST_LIMIT }
}

const euro = (n: number) => `${formatAmount(n)} €`
const perMonth = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 1 })

function CostTable({ id, caption, header, rows, label, total }: { id: string; caption: string; header: string; rows: CostTotal[]; label: (r: CostTotal) => string; total?: CostTotal }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="kern-table kern-table--small kern-table--striped">
        <caption className="kern-title" id={id}>
          {caption}
        </caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">{header}</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Zeilen mit Kosten</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Einmalkosten</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Jährliche Kosten</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr className="kern-table__row" key={r.key}>
              <th scope="row" className="kern-table__cell">
                {label(r)}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{r.rows}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{euro(r.oneOff)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{euro(r.annual)}</td>
            </tr>
          ))}
          {total ? (
            <tr className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                Summe
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">
                <strong>{total.rows}</strong>
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">
                <strong>{euro(total.oneOff)}</strong>
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">
                <strong>{euro(total.annual)}</strong>
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  )
}

export default function Planning() {
  const { forecasts, overdue, costs, overdueLimit } = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Planung und Kosten</h1>
      <p className="kern-body">Wann die Kreise bei ihrem bisherigen Tempo wie weit sind, welche Zieltermine verstrichen sind und was die Umsetzung kostet.</p>

      <ForecastSection forecasts={forecasts} />
      <OverdueSection overdue={overdue} overdueLimit={overdueLimit} />

      <section className="kern-stack" aria-labelledby="costs-heading">
        <h2 className="kern-heading-medium" id="costs-heading">
          Kosten
        </h2>
        <p className="kern-body kern-body--small">
          Summen der eingetragenen Einmal- und jährlichen Kosten der zuständigen Leistungen der Mitgliedskreise; Zeilen ohne Betrag zählen nicht mit.
        </p>
        <CostTable id="costs-county" caption="Kosten je Kreis" header="Kreis" rows={costs.byCounty} label={(r) => r.label} total={costs.total} />
        <CostTable
          id="costs-funding"
          caption="Kosten je Finanzierung"
          header="Finanzierung"
          rows={costs.byFunding}
          label={(r) => (r.key ? Funding.label(r.key as FundingCode) : 'ohne Angabe')}
          total={costs.total}
        />
        <CostTable id="costs-theme" caption="Kosten je Themenfeld" header="Themenfeld" rows={costs.byTheme} label={(r) => r.label} total={costs.total} />
      </section>
    </div>
  )
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>

function ForecastSection({ forecasts }: { forecasts: PageData['forecasts'] }) {
  const { months } = forecasts
  return (
    <section className="kern-stack" aria-labelledby="forecast-heading">
      <h2 className="kern-heading-medium" id="forecast-heading">
        Prognose je Kreis
      </h2>
      <p className="kern-body kern-body--small" id="forecast-method">
        {FORECAST_METHOD}
        {months.length ? ` Zeitraum: ${germanMonth(months[0])} bis ${germanMonth(months[months.length - 1])}.` : ''}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Prognose je Kreis">
        <table className="kern-table kern-table--small kern-table--striped" aria-describedby="forecast-method">
          <caption className="visually-hidden">Prognose je Kreis aus dem Trend der letzten {FORECAST_MONTHS} Monate</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Kreis</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Online heute (von zuständigen)</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Ziel ({Math.round(FORECAST_TARGET_SHARE * 100)} %)</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Trend je Monat</th>
              <th scope="col" className="kern-table__header">Prognose</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {forecasts.counties.map((c) => (
              <tr className="kern-table__row" key={c.ags}>
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`/kreise/${c.ags}`}>
                    {c.name}
                  </Link>
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {c.online} von {c.applicable}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{c.forecast.target}</td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {'perMonth' in c.forecast ? `${c.forecast.perMonth > 0 ? '+' : ''}${perMonth(c.forecast.perMonth)}` : '–'}
                </td>
                <td className="kern-table__cell">{forecastText(c.forecast)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function OverdueSection({ overdue, overdueLimit }: { overdue: PageData['overdue']; overdueLimit: number }) {
  return (
    <section className="kern-stack" aria-labelledby="overdue-heading">
      <h2 className="kern-heading-medium" id="overdue-heading">
        Überschrittene Zieltermine ({overdue.total})
      </h2>
      <p className="kern-body kern-body--small">Zuständige Leistungen, die nicht online sind und deren Zieltermin vor heute liegt.</p>
      {overdue.total === 0 ? (
        <p className="kern-body">Kein Zieltermin ist überschritten.</p>
      ) : (
        <>
          <ul className="kern-list">
            {overdue.perCounty.map((c) => (
              <li key={c.ags}>
                <Link className="kern-link" to={`/kreise/${c.ags}`}>
                  {c.name}
                </Link>
                : {c.overdue}
              </li>
            ))}
          </ul>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Überschrittene Zieltermine">
            <table className="kern-table kern-table--small kern-table--striped">
              <caption className="visually-hidden">Überschrittene Zieltermine, älteste zuerst</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">Zieltermin</th>
                  <th scope="col" className="kern-table__header">Kreis</th>
                  <th scope="col" className="kern-table__header">Leistung</th>
                  <th scope="col" className="kern-table__header">Stand</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {overdue.rows.map((r) => (
                  <tr className="kern-table__row" key={`${r.ags}-${r.ozgId}`}>
                    <td className="kern-table__cell">{germanDate(r.targetDate)}</td>
                    <td className="kern-table__cell">{r.county}</td>
                    <th scope="row" className="kern-table__cell">
                      <Link className="kern-link" to={`/kreise/${r.ags}/leistungen/${r.ozgId}`}>
                        {r.ozgId} {r.service}
                      </Link>
                    </th>
                    <td className="kern-table__cell">
                      <StatusChip approach={r.approach as ApproachCode} stage={r.stage as StageCode} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {overdue.total > overdue.rows.length ? (
            <p className="kern-body kern-body--small">
              Die ältesten {overdueLimit} von {overdue.total}; alle im Export mit Zieltermin.
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}
