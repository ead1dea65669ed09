// The matrix as a WAI-ARIA grid (https://www.w3.org/WAI/ARIA/apg/patterns/grid/): one tab stop,
// arrow keys move between cells, Home/End to the row's ends (with Ctrl: the grid's), Page Up/Down
// by ten rows, Enter follows the cell's link. The cells are server HTML strings (matrix-body.ts),
// so the keys are handled once on the table and the roving tabindex is set on the links after
// hydration: without JavaScript it stays a plain table whose links are all in the tab order.
import { useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { matrixIds, renderMatrixRows, statusPhrase, type MatrixBodyRow } from '~/components/matrix-body'
import { statusLegend } from '~/domain/status-chip'

export type MatrixCounty = { ags: string; name: string; isHome: boolean }

const PAGE_ROWS = 10

export function MatrixGrid({ counties, rows }: { counties: MatrixCounty[]; rows: readonly MatrixBodyRow[] }) {
  const rowHtml = useMemo(() => renderMatrixRows(counties, rows), [counties, rows])
  const { tableRef, enhanced, onKeyDown, onFocus } = useRovingGrid(rowHtml)
  return (
    <>
      <div hidden>
        <span id={matrixIds.dash}>–</span>
        {statusLegend.map((code) => (
          <span key={code} id={matrixIds.status(code)}>
            {statusPhrase(code)}
          </span>
        ))}
      </div>
      {enhanced ? (
        <p className="kern-body kern-body--small no-print" id="matrix-keys">
          Die Matrix ist ein Tabstopp: Pfeiltasten wechseln die Zelle, Pos1/Ende springen an den Anfang oder das Ende der Zeile, Bild auf/ab um
          {` ${PAGE_ROWS}`} Zeilen, die Eingabetaste öffnet den Eintrag.
        </p>
      ) : null}
      <div className="matrix-scroll" role="region" aria-label="Matrix">
        <table
          ref={tableRef}
          className="matrix"
          role={enhanced ? 'grid' : undefined}
          aria-readonly={enhanced ? true : undefined}
          aria-describedby={enhanced ? 'matrix-keys' : undefined}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          <caption className="visually-hidden">Umsetzungsstand je Leistung (Zeilen) und Kreis (Spalten)</caption>
          <thead>
            <tr>
              <th scope="col" className="matrix__corner">
                Leistung
              </th>
              {counties.map((c, i) => (
                <th key={c.ags} scope="col" id={matrixIds.county(i)} className={c.isHome ? 'matrix__county is-home' : 'matrix__county'}>
                  {c.name}
                  {c.isHome ? <span className="visually-hidden"> (Ihr Kreis)</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          {/* Up to 32,000 links: each row's cells are one HTML string (see matrix-body.ts), so
              neither the server render nor hydration walks a React element per cell; React keeps
              server HTML inside dangerouslySetInnerHTML as it is. */}
          <tbody>
            {rows.map(([ozgId], i) => (
              <tr key={ozgId} dangerouslySetInnerHTML={{ __html: rowHtml[i] }} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

function useRovingGrid(rowHtml: string[]) {
  const tableRef = useRef<HTMLTableElement>(null)
  const current = useRef<HTMLAnchorElement | null>(null)
  const [enhanced, setEnhanced] = useState(false)

  // After hydration and whenever the rows change: every link out of the tab order but one, the
  // first row's cell of the home county (or its service link).
  useEffect(() => {
    const body = tableRef.current?.tBodies[0]
    if (!body) return
    for (const link of body.querySelectorAll('a')) link.tabIndex = -1
    current.current = body.querySelector<HTMLAnchorElement>('tr:first-child td.is-home a') ?? body.querySelector('a')
    if (current.current) current.current.tabIndex = 0
    setEnhanced(true)
  }, [rowHtml])

  const makeCurrent = (link: HTMLAnchorElement) => {
    if (current.current && current.current !== link) current.current.tabIndex = -1
    link.tabIndex = 0
    current.current = link
  }

  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    if (enhanced && event.target instanceof HTMLAnchorElement && event.target.closest('tbody')) makeCurrent(event.target)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const table = tableRef.current
    const cell = (event.target as HTMLElement).closest('td, th')
    const row = cell?.parentElement
    if (!enhanced || !table || !(cell instanceof HTMLTableCellElement) || !(row instanceof HTMLTableRowElement) || row.parentElement !== table.tBodies[0]) return
    const target = nextCell(event, table.tBodies[0], row.sectionRowIndex, cell.cellIndex)
    if (!target) return
    event.preventDefault()
    const link = target.querySelector('a')
    if (!link) return
    makeCurrent(link)
    link.focus({ preventScroll: true })
    revealBesideStickyHeaders(table, target)
  }

  return { tableRef, enhanced, onKeyDown, onFocus }
}

/** The cell a navigation key moves to, or null for any other key. */
function nextCell(event: KeyboardEvent, body: HTMLTableSectionElement, rowIndex: number, column: number): HTMLTableCellElement | null {
  const lastRow = body.rows.length - 1
  const lastColumn = body.rows[rowIndex].cells.length - 1
  let [r, c] = [rowIndex, column]
  switch (event.key) {
    case 'ArrowRight': c = Math.min(lastColumn, c + 1); break
    case 'ArrowLeft': c = Math.max(0, c - 1); break
    case 'ArrowDown': r = Math.min(lastRow, r + 1); break
    case 'ArrowUp': r = Math.max(0, r - 1); break
    case 'PageDown': r = Math.min(lastRow, r + PAGE_ROWS); break
    case 'PageUp': r = Math.max(0, r - PAGE_ROWS); break
    case 'Home': [r, c] = [event.ctrlKey ? 0 : r, 0]; break
    case 'End': [r, c] = [event.ctrlKey ? lastRow : r, lastColumn]; break
    default: return null
  }
  return body.rows[r].cells[c] ?? null
}

/** Scrolls the matrix box so the cell is not hidden under the sticky county names or service column. */
function revealBesideStickyHeaders(table: HTMLTableElement, cell: HTMLTableCellElement) {
  const box = table.parentElement
  if (!box) return
  cell.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  const boxRect = box.getBoundingClientRect()
  const rect = cell.getBoundingClientRect()
  const top = boxRect.top + (table.tHead?.offsetHeight ?? 0)
  if (rect.top < top) box.scrollTop -= top - rect.top
  const rowHeader = (cell.parentElement as HTMLTableRowElement).cells[0]
  const left = boxRect.left + (cell === rowHeader ? 0 : rowHeader.offsetWidth)
  if (rect.left < left) box.scrollLeft -= left - rect.left
}
