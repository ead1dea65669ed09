import { describe, expect, it } from 'vitest'
import { compareGerman, formatAmount, formatDate, formatDateTime, formatEuro, formatNumber, formatPercent, plural } from '~/domain/format'

describe('the German formatter', () => {
  it('shows a day as TT.MM.JJJJ without shifting it by time zone', () => {
    expect(formatDate('2026-01-06')).toBe('06.01.2026')
    expect(formatDate(new Date('2026-01-05T23:30:00Z'))).toBe('06.01.2026')
    expect(formatDate(null)).toBe('–')
  })
  it('shows instants in Berlin time', () => {
    expect(formatDateTime('2026-07-01T12:05:00Z')).toBe('01.07.2026, 14:05')
  })
  it('groups thousands and writes euro amounts the German way', () => {
    expect(formatNumber(1650)).toBe('1.650')
    expect(formatNumber('1650.5', 1)).toBe('1.650,5')
    expect(formatEuro('1650')).toMatch(/^1\.650,00\s€$/)
    expect(formatEuro(null)).toBe('–')
    expect(formatPercent(0.425)).toBe('42,5 %')
  })
  it('uses the singular only for one', () => {
    expect(plural(1, 'Zeile', 'Zeilen')).toBe('1 Zeile')
    expect(plural(0, 'Zeile', 'Zeilen')).toBe('0 Zeilen')
    expect(plural(1650, 'Zeile', 'Zeilen')).toBe('1.650 Zeilen')
  })
})

describe('formatNumber and formatPercent with their shared formatters', () => {
  it('give what toLocaleString gives, for every number of digits asked, in any order', () => {
    const values = [0, 1, -3, 0.5, 1.25, 1650, 1650.55, 1234567.891, -0.05]
    for (const digits of [1, 0, 2, 0, 1]) {
      for (const v of values) {
        expect(formatNumber(v, digits)).toBe(v.toLocaleString('de-DE', { maximumFractionDigits: digits }))
        expect(formatPercent(v / 100, digits)).toBe(`${(v / 100 * 100).toLocaleString('de-DE', { maximumFractionDigits: digits })} %`)
      }
    }
  })
})

describe('the shared collator and amount formatter', () => {
  it('sort as localeCompare with "de" does', () => {
    const names = ['Zwickau', 'Ärzte', 'Aachen', 'Öhringen', 'Oberhavel', 'straße', 'Strasse', 'Süd', 'ohne Land', 'Ulm', 'Überlingen', 'a', 'A', '']
    const pairs = names.flatMap((a) => names.map((b) => [a, b] as const))
    for (const [a, b] of pairs) expect(Math.sign(compareGerman(a, b))).toBe(Math.sign(a.localeCompare(b, 'de')))
    expect([...names].sort(compareGerman)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')))
  })
  it('write two decimals as toLocaleString with them does', () => {
    for (const n of [0, 1, -3, 0.005, 1.255, 1650, 1650.5, 1234567.891, Number.NaN]) {
      expect(formatAmount(n)).toBe(n.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
    }
    expect(formatAmount(1650)).toBe('1.650,00')
  })
})
