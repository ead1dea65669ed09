// Planning figures that are pure arithmetic: the forecast of when a county reaches a share of its
// applicable services online, from the trend of its monthly online counts.

/** The share a forecast aims at, and how many months of history it looks at. */
export const FORECAST_TARGET_SHARE = 0.8
export const FORECAST_MONTHS = 12

export const FORECAST_METHOD =
  `Methode: Zahl der Online-Leistungen am Ende jedes der letzten ${FORECAST_MONTHS} Monate laut Änderungshistorie; ` +
  'durch diese Punkte wird eine Gerade gelegt (lineare Regression, kleinste Quadrate). Ihre Steigung – Leistungen pro Monat – wird vom heutigen Stand ' +
  `aus fortgeschrieben, bis ${Math.round(FORECAST_TARGET_SHARE * 100)} % der zuständigen Leistungen online sind. Rückschritte zählen mit; eine Prognose ist keine Zusage.`

export type Forecast =
  | { kind: 'reached'; target: number }
  | { kind: 'no_progress'; target: number; perMonth: number }
  | { kind: 'too_little_history'; target: number }
  | { kind: 'forecast'; target: number; perMonth: number; month: string }

/** Least-squares slope of values at x = 0, 1, 2 … */
export function trendSlope(values: readonly number[]): number {
  const n = values.length
  if (n < 2) return 0
  const meanX = (n - 1) / 2
  const meanY = values.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY)
    den += (x - meanX) ** 2
  })
  return num / den
}

function addMonths(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + count
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * `monthly`: online counts at the end of consecutive months, the last one being `currentMonth`
 * (YYYY-MM); only the last FORECAST_MONTHS are used. `onlineNow` and `applicable` are today's.
 */
export function forecastOnlineShare(input: { applicable: number; onlineNow: number; monthly: readonly number[]; currentMonth: string }): Forecast {
  const target = Math.ceil(input.applicable * FORECAST_TARGET_SHARE)
  if (input.applicable > 0 && input.onlineNow >= target) return { kind: 'reached', target }
  const points = input.monthly.slice(-FORECAST_MONTHS)
  if (points.length < 3) return { kind: 'too_little_history', target }
  const perMonth = trendSlope(points)
  if (perMonth <= 0) return { kind: 'no_progress', target, perMonth }
  const months = Math.ceil((target - input.onlineNow) / perMonth - 1e-9)
  return { kind: 'forecast', target, perMonth, month: addMonths(input.currentMonth, months) }
}

const monthNames = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember']

export function germanMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return `${monthNames[m - 1]} ${y}`
}

export function forecastText(f: Forecast): string {
  const share = `${Math.round(FORECAST_TARGET_SHARE * 100)} %`
  switch (f.kind) {
    case 'reached':
      return `${share} online erreicht`
    case 'too_little_history':
      return 'Zu wenig Verlauf für eine Prognose'
    case 'no_progress':
      return `Bei diesem Tempo werden ${share} nicht erreicht (kein Zuwachs in den letzten ${FORECAST_MONTHS} Monaten)`
    case 'forecast':
      return `Bei diesem Tempo ${share} online im ${germanMonth(f.month)}`
  }
}
