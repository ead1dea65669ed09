import { describe, expect, it } from 'vitest'
import { fieldErrors } from '~/components/form'
import {
  contextById,
  diffStatus,
  parseAmount,
  parseDate,
  parseStatusInput,
  statusFormSchema,
  toFormValues,
  toStatusValues,
  type StatusValues,
} from '~/domain/status'

const context = contextById(
  [
    { id: 1, name: 'EfA Bauantrag', kind: 'efa' },
    { id: 2, name: 'Community Gewerbe', kind: 'community' },
    { id: 3, name: 'Produkt 2.0', kind: 'product', maturityModel: '2.0' },
  ],
  [{ id: 7, name: 'ProBauG' }],
  { today: '2025-06-15' },
)

const base = { umsetzungsweg: 'eigen', fortschritt: 'in_umsetzung' }

describe('StatusInput: single values', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['01.03.2025', '2025-03-01'],
    ['1.3.2025', '2025-03-01'],
    ['', null],
  ])('reads the date %j', (raw, expected) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: expected })
  })

  it.each(['2025-02-30', '31.04.2025', 'März 2025', '2025/03/01'])('refuses the date %j with a German message', (raw) => {
    const result = parseDate(raw)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toMatch(/Datum wie 01\.03\.2025/)
  })

  it.each([
    ['1234,50', '1234.50'],
    ['1234.50', '1234.50'],
    ['1.234,50', '1234.50'],
    ['1234', '1234.00'],
    ['0', '0.00'],
    ['', null],
  ])('reads the amount %j', (raw, expected) => {
    expect(parseAmount(raw)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['-5', 'nicht negativ'],
    ['12,345', 'Betrag in Euro'],
    ['zehn', 'Betrag in Euro'],
  ])('refuses the amount %j', (raw, message) => {
    const result = parseAmount(raw)
    expect(!result.ok && result.message).toContain(message)
  })
})

type Case = { name: string; input: Record<string, string>; field?: string; message?: RegExp; expect?: Partial<StatusValues> }

const cases: Case[] = [
  { name: 'empty row means offen/geplant', input: {}, expect: { approach: 'pending', stage: 'planned', onlineServiceId: null, endToEnd: null } },
  { name: 'codes are accepted as well as German words', input: { umsetzungsweg: 'own', fortschritt: 'online' }, expect: { approach: 'own', stage: 'online' } },
  {
    name: 'a complete own row',
    input: {
      ...base,
      online_dienst: '2',
      anbindung: 'in_anbindung',
      reifegrad: '3',
      online_seit: '01.03.2025',
      zieltermin: '2026-01-31',
      fachverfahren: '7',
      schnittstellenstandard: ' XBau 2.3 ',
      schnittstellenstatus: 'in_verhandlung',
      ende_zu_ende: 'nein',
      interne_verarbeitung: 'rpa',
      finanzierung: 'landesmittel',
      einmalkosten_eur: '12.500,00',
      jahreskosten_eur: '99,9',
      antraege_pro_jahr: '1200',
      kontakt: 'Fachdienst Bauordnung',
      notiz: '',
    },
    expect: {
      approach: 'own',
      stage: 'in_progress',
      onlineServiceId: 2,
      connection: 'connecting',
      maturity: 3,
      maturityModel: '1.1',
      onlineSince: '2025-03-01',
      targetDate: '2026-01-31',
      fachverfahrenId: 7,
      interfaceStandard: 'XBau 2.3',
      interfaceStatus: 'negotiating',
      endToEnd: false,
      internalProcessing: 'rpa',
      funding: 'state_programme',
      costOneOff: '12500.00',
      costAnnual: '99.90',
      applicationsPerYear: 1200,
      contact: 'Fachdienst Bauordnung',
      note: null,
    },
  },
  { name: 'online needs own or EfA (names the Umsetzungsweg)', input: { umsetzungsweg: 'offen', fortschritt: 'online' }, field: 'umsetzungsweg', message: /nur mit dem Umsetzungsweg/ },
  { name: 'partly online needs own or EfA', input: { umsetzungsweg: 'nicht_zustaendig', fortschritt: 'teilweise_online' }, field: 'umsetzungsweg', message: /teilweise online/ },
  { name: 'pending is always planned', input: { umsetzungsweg: 'offen', fortschritt: 'in_umsetzung' }, field: 'fortschritt', message: /„geplant“/ },
  { name: 'a plan only while pending', input: { ...base, planung: 'warten_auf_efa' }, field: 'planung', message: /solange der Umsetzungsweg „offen“/ },
  { name: 'a plan while pending is fine', input: { umsetzungsweg: 'offen', planung: 'warten_auf_efa' }, expect: { pendingPlan: 'awaiting_efa' } },
  { name: 'EfA needs an EfA service', input: { umsetzungsweg: 'efa', fortschritt: 'online', online_dienst: '2' }, field: 'online_dienst', message: /EfA-Dienst sein/ },
  { name: 'own does not take an EfA service', input: { ...base, online_dienst: '1' }, field: 'online_dienst', message: /kein EfA-Dienst/ },
  { name: 'EfA with an EfA service', input: { umsetzungsweg: 'efa', fortschritt: 'online', online_dienst: '1' }, expect: { onlineServiceId: 1 } },
  { name: 'a connection needs an online service', input: { ...base, anbindung: 'produktiv' }, field: 'anbindung', message: /nur mit einem Online-Dienst/ },
  { name: 'maturity within model 1.1', input: { ...base, reifegrad: '5' }, field: 'reifegrad', message: /zwischen 0 und 4/ },
  { name: 'maturity within model 2.0', input: { ...base, reifegrad: '7', reifegradmodell: '2.0' }, expect: { maturity: 7, maturityModel: '2.0' } },
  { name: 'model follows the online service', input: { ...base, online_dienst: '3', reifegrad: '6' }, expect: { maturityModel: '2.0', maturity: 6 } },
  { name: 'maturity is a whole number', input: { ...base, reifegrad: 'drei' }, field: 'reifegrad', message: /ganze Zahl/ },
  { name: 'online since not in the future', input: { ...base, fortschritt: 'online', online_seit: '16.06.2025' }, field: 'online_seit', message: /nicht in der Zukunft/ },
  { name: 'online since today is fine', input: { ...base, fortschritt: 'online', online_seit: '15.06.2025' }, expect: { onlineSince: '2025-06-15' } },
  { name: 'no negative one-off costs', input: { ...base, einmalkosten_eur: '-1' }, field: 'einmalkosten_eur', message: /nicht negativ/ },
  { name: 'no negative annual costs', input: { ...base, jahreskosten_eur: '-0,50' }, field: 'jahreskosten_eur', message: /nicht negativ/ },
  { name: 'no negative application counts', input: { ...base, antraege_pro_jahr: '-3' }, field: 'antraege_pro_jahr', message: /nicht negativ/ },
  { name: 'unknown enum word', input: { umsetzungsweg: 'selbst' }, field: 'umsetzungsweg', message: /„eigen“/ },
  { name: 'end to end is ja or nein', input: { ...base, ende_zu_ende: 'vielleicht' }, field: 'ende_zu_ende', message: /„ja“ oder „nein“/ },
  { name: 'unknown online service', input: { ...base, online_dienst: '99' }, field: 'online_dienst', message: /gibt es nicht/ },
  { name: 'unknown Fachverfahren', input: { ...base, fachverfahren: '99' }, field: 'fachverfahren', message: /gibt es nicht/ },
]

describe('StatusInput: rows and cross-field rules', () => {
  it.each(cases)('$name', (c) => {
    const result = parseStatusInput(c.input, context)
    if (c.field) {
      expect(result.success).toBe(false)
      const errors = fieldErrors(result.error!)
      expect(errors[c.field], JSON.stringify(errors)).toMatch(c.message!)
    } else {
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true)
      expect(result.data).toMatchObject(c.expect!)
    }
  })

  it('reports every broken field at once', () => {
    const result = parseStatusInput({ umsetzungsweg: 'x', online_seit: 'gestern', einmalkosten_eur: 'viel' }, context)
    expect(Object.keys(fieldErrors(result.error!)).sort()).toEqual(['einmalkosten_eur', 'online_seit', 'umsetzungsweg'])
  })

  it('reports broken fields and broken cross-field rules in one pass', () => {
    const result = parseStatusInput({ umsetzungsweg: 'offen', fortschritt: 'online', online_seit: 'gestern', planung: 'irgendwann', anbindung: 'produktiv' }, context)
    const errors = fieldErrors(result.error!)
    expect(Object.keys(errors).sort()).toEqual(['anbindung', 'online_seit', 'planung', 'umsetzungsweg'])
    expect(errors.umsetzungsweg).toMatch(/nur mit dem Umsetzungsweg „eigen“ oder „efa“/)
    expect(errors.anbindung).toMatch(/nur mit einem Online-Dienst/)
  })

  it('judges no rule on a value that did not parse', () => {
    const result = parseStatusInput({ umsetzungsweg: 'selbst', fortschritt: 'online', reifegrad: '9', reifegradmodell: 'drei' }, context)
    const errors = fieldErrors(result.error!)
    // Only the words themselves: no "online needs own or EfA", no maturity range of a guessed model.
    expect(Object.keys(errors).sort()).toEqual(['reifegradmodell', 'umsetzungsweg'])
    expect(errors.umsetzungsweg).toMatch(/Wählen Sie einen Umsetzungsweg/)
  })

  it('resolves names through a custom lookup (the CSV import)', () => {
    const byName = { ...context, lookupOnlineService: (raw: string) => (raw === 'EfA Bauantrag' ? { id: 1, name: raw, kind: 'efa' as const } : undefined) }
    const result = parseStatusInput({ umsetzungsweg: 'efa', fortschritt: 'online', online_dienst: 'EfA Bauantrag' }, byName)
    expect(result.data?.onlineServiceId).toBe(1)
  })
})

describe('form schema, row ↔ form values, diff', () => {
  it('needs the version and keeps the comment', () => {
    const schema = statusFormSchema(context)
    expect(schema.safeParse({ ...base, version: '3', kommentar: ' Abgestimmt ' }).data).toMatchObject({ version: 3, comment: 'Abgestimmt' })
    expect(fieldErrors(schema.safeParse({ ...base }).error!)._form).toMatch(/Seite neu/)
  })

  it('round-trips a row through the form values', () => {
    const parsed = parseStatusInput(cases[2].input, context).data!
    const again = parseStatusInput(toFormValues(parsed), context).data!
    expect(again).toEqual(parsed)
  })

  it('normalises database values', () => {
    const row = toStatusValues({ ...parseStatusInput(base, context).data!, costOneOff: '12.5', onlineSince: new Date('2024-02-01T00:00:00Z') as never })
    expect(row.costOneOff).toBe('12.50')
    expect(row.onlineSince).toBe('2024-02-01')
  })

  it('diffs only changed fields, in codes', () => {
    const before = parseStatusInput(base, context).data!
    const after = { ...before, stage: 'online' as const, note: 'neu' }
    expect(diffStatus(before, after)).toEqual({ stage: { from: 'in_progress', to: 'online' }, note: { from: null, to: 'neu' } })
    expect(diffStatus(before, { stage: 'in_progress' })).toEqual({})
  })
})
