// The chart.js configuration of a ChartFigure: patterned bars (the home county outlined) or
// dashed lines with distinct points, German number ticks, no animation.
import type { ChartConfiguration } from 'chart.js'
import { formatNumber } from '~/domain/kpi'
import type { ChartFigureProps } from './chart-props'
import { makePattern } from './palette'

function datasets({ type, labels, series, highlightIndex }: ChartFigureProps) {
  const highlight = (base: number, strong: number) => labels.map((_, i) => (i === highlightIndex ? strong : base))
  return series.map((s) =>
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
}

function axes({ type, stacked, horizontal, percent }: ChartFigureProps) {
  const valueAxis = {
    stacked: !!stacked,
    beginAtZero: true,
    max: percent ? 100 : undefined,
    ticks: { precision: 0, font: { size: 13 }, color: '#1b1b1b', callback: (v: string | number) => (percent ? `${v} %` : formatNumber(Number(v))) },
    grid: { color: '#d0d5db' },
  }
  const categoryAxis = {
    stacked: !!stacked,
    ticks: { font: { size: 13 }, color: '#1b1b1b', autoSkip: type === 'line', maxRotation: type === 'line' ? 0 : 60 },
    grid: { display: false },
  }
  return horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }
}

export function chartConfig(props: ChartFigureProps): ChartConfiguration {
  const { type, labels, horizontal, percent, highlightIndex } = props
  return {
    type,
    data: { labels: labels.map((l, i) => (i === highlightIndex ? `▶ ${l}` : l)), datasets: datasets(props) },
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
      scales: axes(props),
    },
  } as unknown as ChartConfiguration
}
