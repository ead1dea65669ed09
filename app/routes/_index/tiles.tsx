// A dashboard tile: the value large, then what it counts, the comparison and the direction since
// the last meeting. Direction is a symbol plus words, never colour alone.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { directionSymbol, type Change } from '~/domain/standing'

const directionWords = { up: 'gestiegen', down: 'gesunken', same: 'gleich geblieben' } as const

export function ChangeLine({ change }: { change: Change | string }) {
  if (typeof change === 'string') return <span className="tile__change">{change}</span>
  return (
    <span className="tile__change" data-direction={change.direction}>
      <span className="tile__symbol" aria-hidden="true">
        {directionSymbol[change.direction]}
      </span>
      <span className="visually-hidden">{directionWords[change.direction]}: </span>
      {change.text}
    </span>
  )
}

export type TileProps = {
  /** data-kpi, for tests and styling. */
  id: string
  label: string
  value: ReactNode
  /** What the value counts, e.g. „120 von 400 zuständigen Leistungen“. */
  detail?: string
  compare?: string
  change?: Change | string | null
  link?: { to: string; text: string }
  lead?: boolean
}

export function Tile({ id, label, value, detail, compare, change, link, lead }: TileProps) {
  return (
    <div className={`tile${lead ? ' tile--lead' : ''}`} data-kpi={id}>
      <dt>{label}</dt>
      <dd className="tile__value">{value}</dd>
      {detail ? (
        <dd className="tile__detail" data-kpi-detail>
          {detail}
        </dd>
      ) : null}
      {compare ? <dd className="tile__compare">{compare}</dd> : null}
      {change ? (
        <dd>
          <ChangeLine change={change} />
        </dd>
      ) : null}
      {link ? (
        <dd>
          <Link className="kern-link" to={link.to}>
            {link.text}
          </Link>
        </dd>
      ) : null}
    </div>
  )
}
