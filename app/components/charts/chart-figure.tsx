// One chart.js chart with the table of the same numbers beside it (STYLE.md §9). Only the
// chart.js parts used are registered; the chart is built in an effect and destroyed on cleanup.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js'
import { useEffect, useRef, type ReactNode } from 'react'
import { formatNumber } from '~/domain/kpi'
import { makePattern, type SeriesStyle } from './palette'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip)

export type ChartSeries = SeriesStyle & { label: string; data: number[] }

export type ChartFigureProps = {
  id: string
  type: 'bar' | 'line'
  title: string
  /** The main point, read out for the canvas (role="img"). */
  summary: string
  /** What the figure counts; shown under the title. */
  counts?: ReactNode
  /** Category labels: counties (bars) or months (lines). */
  labels: string[]
  /** Optional display labels for the table's first column (defaults to labels). */
  rowLabels?: string[]
  rowHeader: string
  series: ChartSeries[]
  stacked?: boolean
  horizontal?: boolean
  /** Values are percentages (0–100). */
  percent?: boolean
  /** Index of the highlighted category (the user's home county). */
  highlightIndex?: number
  /** Cell text in the table; defaults to the number. */
  formatCell?: (seriesIndex: number, labelIndex: number, value: number) => string
  /** An extra last column, e.g. the base every percentage is taken of. */
  extraColumn?: { header: string; values: string[] }
  /** Long tables (monthly series) scroll on screen and print in full. */
  tallTable?: boolean
  height?: number
}

export function ChartFigure(props: ChartFigureProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const figureRef = useRef<HTMLElement>(null)
  const { type, labels, series, stacked, horizontal, percent, highlightIndex } = props
  // Rebuild only when the numbers change, not on every render.
  const key = JSON.stringify({ type, labels, series, stacked, horizontal, percent, highlightIndex })

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const highlight = (base: number, strong: number) =>
      labels.map((_, i) => (i === highlightIndex ? strong : base))
    const datasets = series.map((s) =>
      type === 'bar'
        ? {
            label: s.label,
            data: s.data,
            backgroundColor: makePattern(s.color, s.pattern),
            borderColor: '#1b1b1b',
            borderWidth: highlight(0.5, 3),
          }
        : {
            label: s.label,
            data: s.data,
            borderColor: s.color,
            backgroundColor: s.color,
            borderDash: s.dash,
            borderWidth: 2.5,
            pointStyle: s.point ?? 'circle',
            pointRadius: labels.length > 36 ? 0 : 3,
            pointHoverRadius: 5,
            tension: 0,
          },
    )
    const valueAxis = {
      stacked: !!stacked,
      beginAtZero: true,
      max: percent ? 100 : undefined,
      ticks: { precision: 0, font: { size: 13 }, color: '#1b1b1b', callback: (v: string | number) => (percent ? `${v} %` : formatNumber(Number(v))) },
      grid: { color: '#d0d5db' },
    }
    const categoryAxis = {
      stacked: !!stacked,
      ticks: {
        font: { size: 13 },
        color: '#1b1b1b',
        autoSkip: type === 'line',
        maxRotation: type === 'line' ? 0 : 60,
      },
      grid: { display: false },
    }
    const config = {
      type,
      data: { labels: labels.map((l, i) => (i === highlightIndex ? `▶ ${l}` : l)), datasets },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        // Tooltips are a bonus for the mouse; the table carries every value.
        plugins: {
          legend: { position: 'bottom', labels: { font: { size: 13 }, color: '#1b1b1b', usePointStyle: type === 'line', boxWidth: 22, boxHeight: 14 } },
          tooltip: {
            callbacks: {
              label: (ctx: { dataset: { label?: string }; parsed: { x: number; y: number } }) =>
                `${ctx.dataset.label}: ${formatNumber(horizontal ? ctx.parsed.x : ctx.parsed.y)}${percent ? ' %' : ''}`,
            },
          },
        },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    } as unknown as ChartConfiguration
    const chart = new Chart(canvas, config)
    figureRef.current?.setAttribute('data-chart-ready', 'true')
    return () => {
      figureRef.current?.removeAttribute('data-chart-ready')
      chart.destroy()
    }
    // The key covers everything the config is built from: rebuilding on each render would flicker.
  }, [key])

  const height = props.height ?? (type === 'bar' && horizontal ? Math.max(220, labels.length * 30 + 90) : 320)
  const captionId = `${props.id}-title`
  // Tables with many columns go below the chart; narrow ones sit beside it.
  const wide = series.length + (props.extraColumn ? 1 : 0) > 3
  const cell = (si: number, li: number) => {
    const value = series[si].data[li]
    return props.formatCell ? props.formatCell(si, li, value) : `${formatNumber(value)}${percent ? ' %' : ''}`
  }
  return (
    <figure className="chart-figure" id={props.id} ref={figureRef} aria-labelledby={captionId}>
      <figcaption className="chart-figure__caption">
        <h3 className="kern-heading-small" id={captionId}>
          {props.title}
        </h3>
        {props.counts ? <p className="kern-body kern-body--small chart-figure__counts">{props.counts}</p> : null}
      </figcaption>
      <div className={`chart-figure__body${wide ? ' chart-figure__body--stacked' : ''}`}>
        <div className="chart-figure__canvas" style={{ height }}>
          <canvas ref={canvasRef} role="img" aria-label={props.summary}>
            {props.summary}
          </canvas>
        </div>
        {/* A focusable region: wide or long tables scroll, and keyboard users must reach them. */}
        <div
          className={`chart-figure__table table-scroll${props.tallTable ? ' chart-figure__table--tall' : ''}`}
          tabIndex={0}
          role="region"
          aria-label={`Tabelle: ${props.title}`}
        >
          <table className="kern-table kern-table--small" data-chart-table={props.id}>
            <caption className="visually-hidden">{props.title} – Werte als Tabelle</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {props.rowHeader}
                </th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="kern-table__header kern-table__header--numeric">
                    {s.label}
                  </th>
                ))}
                {props.extraColumn ? (
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    {props.extraColumn.header}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {labels.map((label, li) => (
                <tr key={label + li} className={`kern-table__row${li === highlightIndex ? ' is-highlighted' : ''}`}>
                  <th scope="row" className="kern-table__cell">
                    {props.rowLabels?.[li] ?? label}
                    {li === highlightIndex ? <span className="kern-badge chart-home-badge"> Ihr Kreis</span> : null}
                  </th>
                  {series.map((s, si) => (
                    <td key={s.label} className="kern-table__cell kern-table__cell--numeric" data-value={s.data[li]}>
                      {cell(si, li)}
                    </td>
                  ))}
                  {props.extraColumn ? (
                    <td className="kern-table__cell kern-table__cell--numeric">{props.extraColumn.values[li]}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </figure>
  )
}
