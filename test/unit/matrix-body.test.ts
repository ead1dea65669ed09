import { describe, expect, it } from 'vitest'
import { renderMatrixRows, statusPhrase } from '~/components/matrix-body'

// What a browser makes of the numeric character references the renderer writes.
const decode = (html: string) => html.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))

describe('matrix body', () => {
  const counties = [{ ags: '03351' }, { ags: '03251' }]

  it('links every cell to the county row, with colour class, symbol and the parts of its name', () => {
    const [row] = renderMatrixRows(counties, [['10519', 'Baugenehmigung', 'Ox']])
    expect(decode(row)).toBe(
      '<th scope="row"><a class="kern-link" href="/leistungen/10519">10519 Baugenehmigung</a><span hidden id="ms0">10519 Baugenehmigung:</span></th>' +
        '<td class="cell-own-online"><a href="/kreise/03351/leistungen/10519" aria-labelledby="mk0 md ms0 mO">E●</a></td>' +
        '<td class="cell-pending"><a href="/kreise/03251/leistungen/10519" aria-labelledby="mk1 md ms0 mx">?</a></td>',
    )
  })

  it("frames the home county's cells and numbers the rows for the cells' names", () => {
    const rows = renderMatrixRows([{ ags: '03351', isHome: true }, { ags: '03251' }], [['10001', 'A', 'Ol'], ['10002', 'B', '__']])
    expect(rows[1]).toContain('<td class="cell-none is-home"><a href="/kreise/03351/leistungen/10002" aria-labelledby="mk0 md ms1 mnone">')
    expect(rows[1]).toContain('<td class="cell-none"><a href="/kreise/03251/leistungen/10002" aria-labelledby="mk1 md ms1 mnone">')
    expect(rows[0]).toContain('<td class="cell-efa-planned"><a href="/kreise/03251/leistungen/10001" aria-labelledby="mk1 md ms0 ml">')
  })

  it('words each status as it follows the service in a name', () => {
    expect(statusPhrase('O')).toBe('E● eigene Umsetzung, online')
    expect(statusPhrase('p')).toBe('A◐ EfA-Nachnutzung, teilweise online')
    expect(statusPhrase('n')).toBe('– nicht zuständig')
    expect(statusPhrase('_')).toBe('· kein Eintrag')
  })

  it('writes pure ASCII and escapes the service name', () => {
    const [row] = renderMatrixRows(counties, [['10001', 'Zuschuss „Wärme“ & <Strom> – "neu" 🙂', 'pn']])
    // eslint-disable-next-line no-control-regex -- asserts the row is pure ASCII
    expect(row).toMatch(/^[\x00-\x7f]*$/)
    expect(decode(row)).toContain('>10001 Zuschuss „Wärme“ &amp; &lt;Strom&gt; – &quot;neu&quot; 🙂</a><span hidden')
    expect(decode(row)).toContain('<span hidden id="ms0">10001 Zuschuss „Wärme“ &amp; &lt;Strom&gt; – &quot;neu&quot; 🙂:</span>')
    expect(decode(row)).toContain('<td class="cell-efa-partial"><a href="/kreise/03351/leistungen/10001" aria-labelledby="mk0 md ms0 mp">A◐</a>')
    expect(decode(row)).toContain('aria-labelledby="mk1 md ms0 mn">–</a>')
  })

  it('shows a missing or unknown cell as no entry', () => {
    const rows = renderMatrixRows(counties, [
      ['10002', 'Kita-Platz', 'W'],
      ['10003', 'Kinderreisepass', '?€'],
    ])
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(decode(row)).toContain('<td class="cell-none"><a href="/kreise/03251/leistungen/')
    expect(decode(rows[1])).toContain('<td class="cell-none"><a href="/kreise/03351/leistungen/10003" aria-labelledby="mk0 md ms1 mnone">·</a></td>')
  })

  it('renders one row per service, each with one cell per county', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ ags: String(10001 + i) }))
    const rows = renderMatrixRows(many, [
      ['10001', 'A', 'O'.repeat(400)],
      ['10002', 'B', 'x'.repeat(400)],
    ])
    expect(rows.map((r) => r.split('<td ').length - 1)).toEqual([400, 400])
    expect(rows[1]).toContain('href="/kreise/10400/leistungen/10002"')
  })
})
