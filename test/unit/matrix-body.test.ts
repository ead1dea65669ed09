import { describe, expect, it } from 'vitest'
import { renderMatrixRows } from '~/components/matrix-body'

// What a browser makes of the numeric character references the renderer writes.
const decode = (html: string) => html.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))

describe('matrix body', () => {
  const counties = [{ ags: '03351' }, { ags: '03251' }]

  it('links every cell to the county row, with colour class, symbol and label', () => {
    const [row] = renderMatrixRows(counties, [['10519', 'Baugenehmigung', 'Ox']])
    expect(decode(row)).toBe(
      '<th scope="row"><a class="kern-link" href="/leistungen/10519">10519 Baugenehmigung</a></th>' +
        '<td class="cell-own-online"><a href="/kreise/03351/leistungen/10519" aria-label="E● Eigene Umsetzung, online">E●</a></td>' +
        '<td class="cell-pending"><a href="/kreise/03251/leistungen/10519" aria-label="? Offen">?</a></td>',
    )
  })

  it('writes pure ASCII and escapes the service name', () => {
    const [row] = renderMatrixRows(counties, [['10001', 'Zuschuss „Wärme“ & <Strom> – "neu" 🙂', 'pn']])
    // eslint-disable-next-line no-control-regex -- asserts the row is pure ASCII
    expect(row).toMatch(/^[\x00-\x7f]*$/)
    expect(decode(row)).toContain('>10001 Zuschuss „Wärme“ &amp; &lt;Strom&gt; – &quot;neu&quot; 🙂</a></th>')
    expect(decode(row)).toContain('aria-label="A◐ EfA-Nachnutzung, teilweise online">A◐</a>')
    expect(decode(row)).toContain('aria-label="– Nicht zuständig">–</a>')
  })

  it('shows a missing or unknown cell as no entry', () => {
    const rows = renderMatrixRows(counties, [
      ['10002', 'Kita-Platz', 'W'],
      ['10003', 'Kinderreisepass', '?€'],
    ])
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(decode(row)).toContain('<td class="cell-none"><a href="/kreise/03251/leistungen/')
    expect(decode(rows[1])).toContain('<td class="cell-none"><a href="/kreise/03351/leistungen/10003" aria-label="· Kein Eintrag">·</a></td>')
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
