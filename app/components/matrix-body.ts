// The matrix body as HTML, one string per table row, for server render and browser alike.
// At 400 counties a Themenfeld has up to 31,000 cells (3.7 MB of HTML). Built from template
// strings, every cell left a handful of short-lived strings behind: that took longer than the
// rest of the request, and the garbage, collected late, drove the server's peak memory. So each
// row is written byte by byte into one reused buffer from fragments prepared once per cell kind
// and county. The output is pure ASCII (symbols and umlauts become character references), so a
// row is a compact one-byte string, made in one copy; and one string per row keeps each below
// the size V8 moves to its large-object space.
import { asStatusCode, statusChips, type StatusCode } from '~/domain/status-chip'

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

// A cell is written from six parts: per code the start and the end, per county two parts, per
// row the OZG-ID and the row's number. Its accessible name, „Celle – 10000 Elterngeld: eigene
// Umsetzung, online“, is not written out per cell (that would add ~60 bytes to each of up to
// 32,000 cells) but put together by the browser from the county's column header, a dash, the
// service and the status words (`aria-labelledby`; see `matrixIds`). Anything outside
// the codes is shown as "Kein Eintrag" ('_').
const noEntry = '_'.charCodeAt(0)
const cellStart: Uint8Array[] = []
const cellEnd: Uint8Array[] = []
for (let charCode = 0; charCode < 128; charCode++) {
  const code = asStatusCode(String.fromCharCode(charCode))
  const cell = statusChips[code]
  cellStart.push(bytes(`<td class="${cell.className}`))
  cellEnd.push(bytes(` ${statusId(code)}">${asciiHtml(cell.symbol)}</a></td>`))
}
const longestCellFrame = Math.max(...cellStart.map((start, i) => start.length + cellEnd[i].length))

/** Element ids the cells' names are made of: column header, dash, row header, status words. */
export const matrixIds = {
  county: (index: number) => `mk${index}`,
  dash: 'md',
  service: (index: number) => `ms${index}`,
  status: statusId,
}

function statusId(code: StatusCode) {
  // ids are case-sensitive: 'mO' (own, online) and 'mo' (EfA, online) differ.
  return `m${code === '_' ? 'none' : code}`
}

/**
 * „E● eigene Umsetzung, online“: the status as it follows the service in a cell's name — the
 * visible symbol first, so the name contains the cell's visible text (WCAG 2.5.3, label in name).
 */
export function statusPhrase(code: StatusCode): string {
  const { label, symbol } = statusChips[code]
  return `${symbol} ${label.startsWith('EfA') ? label : label.charAt(0).toLowerCase() + label.slice(1)}`
}

// Node turns ASCII bytes into a string by copying them; browsers have TextDecoder, which gives
// the same string for pure ASCII.
const decoder = new TextDecoder()
const toAsciiString: (buffer: Uint8Array, length: number) => string =
  typeof Buffer === 'function'
    ? (buffer, length) => Buffer.from(buffer.buffer, buffer.byteOffset, length).toString('latin1')
    : (buffer, length) => decoder.decode(buffer.subarray(0, length))

/**
 * The inner HTML of each body row: a row header linking to the service, then one cell per
 * county linking to that county's row, with the cell's colour class and symbol; the home
 * county's cells also get `is-home`.
 */
export function renderMatrixRows(counties: readonly { ags: string; isHome?: boolean }[], rows: readonly MatrixBodyRow[]): string[] {
  // Before the OZG-ID: the rest of the class, the link to the county; after it, the first ids.
  const countyBefore = counties.map((c) => bytes(`${c.isHome ? ' is-home' : ''}"><a href="/kreise/${encodeURIComponent(c.ags)}/leistungen/`))
  const countyAfter = counties.map((_, i) => bytes(`" aria-labelledby="${matrixIds.county(i)} ${matrixIds.dash} `))
  const longestCounty = Math.max(0, ...countyBefore.map((p, i) => p.length + countyAfter[i].length))
  let buffer = new Uint8Array(0)
  return rows.map(([ozgId, name, cells], row) => {
    const id = bytes(encodeURIComponent(ozgId))
    const serviceId = bytes(matrixIds.service(row))
    const service = asciiHtml(`${ozgId} ${name}`)
    // The hidden copy ends with the colon of the cells' names (a referenced element's text joins
    // the others with a space, so the colon cannot come from the status words).
    const head = bytes(
      `<th scope="row"><a class="kern-link" href="/leistungen/${encodeURIComponent(ozgId)}">${service}</a><span hidden id="${matrixIds.service(row)}">${service}:</span></th>`,
    )
    const size = head.length + counties.length * (longestCellFrame + longestCounty + id.length + serviceId.length)
    if (buffer.length < size) buffer = new Uint8Array(size * 2)
    buffer.set(head, 0)
    let at = head.length
    for (let i = 0; i < counties.length; i++) {
      // charCodeAt gives NaN past the end of a short string: no entry either.
      const charCode = cells.charCodeAt(i)
      const code = charCode < 128 ? charCode : noEntry
      const start = cellStart[code]
      buffer.set(start, at)
      at += start.length
      // Short parts: a loop beats set() for a dozen bytes.
      const before = countyBefore[i]
      for (let j = 0; j < before.length; j++) buffer[at++] = before[j]
      for (let j = 0; j < id.length; j++) buffer[at++] = id[j]
      const after = countyAfter[i]
      for (let j = 0; j < after.length; j++) buffer[at++] = after[j]
      for (let j = 0; j < serviceId.length; j++) buffer[at++] = serviceId[j]
      const end = cellEnd[code]
      buffer.set(end, at)
      at += end.length
    }
    return toAsciiString(buffer, at)
  })
}
