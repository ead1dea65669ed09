import { Link, useSearchParams } from '@remix-run/react'
import { StatusChip } from '~/components/status-chip'
import { TableScroll } from '~/components/table-scroll'
import { InterfaceStatus, type ApproachCode, type StageCode } from '~/domain/enums'
import { formatDate } from '~/domain/format'
import type { COUNTY_ROW_SORTS } from '~/domain/status'

type SortKey = (typeof COUNTY_ROW_SORTS)[number]
type Row = {
  id: number
  ozgId: string
  serviceName: string
  theme: string
  approach: string
  stage: string
  interfaceStatus: string | null
  maturity: number | null
  onlineService: string | null
  confirmedAt: string | Date | null
  isStale: boolean
}
type Props = {
  countyName: string
  ags: string
  rows: Row[]
  query: { sortierung: SortKey; richtung: string }
  canEdit: boolean
  selected: Set<string>
  staleAfterDays: number
  /** Set once the page runs script: then a checkbox in the header selects the whole page. */
  onSelectPage?: (checked: boolean) => void
}

const sortLabels: Record<SortKey, string> = {
  ozg_id: 'OZG-ID',
  leistung: 'Leistung',
  themenfeld: 'Themenfeld',
  umsetzungsweg: 'Umsetzungsweg',
  fortschritt: 'Fortschritt',
  schnittstellenstatus: 'Schnittstelle',
  reifegrad: 'Reifegrad',
  aktualisiert: 'Geändert',
  bestaetigt: 'Bestätigt',
}

/** A column header with one or more sort links („Leistung · Themenfeld“). */
function SortHeader({ keys, query, numeric }: { keys: SortKey[]; query: Props['query']; numeric?: boolean }) {
  const [params] = useSearchParams()
  const active = keys.find((k) => k === query.sortierung)
  const href = (key: SortKey) => {
    const next = new URLSearchParams(params)
    next.delete('geaendert')
    next.delete('seite')
    next.set('sortierung', key)
    next.set('richtung', query.sortierung === key && query.richtung === 'auf' ? 'ab' : 'auf')
    return `?${next}`
  }
  return (
    <th scope="col" className={`kern-table__header${numeric ? ' kern-table__header--numeric' : ''}`} aria-sort={active ? (query.richtung === 'ab' ? 'descending' : 'ascending') : undefined}>
      {keys.map((key, i) => (
        <span key={key}>
          {i > 0 ? ' · ' : null}
          <Link className="kern-link" to={href(key)}>
            {sortLabels[key]}
            <span className="visually-hidden"> – sortieren</span>
            {active === key ? (query.richtung === 'ab' ? ' ▼' : ' ▲') : ''}
          </Link>
        </span>
      ))}
    </th>
  )
}

function SelectCell({ row, selected }: { row: Row; selected: boolean }) {
  return (
    <td className="kern-table__cell row-select">
      <input className="row-select__box" type="checkbox" name="ids" value={row.id} id={`row-${row.id}`} defaultChecked={selected} />
      <label htmlFor={`row-${row.id}`} className="visually-hidden">
        {row.ozgId} {row.serviceName} auswählen
      </label>
    </td>
  )
}

/** The county's rows: one status chip for approach and stage, so the table fits 1280 px. */
export function RowTable({ countyName, ags, rows, query, canEdit, selected, staleAfterDays, onSelectPage }: Props) {
  return (
    <TableScroll label={`Leistungen von ${countyName}`}>
      <table className="kern-table county-rows">
        <caption className="visually-hidden">
          Leistungen von {countyName}, sortiert nach {sortLabels[query.sortierung]} ({query.richtung === 'ab' ? 'absteigend' : 'aufsteigend'})
        </caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            {canEdit ? (
              <th scope="col" className="kern-table__header row-select">
                {onSelectPage ? (
                  <>
                    <input className="row-select__box" type="checkbox" id="rows-select-page" onChange={(e) => onSelectPage(e.currentTarget.checked)} />
                    <label htmlFor="rows-select-page" className="visually-hidden">
                      Alle Zeilen dieser Seite auswählen
                    </label>
                  </>
                ) : (
                  <span className="visually-hidden">Auswahl</span>
                )}
              </th>
            ) : null}
            <SortHeader keys={['ozg_id']} query={query} />
            <SortHeader keys={['leistung', 'themenfeld']} query={query} />
            <SortHeader keys={['umsetzungsweg', 'fortschritt']} query={query} />
            <th scope="col" className="kern-table__header">
              Online-Dienst
            </th>
            <SortHeader keys={['schnittstellenstatus']} query={query} />
            <SortHeader keys={['reifegrad']} query={query} numeric />
            <SortHeader keys={['bestaetigt']} query={query} />
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.id} className="kern-table__row">
              {canEdit ? <SelectCell row={r} selected={selected.has(String(r.id))} /> : null}
              <td className="kern-table__cell">{r.ozgId}</td>
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`/kreise/${ags}/leistungen/${r.ozgId}`}>
                  {r.serviceName}
                </Link>
                <div className="county-rows__theme">{r.theme}</div>
              </th>
              <td className="kern-table__cell">
                <StatusChip approach={r.approach as ApproachCode} stage={r.stage as StageCode} />
              </td>
              <td className="kern-table__cell">{r.onlineService ?? '–'}</td>
              <td className="kern-table__cell">{InterfaceStatus.label(r.interfaceStatus as never) || '–'}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{r.maturity ?? '–'}</td>
              <td className="kern-table__cell">
                {r.confirmedAt ? formatDate(r.confirmedAt) : 'nie'}
                {r.isStale ? (
                  <strong>
                    {' '}
                    (veraltet<span className="visually-hidden">: über {staleAfterDays} Tage nicht bestätigt</span>)
                  </strong>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
