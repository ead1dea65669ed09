// The matrix body as HTML, one string per table row, for server render and browser alike.
// At 400 counties a Themenfeld has up to 31,000 cells (3.7 MB of HTML). Built from template
// strings, every cell left a handful of short-lived strings behind: that took longer than the
// rest of the request, and the garbage, collected late, drove the server's peak memory. So each
// row is written byte by byte into one reused buffer from fragments prepared once per cell kind
// and county. The output is pure ASCII (symbols and umlauts become character references), so a
// row is a compact one-byte string, made in one copy; and one string per row keeps each below
// the size V8 moves to its large-object space.
import { asStatusCode, statusChips } from '~/domain/status-chip'

/** One service: OZG-ID, name, and one cell code per county in the order of the counties. */
export type MatrixBodyRow = readonly [ozgId: string, name: string, cells: string]

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML and writes each non-ASCII character as a numeric character reference. */
function asciiHtml(text: string): string {
  // eslint-disable-next-line no-control-regex -- the range is everything outside ASCII, on purpose
  return text.replace(/[&<>"']|[^\x00-\x7f]/gu, (c) => entities[c] ?? `&#${c.codePointAt(0)};`)
}

const encoder = new TextEncoder()
const bytes = (ascii: string) => encoder.encode(ascii)

// Per cell code, what comes before the county's AGS and after the OZG-ID, indexed by the
// code's character code; anything else is shown as "Kein Eintrag" ('_'). The accessible name
// starts with the visible symbol and adds the words.
const noEntry = '_'.charCodeAt(0)
const cellStart: Uint8Array[] = []
const cellEnd: Uint8Array[] = []
for (let charCode = 0; charCode < 128; charCode++) {
  const code = String.fromCharCode(charCode)
  const cell = statusChips[asStatusCode(code)]
  cellStart.push(bytes(`<td class="${cell.className}"><a href="/kreise/`))
  cellEnd.push(bytes(`" aria-label="${asciiHtml(`${cell.symbol} ${cell.label}`)}">${asciiHtml(cell.symbol)}</a></td>`))
}
const longestCellFrame = Math.max(...cellStart.map((start, i) => start.length + cellEnd[i].length))

// Node turns ASCII bytes into a string by copying them; browsers have TextDecoder, which gives
// the same string for pure ASCII.
const decoder = new TextDecoder()
const toAsciiString: (buffer: Uint8Array, length: number) => string =
  typeof Buffer === 'function'
    ? (buffer, length) => Buffer.from(buffer.buffer, buffer.byteOffset, length).toString('latin1')
    : (buffer, length) => decoder.decode(buffer.subarray(0, length))

/**
 * The inner HTML of each body row: a row header linking to the service, then one cell per
 * county linking to that county's row, with the cell's colour class, symbol and label.
 */
export function renderMatrixRows(counties: readonly { ags: string }[], rows: readonly MatrixBodyRow[]): string[] {
  const countyParts = counties.map((c) => bytes(`${encodeURIComponent(c.ags)}/leistungen/`))
  const longestCounty = Math.max(0, ...countyParts.map((p) => p.length))
  let buffer = new Uint8Array(0)
  return rows.map(([ozgId, name, cells]) => {
    const id = bytes(encodeURIComponent(ozgId))
    const head = bytes(`<th scope="row"><a class="kern-link" href="/leistungen/${encodeURIComponent(ozgId)}">${asciiHtml(`${ozgId} ${name}`)}</a></th>`)
    const size = head.length + counties.length * (longestCellFrame + longestCounty + id.length)
    if (buffer.length < size) buffer = new Uint8Array(size * 2)
    buffer.set(head, 0)
    let at = head.length
    for (let i = 0; i < countyParts.length; i++) {
      // charCodeAt gives NaN past the end of a short string: no entry either.
      const charCode = cells.charCodeAt(i)
      const code = charCode < 128 ? charCode : noEntry
      const start = cellStart[code]
      buffer.set(start, at)
      at += start.length
      // Short parts: a loop beats set() for a dozen bytes.
      const county = countyParts[i]
      for (let j = 0; j < county.length; j++) buffer[at++] = county[j]
      for (let j = 0; j < id.length; j++) buffer[at++] = id[j]
      const end = cellEnd[code]
      buffer.set(end, at)
      at += end.length
    }
    return toAsciiString(buffer, at)
  })
}
