import { describe, expect, it } from 'vitest'
import { parseStatusInput, type StatusContext } from '~/domain/status'
import { meetingReportCsv, meetingReportMarkdown } from '~/domain/meeting-report'
import {
  decodeCsvText,
  encodeCsvText,
  formatAmount,
  formatBoolean,
  formatDate,
  formatStatusCsv,
  quoteCsvField,
  STATUS_CSV_COLUMNS,
  StatusFilter,
  toCsvRecord,
  type StatusExportRow,
} from '~/domain/status-csv'

const row: StatusExportRow = {
  ags: '03351',
  countyName: 'Celle',
  ozgId: '10519',
  serviceName: 'Bauvorbescheid und Baugenehmigung',
  approach: 'efa',
  pendingPlan: null,
  onlineService: 'Digitaler Bauantrag',
  connection: 'live',
  stage: 'online',
  maturity: 3,
  onlineSince: '2024-03-01',
  targetDate: null,
  fachverfahren: 'ProBauG',
  vendor: 'Prosoz',
  interfaceStandard: 'XBau 2.3',
  interfaceStatus: 'live',
  endToEnd: true,
  internalProcessing: 'interface',
  funding: 'efa_fee',
  costOneOff: '1234.5',
  costAnnual: '0.00',
  fundingNote: null,
  applicationsPerYear: 1200,
  contact: 'Fachdienst Bauordnung; Tel. 123',
  note: 'sagt "ok"',
}

describe('status list file format', () => {
  it('has DESIGN.md’s 25 columns in order', () => {
    expect(STATUS_CSV_COLUMNS.join(';')).toBe(
      'ags;kreis;ozg_id;leistung;umsetzungsweg;planung;online_dienst;anbindung;fortschritt;reifegrad;online_seit;zieltermin;fachverfahren;hersteller;schnittstellenstandard;schnittstellenstatus;ende_zu_ende;interne_verarbeitung;finanzierung;einmalkosten_eur;jahreskosten_eur;finanzierungsnotiz;antraege_pro_jahr;kontakt;notiz',
    )
  })

  it.each([
    ['1234.5', '1234,50'],
    ['0.00', '0,00'],
    [12, '12,00'],
    [null, ''],
    ['', ''],
  ] as const)('formats the amount %s as %s', (value, expected) => {
    expect(formatAmount(value)).toBe(expected)
  })

  it.each([
    ['2024-03-01', '2024-03-01'],
    [new Date('2024-03-01T00:00:00Z'), '2024-03-01'],
    [null, ''],
  ] as const)('formats the date %s as %s', (value, expected) => {
    expect(formatDate(value)).toBe(expected)
  })

  it('writes ja/nein/empty for booleans', () => {
    expect([formatBoolean(true), formatBoolean(false), formatBoolean(null)]).toEqual(['ja', 'nein', ''])
  })

  it.each([
    ['plain', 'plain'],
    ['a;b', '"a;b"'],
    ['sagt "ok"', '"sagt ""ok"""'],
    ['zwei\nZeilen', '"zwei\nZeilen"'],
    ['a,b', 'a,b'],
  ])('quotes %j per RFC 4180 as %j', (value, expected) => {
    expect(quoteCsvField(value)).toBe(expected)
  })

  it('maps a row to the German file words', () => {
    expect(toCsvRecord(row)).toMatchObject({
      umsetzungsweg: 'efa',
      planung: '',
      anbindung: 'produktiv',
      fortschritt: 'online',
      reifegrad: '3',
      schnittstellenstatus: 'produktiv',
      ende_zu_ende: 'ja',
      interne_verarbeitung: 'schnittstelle',
      finanzierung: 'efa_entgelt',
      einmalkosten_eur: '1234,50',
      jahreskosten_eur: '0,00',
      antraege_pro_jahr: '1200',
    })
    expect(toCsvRecord({ ...row, approach: 'pending', pendingPlan: 'awaiting_efa', stage: 'planned' }).planung).toBe('warten_auf_efa')
  })

  it('writes BOM, `;` and CRLF, quoting where needed', () => {
    const text = formatStatusCsv([toCsvRecord(row)])
    expect(text.startsWith('\uFEFFags;kreis;')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    const [, line] = text.slice(1).split('\r\n')
    expect(line).toContain(';"Fachdienst Bauordnung; Tel. 123";"sagt ""ok"""')
  })

  it('a record parses back through the one StatusInput schema to the same values', () => {
    const context: StatusContext = {
      lookupOnlineService: (name) => (name === 'Digitaler Bauantrag' ? { id: 7, name, kind: 'efa' } : undefined),
      lookupFachverfahren: (name) => (name === 'ProBauG' ? { id: 3, name } : undefined),
      today: '2026-11-29',
    }
    const parsed = parseStatusInput(toCsvRecord(row), context)
    expect(parsed.error?.issues ?? []).toEqual([])
    expect(parsed.data).toMatchObject({ approach: 'efa', onlineServiceId: 7, fachverfahrenId: 3, costOneOff: '1234.50', costAnnual: '0.00', endToEnd: true, onlineSince: '2024-03-01' })
  })
})

describe('spreadsheet formula guard (OWASP CSV injection)', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+49 5141', "'+49 5141"],
    ['-Fachdienst', "'-Fachdienst"],
    ['@SUMME(A1)', "'@SUMME(A1)"],
    ['\tTabulator', "'\tTabulator"],
    ['\rWagenrücklauf', "'\rWagenrücklauf"],
    // Already an apostrophe in front of a formula start: one more, so the way back is exact.
    ["'=schon", "''=schon"],
    ["''+zwei", "'''+zwei"],
    // Harmless text is written as it is.
    ["'zitiert", "'zitiert"],
    ["'", "'"],
    ['Fachdienst = Bauamt', 'Fachdienst = Bauamt'],
    ['', ''],
  ])('writes %j as %j and reads it back', (text, cell) => {
    expect(encodeCsvText(text)).toBe(cell)
    expect(decodeCsvText(cell)).toBe(text)
  })

  it('guards the text columns of the status list, not its numbers', () => {
    const record = { ...toCsvRecord(row), notiz: '-5', kontakt: '=A1', einmalkosten_eur: '-5,00', reifegrad: '-1' }
    const [, line] = formatStatusCsv([record]).slice(1).split('\r\n')
    const cells = line.split(';')
    expect(cells[STATUS_CSV_COLUMNS.indexOf('notiz')]).toBe("'-5")
    expect(cells[STATUS_CSV_COLUMNS.indexOf('kontakt')]).toBe("'=A1")
    expect(cells[STATUS_CSV_COLUMNS.indexOf('einmalkosten_eur')]).toBe('-5,00')
    expect(cells[STATUS_CSV_COLUMNS.indexOf('reifegrad')]).toBe('-1')
  })

  it('guards the meeting CSV and keeps HTML out of the meeting Markdown', () => {
    const report = {
      period: { from: '2026-01-01', to: '2026-02-01', basis: 'covers_from', previous: null },
      counties: [],
      community: { changedRows: 0, newlyOnline: 0, approachChanges: 0, newNegotiations: 0, openNegotiations: 0, awaitingEfa: 0, fundingUnclear: 0, stale: 0 },
      newlyOnline: [{ ags: '03351', county: '@Celle', ozgId: '10519', service: '=Bau', approach: 'own', onlineService: '+Dienst', changedAt: '2026-01-05T10:00:00Z' }],
      approachChanges: [],
      negotiations: [],
      awaitingEfa: [],
      fundingUnclear: [],
      changedRows: [],
    } as unknown as Parameters<typeof meetingReportCsv>[0]
    const csv = meetingReportCsv(report)
    const line = csv.split('\r\n').find((l) => l.startsWith('neu_online'))!
    expect(line).toBe("neu_online;03351;'@Celle;10519;'=Bau;;eigen;'+Dienst;2026-01-05")
    const markdown = meetingReportMarkdown({ id: 1, title: 'Sitzung', heldOn: '2026-02-01', notes: '- Punkt <script>alert(1)</script> & <img src=x onerror=alert(2)>' }, report)
    expect(markdown).toContain('- Punkt &lt;script>alert(1)&lt;/script> &amp; &lt;img src=x onerror=alert(2)>')
    expect(markdown).not.toMatch(/<(script|img)/)
  })
})

describe('StatusFilter (county page filter for export and API)', () => {
  it('accepts the German words and the codes', () => {
    expect(StatusFilter.parse({ umsetzungsweg: 'eigen', fortschritt: 'in_umsetzung', schnittstellenstatus: 'in_verhandlung' })).toMatchObject({
      umsetzungsweg: 'own',
      fortschritt: 'in_progress',
      schnittstellenstatus: 'negotiating',
    })
    expect(StatusFilter.parse({ umsetzungsweg: 'own', themenfeld: '3', veraltet: 'ja', kreis: '03351' })).toMatchObject({ umsetzungsweg: 'own', themenfeld: 3, veraltet: true, kreis: '03351' })
    expect(StatusFilter.parse({ umsetzungsweg: '', kreis: '' })).toEqual({})
  })

  it('says in German what is wrong', () => {
    const result = StatusFilter.safeParse({ kreis: '3351', umsetzungsweg: 'irgendwie' })
    expect(result.success).toBe(false)
    const messages = result.error!.issues.map((i) => i.message)
    expect(messages).toContain('Der Kreis wird mit seinem AGS angegeben, z. B. 03351.')
    expect(messages.some((m) => m.startsWith('Wählen Sie einen Umsetzungsweg: „offen“, „eigen“'))).toBe(true)
  })
})
