// A county's standing on the dashboard: its place among the members by online rate, and how a
// figure moved since the last meeting. Pure, so that unit tests pin ranks, ties and wording.
import { formatDate, formatNumber, plural } from './format'
import { ratePercent } from './kpi'

export type RateCounts = { ags: string; online: number; applicable: number }

/** online/applicable as an exact fraction; a county without applicable rows counts as 0. */
function compareRates(a: RateCounts, b: RateCounts): number {
  const left = a.applicable > 0 ? a.online * Math.max(b.applicable, 1) : 0
  const right = b.applicable > 0 ? b.online * Math.max(a.applicable, 1) : 0
  return right - left
}

/**
 * Places by online rate, highest first; equal rates share a place and the next place skips
 * (1, 2, 2, 4), so „Platz 2 von 4“ never hides a tie. Rates are compared as fractions, not rounded.
 */
export function rankByOnlineRate(entries: RateCounts[]): Map<string, number> {
  const sorted = [...entries].sort(compareRates)
  const ranks = new Map<string, number>()
  sorted.forEach((entry, i) => {
    const previous = sorted[i - 1]
    ranks.set(entry.ags, previous && compareRates(previous, entry) === 0 ? ranks.get(previous.ags)! : i + 1)
  })
  return ranks
}

/** „Platz 9 von 16“ */
export function placeText(rank: number, of: number): string {
  return `Platz ${formatNumber(rank)} von ${formatNumber(of)}`
}

export type Direction = 'up' | 'down' | 'same'

export function directionOf(delta: number): Direction {
  return delta > 0 ? 'up' : delta < 0 ? 'down' : 'same'
}

/** The symbol shown with a direction; words always stand beside it. */
export const directionSymbol: Record<Direction, string> = { up: '▲', down: '▼', same: '●' }

/** „+3“, „−2“, „±0“ with a real minus sign. */
export function signed(delta: number): string {
  if (delta === 0) return '±0'
  return `${delta > 0 ? '+' : '−'}${formatNumber(Math.abs(delta))}`
}

/** „seit der Sitzung am 06.01.2026“ – the last meeting by its date, never „vorige Sitzung“. */
export function sinceMeeting(heldOn: string): string {
  return `seit der Sitzung am ${formatDate(heldOn)}`
}

/** Said where a change would stand when no meeting has been held yet. */
export const NO_MEETING_YET = 'Noch keine Sitzung gehalten: Es gibt keinen früheren Stand zum Vergleich.'

export type Change = { direction: Direction; text: string }

/**
 * How a count moved since the meeting: „▲ +3 Online-Leistungen seit der Sitzung am 06.01.2026
 * (vorher 40 %)“. `then`/`now` are counts over their bases, so the rate before stands beside.
 */
export function changeSince(
  heldOn: string,
  now: { part: number; whole: number },
  then: { part: number; whole: number },
  noun: { one: string; many: string },
): Change {
  const delta = now.part - then.part
  const before = ratePercent(then.part, then.whole)
  const count = `${signed(delta)} ${Math.abs(delta) === 1 ? noun.one : noun.many}`
  const rateBefore = before === null ? '' : ` (damals ${formatNumber(before)} %)`
  return { direction: directionOf(delta), text: `${count} ${sinceMeeting(heldOn)}${rateBefore}` }
}

/** A place change: a better place is a smaller number, so „up“ means the rank number fell. */
export function placeChange(heldOn: string, now: number, then: number): Change {
  if (now === then) return { direction: 'same', text: `unverändert ${sinceMeeting(heldOn)}` }
  const moved = Math.abs(then - now)
  const way = now < then ? 'aufgestiegen' : 'abgestiegen'
  return { direction: now < then ? 'up' : 'down', text: `${plural(moved, 'Platz', 'Plätze')} ${way} ${sinceMeeting(heldOn)} (damals Platz ${formatNumber(then)})` }
}

/** Counts of one county at a past moment, with the same meaning as today's KPI counts. */
export type CountyThen = {
  ags: string
  online: number
  applicable: number
  pending: number
  own: number
  efa: number
  endToEnd: number
  openNegotiations: number
}
export type ThenKey = Exclude<keyof CountyThen, 'ags'>
export const THEN_KEYS: ThenKey[] = ['online', 'applicable', 'pending', 'own', 'efa', 'endToEnd', 'openNegotiations']

export type LastMeeting = { id: number; title: string; heldOn: string }

type CountyNow = Record<ThenKey | 'stale', number> & { ags: string; name: string }

/** Today's counts plus the differences since the meeting (then − now): every county then. */
export function countiesThen(now: (Record<ThenKey, number> & { ags: string })[], deltas: CountyThen[]): CountyThen[] {
  const byAgs = new Map(deltas.map((d) => [d.ags, d]))
  return now.map((county) => {
    const delta = byAgs.get(county.ags)
    return { ags: county.ags, ...Object.fromEntries(THEN_KEYS.map((k) => [k, county[k] + (delta?.[k] ?? 0)])) } as CountyThen
  })
}

/** Sums of the counts over counties: the community's figures then. */
export function sumThen(counties: CountyThen[]): Record<ThenKey, number> {
  const total = Object.fromEntries(THEN_KEYS.map((k) => [k, 0])) as Record<ThenKey, number>
  for (const county of counties) for (const key of THEN_KEYS) total[key] += county[key]
  return total
}

export type CountyStanding = {
  ags: string
  name: string
  rank: number
  of: number
  now: CountyNow
  /** The county at the last meeting; null when no meeting has been held yet. */
  then: (Record<ThenKey, number> & { rank: number; heldOn: string }) | null
}

/** The dashboard's first section: one county's place now and at the last meeting. */
export function countyStanding(counties: CountyNow[], ags: string, meeting: LastMeeting | null, then: CountyThen[]): CountyStanding | null {
  const now = counties.find((c) => c.ags === ags)
  if (!now) return null
  const rank = rankByOnlineRate(counties).get(ags)!
  // Ranked among the counties that are members today, so that both places count the same field.
  const members = new Set(counties.map((c) => c.ags))
  const thenRows = then.filter((c) => members.has(c.ags))
  const own = thenRows.find((c) => c.ags === ags)
  const past = meeting && own ? { ...own, rank: rankByOnlineRate(thenRows).get(ags)!, heldOn: meeting.heldOn } : null
  return { ags, name: now.name, rank, of: counties.length, now, then: past }
}
