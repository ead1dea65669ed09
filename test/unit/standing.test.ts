import { describe, expect, it } from 'vitest'
import { chartScope, groupByLand, highlightKey, LAND_GROUPING_THRESHOLD, rowsInScope } from '~/domain/land-groups'
import { metaTitle, pageTitle, hasUserErrors } from '~/domain/page-title'
import { changeSince, countyStanding, placeChange, placeText, rankByOnlineRate, sinceMeeting } from '~/domain/standing'

const county = (ags: string, online: number, applicable: number) => ({
  ags,
  name: `Kreis ${ags}`,
  online,
  applicable,
  pending: 0,
  own: online,
  efa: 0,
  endToEnd: 0,
  openNegotiations: 0,
  stale: 0,
})

describe('place by online rate', () => {
  it('ranks by the exact rate, ties share a place and the next place skips', () => {
    // 1/3 and 2/6 are the same rate; 33 of 100 rounds to the same 33 % but is lower.
    const ranks = rankByOnlineRate([county('a', 1, 3), county('b', 2, 6), county('c', 33, 100), county('d', 9, 10), county('e', 0, 0)])
    expect(Object.fromEntries(ranks)).toEqual({ d: 1, a: 2, b: 2, c: 4, e: 5 })
  })

  it('says „Platz 9 von 16“ and how the place moved since the meeting', () => {
    expect(placeText(9, 16)).toBe('Platz 9 von 16')
    expect(placeChange('2026-01-06', 9, 11).text).toBe('2 Plätze aufgestiegen seit der Sitzung am 06.01.2026 (damals Platz 11)')
    expect(placeChange('2026-01-06', 9, 11).direction).toBe('up')
    expect(placeChange('2026-01-06', 5, 4)).toEqual({ direction: 'down', text: '1 Platz abgestiegen seit der Sitzung am 06.01.2026 (damals Platz 4)' })
    expect(placeChange('2026-01-06', 4, 4).text).toBe('unverändert seit der Sitzung am 06.01.2026')
  })

  it('writes a change with sign, noun in the right number and the rate before', () => {
    const noun = { one: 'Online-Leistung', many: 'Online-Leistungen' }
    expect(changeSince('2026-01-06', { part: 45, whole: 100 }, { part: 40, whole: 100 }, noun)).toEqual({
      direction: 'up',
      text: '+5 Online-Leistungen seit der Sitzung am 06.01.2026 (damals 40 %)',
    })
    expect(changeSince('2026-01-06', { part: 39, whole: 100 }, { part: 40, whole: 100 }, noun).text).toBe('−1 Online-Leistung seit der Sitzung am 06.01.2026 (damals 40 %)')
    expect(changeSince('2026-01-06', { part: 3, whole: 0 }, { part: 3, whole: 0 }, noun)).toEqual({ direction: 'same', text: '±0 Online-Leistungen seit der Sitzung am 06.01.2026' })
    expect(sinceMeeting('2026-01-06')).not.toMatch(/vorige/)
  })

  it('builds the standing of one county now and at the meeting, among today’s members only', () => {
    const now = [county('a', 5, 10), county('b', 8, 10), county('c', 2, 10)]
    const then = [
      { ...county('a', 1, 10) },
      { ...county('b', 8, 10) },
      { ...county('c', 2, 10) },
      // A county that left since: not part of the field then either.
      { ...county('x', 10, 10) },
    ]
    const standing = countyStanding(now, 'a', { id: 1, title: 'Sitzung', heldOn: '2026-01-06' }, then)!
    expect(standing).toMatchObject({ ags: 'a', rank: 2, of: 3, then: { rank: 3, online: 1, heldOn: '2026-01-06' } })
    expect(countyStanding(now, 'a', null, [])!.then).toBeNull()
    expect(countyStanding(now, 'zz', null, [])).toBeNull()
  })
})

describe('charts by Land', () => {
  const rows = Array.from({ length: LAND_GROUPING_THRESHOLD + 1 }, (_, i) => ({ ags: String(10000 + i), name: `K${i}`, online: 1, levels: [1, 2] }))
  const lands = Object.fromEntries(rows.map((r, i) => [r.ags, i < 30 ? 'Niedersachsen' : i < 40 ? 'Bremen' : null]))

  it('groups more than 40 counties into one summed row per Land, and drills down into one', () => {
    const scope = chartScope(rows.map((r) => r.ags), lands, undefined)!
    expect(scope.mode).toBe('lands')
    const grouped = rowsInScope(rows, lands, scope)
    expect(grouped).toEqual([
      { ags: 'land:Bremen', name: 'Bremen (10 Kreise)', online: 10, levels: [10, 20] },
      { ags: 'land:Niedersachsen', name: 'Niedersachsen (30 Kreise)', online: 30, levels: [30, 60] },
      { ags: 'land:ohne Land', name: 'ohne Land (1 Kreis)', online: 1, levels: [1, 2] },
    ])
    expect(highlightKey('10035', lands, scope)).toBe('land:Bremen')
    const bremen = chartScope(rows.map((r) => r.ags), lands, 'Bremen')!
    expect(rowsInScope(rows, lands, bremen)).toHaveLength(10)
    expect(highlightKey('10035', lands, bremen)).toBe('10035')
    expect(chartScope(rows.map((r) => r.ags), lands, 'Bayern')).toBeNull()
  })

  it('leaves a community of 40 counties or fewer county by county', () => {
    const few = rows.slice(0, LAND_GROUPING_THRESHOLD)
    const scope = chartScope(few.map((r) => r.ags), lands, undefined)!
    expect(scope.mode).toBe('counties')
    expect(groupByLand(few, lands)).toHaveLength(2)
    expect(rowsInScope(few, lands, scope)).toBe(few)
  })
})

describe('page titles', () => {
  it('names the object first and says „Fehler:“ while the page shows errors', () => {
    expect(pageTitle(['Celle', 'Kreise'])).toBe('Celle – Kreise – OZG-Radar')
    expect(pageTitle([null, 'Profil', ''], { errors: true })).toBe('Fehler: Profil – OZG-Radar')
    expect(metaTitle(['Übersicht'])).toEqual([{ title: 'Übersicht – OZG-Radar' }])
    expect(hasUserErrors({ errors: { email: 'Geben Sie eine E-Mail-Adresse an.' } })).toBe(true)
    expect(hasUserErrors({ errors: {} })).toBe(false)
    expect(hasUserErrors({ formError: 'Anmeldung fehlgeschlagen.' })).toBe(true)
    expect(hasUserErrors({ ok: true })).toBe(false)
  })
})
