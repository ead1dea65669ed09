import { describe, expect, it } from 'vitest'
import { countOf, formatMonth, formatNumber, formatPercent, kpiLabels, rate, ratePercent } from '~/domain/kpi'
import { statusChips, statusLegend } from '~/domain/status-chip'
import { CompareParam, DashboardFilter, MatrixFilter } from '~/domain/summary-filter'
import { OnlineServiceInput } from '~/domain/online-service'

describe('rates', () => {
  it.each([
    [3, 5, 60, '60 %', '3 von 5'],
    [2, 3, 67, '67 %', '2 von 3'],
    [1, 3, 33, '33 %', '1 von 3'],
    [0, 5, 0, '0 %', '0 von 5'],
    [5, 5, 100, '100 %', '5 von 5'],
    [0, 0, null, '–', '0 von 0'],
    [1234, 2000, 62, '62 %', '1.234 von 2.000'],
  ])('%i of %i → %s', (part, whole, percent, percentText, countText) => {
    expect(ratePercent(part, whole)).toBe(percent)
    expect(formatPercent(part, whole)).toBe(percentText)
    expect(countOf(part, whole)).toBe(countText)
    expect(rate(part, whole)).toEqual({ percent, percentText, countText })
  })

  it('formats numbers and months the German way', () => {
    expect(formatNumber(2.5)).toBe('2,5')
    expect(formatNumber(null)).toBe('–')
    expect(formatMonth('2024-03')).toBe('03/2024')
  })

  it('says what every KPI counts', () => {
    for (const { label, counts } of Object.values(kpiLabels)) {
      expect(label.length).toBeGreaterThan(2)
      expect(counts.length).toBeGreaterThan(10)
    }
    expect(kpiLabels.online.counts).toContain('zuständigen')
  })
})

describe('matrix cells', () => {
  it('gives every state a symbol and a label besides its colour', () => {
    const symbols = new Set(statusLegend.map((c) => statusChips[c].symbol))
    expect(symbols.size).toBe(statusLegend.length)
    for (const code of statusLegend) expect(statusChips[code].label).not.toBe('')
  })
})

describe('query parameters', () => {
  it('accepts two to six counties, as a list or repeated', () => {
    expect(CompareParam.parse({ kreise: '03351,03353' }).kreise).toEqual(['03351', '03353'])
    expect(CompareParam.parse({ kreise: ['03351', '03353', '03351'] }).kreise).toEqual(['03351', '03353'])
  })
  it.each([
    ['03351', 'Wählen Sie mindestens zwei Kreise zum Vergleich.'],
    ['03351,03351', 'Wählen Sie mindestens zwei Kreise zum Vergleich.'],
    ['1,2', 'Jeder Kreis wird mit seinem Amtlichen Gemeindeschlüssel angegeben, z. B. 03351.'],
    ['03351,03352,03353,03354,03355,03356,03357', 'Sie können höchstens sechs Kreise vergleichen.'],
  ])('rejects ?kreise=%s in German', (kreise, message) => {
    const result = CompareParam.safeParse({ kreise })
    expect(result.success).toBe(false)
    expect(result.error!.issues[0].message).toBe(message)
  })
  it('parses the dashboard and matrix filters', () => {
    expect(DashboardFilter.parse({ themenfeld: '3', kreis: '' })).toEqual({ themenfeld: 3, kreis: undefined })
    expect(DashboardFilter.safeParse({ themenfeld: 'x' }).error!.issues[0].message).toBe('Wählen Sie ein Themenfeld aus der Liste.')
    expect(MatrixFilter.parse({ umsetzungsweg: 'efa', unterschiede: '1' })).toEqual({ themenfeld: undefined, umsetzungsweg: 'efa', unterschiede: '1' })
  })
})

describe('OnlineServiceInput', () => {
  const base = { name: 'Dienst', art: 'efa', verfuegbarkeit: 'verfuegbar', reifegradmodell: '1.1' }
  it('reads German words, amounts and OZG-ID lists', () => {
    const v = OnlineServiceInput.parse({ ...base, einmalentgelt_eur: '1.234,50', leistungen: '10519, 10520;10519', reifegrad: '3' })
    expect(v).toMatchObject({ kind: 'efa', availability: 'available', feeOneOff: '1234.50', serviceOzgIds: ['10519', '10520'], maturity: 3, provider: null })
  })
  it('reports the cross-field problem even when another field is wrong too', () => {
    const result = OnlineServiceInput.safeParse({ ...base, art: 'community', einmalentgelt_eur: 'viel' })
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual(['einmalentgelt_eur', 'federfuehrung'])
  })
  it.each([
    [{ name: '' }, 'name', 'Geben Sie den Namen des Online-Dienstes ein.'],
    [{ art: 'community' }, 'federfuehrung', 'Eine Community-Lösung braucht einen federführenden Kreis.'],
    [{ reifegrad: '5' }, 'reifegrad', 'Der Reifegrad liegt zwischen 0 und 4 (Modell 1.1).'],
    [{ leistungen: '105, 10519' }, 'leistungen', 'Geben Sie OZG-IDs mit fünf Ziffern ein, durch Komma getrennt (nicht erkannt: 105).'],
    [{ adresse: 'beispiel' }, 'adresse', 'Geben Sie die Adresse mit https:// ein, z. B. https://www.example.de.'],
    [{ jahresentgelt_eur: 'viel' }, 'jahresentgelt_eur', 'Geben Sie einen Betrag in Euro wie 1234,50 ein.'],
  ])('rejects %o with a German message at the field', (override, field, message) => {
    const result = OnlineServiceInput.safeParse({ ...base, ...override })
    expect(result.success).toBe(false)
    expect(result.error!.issues.find((i) => i.path[0] === field)?.message).toBe(message)
  })
})
