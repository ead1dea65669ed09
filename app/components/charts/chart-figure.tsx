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
} from 'chart.js'
import { useEffect, useRef } from 'react'
import { chartConfig } from './chart-config'
import type { ChartFigureProps } from './chart-props'
import { ChartTable } from './chart-table'

export type { ChartFigureProps, ChartSeries } from './chart-props'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip)

export function ChartFigure(props: ChartFigureProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const figureRef = useRef<HTMLElement>(null)
  const { type, labels, series, stacked, horizontal, percent, highlightIndex } = props
  // Rebuild only when the numbers change, not on every render.
  const key = JSON.stringify({ type, labels, series, stacked, horizontal, percent, highlightIndex })

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const chart = new Chart(canvas, chartConfig(props))
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
        <ChartTable {...props} />
      </div>
    </figure>
  )
}
