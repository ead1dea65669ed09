import { describe, expect, it } from 'vitest'
import { forecastOnlineShare, forecastText, trendSlope } from '~/domain/planning'

describe('forecast from the monthly trend', () => {
  it('fits a least-squares line', () => {
    expect(trendSlope([1, 2, 3, 4])).toBe(1)
    expect(trendSlope([5, 5, 5])).toBe(0)
    // 0, 0, 3, 3: slope = Σ(x−1.5)(y−1.5) / Σ(x−1.5)² = 6 / 5.
    expect(trendSlope([0, 0, 3, 3])).toBeCloseTo(1.2)
  })

  it.each([
    // applicable 100 → target 80; 60 online, +2 a month → 10 months after 2026-11: 2027-09.
    [{ applicable: 100, onlineNow: 60, monthly: [38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60], currentMonth: '2026-11' }, { kind: 'forecast', target: 80, perMonth: 2, month: '2027-09' }],
    [{ applicable: 10, onlineNow: 8, monthly: [1, 2, 3], currentMonth: '2026-11' }, { kind: 'reached', target: 8 }],
    [{ applicable: 10, onlineNow: 2, monthly: [2, 2, 2, 1], currentMonth: '2026-11' }, { kind: 'no_progress', target: 8 }],
    [{ applicable: 10, onlineNow: 2, monthly: [2, 2], currentMonth: '2026-11' }, { kind: 'too_little_history', target: 8 }],
  ])('%o → %o', (input, expected) => {
    expect(forecastOnlineShare(input)).toMatchObject(expected)
  })

  it('uses only the last twelve months', () => {
    const old = [0, 100, 0, 100]
    const recent = Array.from({ length: 12 }, (_, i) => 10 + i)
    expect(forecastOnlineShare({ applicable: 40, onlineNow: 21, monthly: [...old, ...recent], currentMonth: '2026-12' })).toEqual({ kind: 'forecast', target: 32, perMonth: 1, month: '2027-11' })
  })

  it('says it in German', () => {
    expect(forecastText({ kind: 'forecast', target: 80, perMonth: 2, month: '2027-09' })).toBe('Bei diesem Tempo 80 % online im September 2027')
    expect(forecastText({ kind: 'reached', target: 8 })).toBe('80 % online erreicht')
  })
})
