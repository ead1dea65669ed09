// The community's tiles after the own county, the Themenfeld filter, and the one disclosure that
// says what every figure counts (the tiles themselves stay short).
import { Form } from '@remix-run/react'
import { formatNumber } from '~/domain/format'
import { countOf, formatPercent, kpiLabels, type KpiKey } from '~/domain/kpi'
import { changeSince, NO_MEETING_YET, sinceMeeting, sumThen, type CountyThen, type LastMeeting, type ThenKey } from '~/domain/standing'
import { Tile } from './tiles'

type Counts = Record<KpiKey, number | null>
type Community = { countyCount: number; total: Counts & { applicable: number; online: number }; average: Counts }

export function ThemeFilter({ themes, themeId, focusAgs }: { themes: readonly { id: number; name: string }[]; themeId: number | null; focusAgs: string | null }) {
  return (
    <Form method="get" className="filters no-print" aria-label="Übersicht filtern">
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="themenfeld">
          Themenfeld
        </label>
        <div className="kern-form-input__select-wrapper">
          <select className="kern-form-input__select" id="themenfeld" name="themenfeld" defaultValue={themeId ?? ''}>
            <option value="">Alle Themenfelder</option>
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {focusAgs ? <input type="hidden" name="kreis" value={focusAgs} /> : null}
      <div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">Anzeigen</span>
        </button>
      </div>
    </Form>
  )
}

/** The community tiles: [data-kpi id, KPI, base of its rate (null: a plain count)]. */
const communityTiles: [KpiKey, 'applicable' | 'online' | null][] = [
  ['online', 'applicable'],
  ['applicable', null],
  ['own', 'applicable'],
  ['efa', 'applicable'],
  ['pending', 'applicable'],
  ['endToEnd', 'online'],
  ['openNegotiations', null],
  ['stale', 'applicable'],
]

const nouns: Partial<Record<KpiKey, { one: string; many: string }>> = {
  online: { one: 'Online-Leistung', many: 'Online-Leistungen' },
  endToEnd: { one: 'Ende-zu-Ende-Leistung', many: 'Ende-zu-Ende-Leistungen' },
  openNegotiations: { one: 'Schnittstelle in Arbeit', many: 'Schnittstellen in Arbeit' },
}

export function CommunitySection({ community, themeName, meeting, then }: { community: Community; themeName: string | null; meeting: LastMeeting | null; then: CountyThen[] }) {
  const { total, average, countyCount } = community
  const past = meeting ? sumThen(then) : null
  const tile = ([key, base]: [KpiKey, 'applicable' | 'online' | null]) => {
    const value = total[key] ?? 0
    const whole = base ? total[base] : 0
    const detail = base ? `${countOf(value, whole)} ${base === 'online' ? 'Online-Leistungen' : 'zuständigen Leistungen'}` : undefined
    // Said once above the tiles when there is no meeting yet; „Nicht bestätigt“ has no history.
    const change =
      past && key !== 'stale'
        ? changeSince(meeting!.heldOn, { part: value, whole }, { part: past[key as ThenKey], whole: base ? past[base] : 0 }, nouns[key] ?? { one: 'Leistung', many: 'Leistungen' })
        : null
    return (
      <Tile
        key={key}
        id={key}
        label={kpiLabels[key].label}
        value={base ? formatPercent(value, whole) : formatNumber(value)}
        detail={detail}
        compare={`Durchschnitt je Kreis: ${formatNumber(average[key], 1)}`}
        change={change}
      />
    )
  }
  return (
    <section aria-labelledby="kpi-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="kpi-heading">
        Community{themeName ? ` · ${themeName}` : ''}
      </h2>
      <p className="kern-body">{meeting ? `Veränderungen ${sinceMeeting(meeting.heldOn)} („${meeting.title}“).` : NO_MEETING_YET}</p>
      <dl className="standing">
        <Tile id="counties" label="Mitgliedskreise" value={formatNumber(countyCount)} />
        {communityTiles.map(tile)}
        <Tile id="meanMaturityOnline" label={kpiLabels.meanMaturityOnline.label} value={formatNumber(total.meanMaturityOnline, 1)} detail="Modell 1.1, Stufen 0–4" />
      </dl>
      <Definitions />
    </section>
  )
}

const extraDefinitions = [
  {
    label: 'Platz nach Online-Quote',
    counts: 'Rang des Kreises unter allen Mitgliedskreisen nach dem Anteil seiner Online-Leistungen an den zuständigen Leistungen; gleiche Quoten teilen sich einen Platz.',
  },
  {
    label: 'Seit der Sitzung',
    counts: 'Veränderung gegenüber dem Stand am Ende des Tages der letzten Sitzung, aus der Änderungshistorie der Leistungen. „Nicht bestätigt“ und der Reifegrad haben keine solche Historie.',
  },
]

function Definitions() {
  const keys = Object.keys(kpiLabels) as KpiKey[]
  return (
    <details className="definitions">
      <summary>Was zählen die Kennzahlen?</summary>
      <dl>
        {[...extraDefinitions, ...keys.map((key) => kpiLabels[key])].map((d) => (
          <div key={d.label} className="definitions__item">
            <dt>{d.label}</dt>
            <dd>{d.counts}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
