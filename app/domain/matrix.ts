// One character per matrix cell keeps 557 × 16 cells small on the wire; this table turns it
// back into colour class, text symbol and label. Colour is never the only cue: every cell also
// shows a letter for the approach and a symbol for the stage.
export type MatrixCellCode = 'O' | 'P' | 'W' | 'L' | 'o' | 'p' | 'w' | 'l' | 'x' | 'n' | '_'

export const matrixCells: Record<MatrixCellCode, { className: string; symbol: string; label: string }> = {
  O: { className: 'cell-own-online', symbol: 'E●', label: 'Eigene Umsetzung, online' },
  P: { className: 'cell-own-partial', symbol: 'E◐', label: 'Eigene Umsetzung, teilweise online' },
  W: { className: 'cell-own-progress', symbol: 'E◔', label: 'Eigene Umsetzung, in Umsetzung' },
  L: { className: 'cell-own-planned', symbol: 'E○', label: 'Eigene Umsetzung, geplant' },
  o: { className: 'cell-efa-online', symbol: 'A●', label: 'EfA-Nachnutzung, online' },
  p: { className: 'cell-efa-partial', symbol: 'A◐', label: 'EfA-Nachnutzung, teilweise online' },
  w: { className: 'cell-efa-progress', symbol: 'A◔', label: 'EfA-Nachnutzung, in Umsetzung' },
  l: { className: 'cell-efa-planned', symbol: 'A○', label: 'EfA-Nachnutzung, geplant' },
  x: { className: 'cell-pending', symbol: '?', label: 'Offen' },
  n: { className: 'cell-na', symbol: '–', label: 'Nicht zuständig' },
  _: { className: 'cell-none', symbol: '·', label: 'Kein Eintrag' },
}

export const matrixLegend: MatrixCellCode[] = ['O', 'P', 'W', 'L', 'o', 'p', 'w', 'l', 'x', 'n', '_']
