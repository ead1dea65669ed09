// The dashboard's first section: one county (the person's own, or the one chosen) with its place,
// its online rate against the community, the change since the last meeting and the rows to look at.
import { Form } from '@remix-run/react'
import { formatNumber, plural } from '~/domain/format'
import { formatPercent, ratePercent } from '~/domain/kpi'
import { changeSince, NO_MEETING_YET, placeChange, placeText, type CountyStanding } from '~/domain/standing'
import { CountySearch, type CountySearchResult } from './county-search'
import { Tile } from './tiles'

type Community = { total: { online: number; applicable: number; stale: number }; average: { stale: number } }

function compareWithCommunity(part: number, whole: number, community: Community) {
  const own = ratePercent(part, whole)
  const all = ratePercent(community.total.online, community.total.applicable)
  const base = `Community: ${formatPercent(community.total.online, community.total.applicable)}`
  if (own === null || all === null) return base
  const words = own > all ? '▲ über dem Community-Wert' : own < all ? '▼ unter dem Community-Wert' : '● gleich dem Community-Wert'
  return `${base} · ${words}`
}

function StandingTiles({ s, community, themeQuery }: { s: CountyStanding; community: Community; themeQuery: string }) {
  const rows = (filter: string) => `/kreise/${s.ags}?${filter}${themeQuery}`
  const then = s.then
  const noun = { one: 'Leistung', many: 'Leistungen' }
  return (
    <dl className="standing">
      <Tile
        id="home-rank"
        lead
        label="Platz nach Online-Quote"
        value={<a href="#chart-umsetzung">{placeText(s.rank, s.of)}</a>}
        detail={`unter den ${plural(s.of, 'Mitgliedskreis', 'Mitgliedskreisen')}`}
        change={then ? placeChange(then.heldOn, s.rank, then.rank) : NO_MEETING_YET}
      />
      <Tile
        id="home-online"
        label="Online"
        value={formatPercent(s.now.online, s.now.applicable)}
        detail={`${formatNumber(s.now.online)} von ${formatNumber(s.now.applicable)} zuständigen Leistungen`}
        compare={compareWithCommunity(s.now.online, s.now.applicable, community)}
        change={then ? changeSince(then.heldOn, { part: s.now.online, whole: s.now.applicable }, { part: then.online, whole: then.applicable }, { one: 'Online-Leistung', many: 'Online-Leistungen' }) : null}
        link={{ to: rows('fortschritt=online'), text: `${plural(s.now.online, 'Online-Leistung', 'Online-Leistungen')} ansehen` }}
      />
      <Tile
        id="home-stale"
        label="Stand zu bestätigen"
        value={formatNumber(s.now.stale)}
        detail={`${s.now.stale === 1 ? 'Leistung' : 'Leistungen'} nie oder nicht innerhalb der Frist der Community bestätigt`}
        compare={`Community-Durchschnitt: ${formatNumber(community.average.stale, 1)} je Kreis`}
        link={{ to: rows('veraltet=ja'), text: s.now.stale ? `${plural(s.now.stale, 'Leistung', 'Leistungen')} zum Bestätigen ansehen` : 'Alle Leistungen ansehen' }}
      />
      <Tile
        id="home-pending"
        label="Offen"
        value={formatNumber(s.now.pending)}
        detail={`${s.now.pending === 1 ? 'Leistung' : 'Leistungen'} ohne entschiedenen Umsetzungsweg`}
        change={then ? changeSince(then.heldOn, { part: s.now.pending, whole: s.now.applicable }, { part: then.pending, whole: then.applicable }, noun) : null}
        link={{ to: rows('umsetzungsweg=offen'), text: `${plural(s.now.pending, 'offene Leistung', 'offene Leistungen')} ansehen` }}
      />
    </dl>
  )
}

function CountyChooser({ counties, focusAgs, homeAgs, themeId }: { counties: { ags: string; name: string }[]; focusAgs: string | null; homeAgs: string | null; themeId: number | null }) {
  return (
    <Form method="get" className="filters no-print" aria-label="Kreis wählen">
      {themeId ? <input type="hidden" name="themenfeld" value={themeId} /> : null}
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="kreis">
          {homeAgs ? 'Anderen Kreis ansehen' : 'Kreis'}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select className="kern-form-input__select" id="kreis" name="kreis" defaultValue={focusAgs ?? ''}>
            <option value="">{homeAgs ? 'Ihr Kreis' : 'Kreis wählen'}</option>
            {counties.map((c) => (
              <option key={c.ags} value={c.ags}>
                {c.name}
                {c.ags === homeAgs ? ' (Ihr Kreis)' : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">Kreis zeigen</span>
        </button>
      </div>
    </Form>
  )
}

export function CountySection(props: {
  standing: CountyStanding | null
  homeAgs: string | null
  /** Every member county for the select, or null beyond the threshold, where countySearch is given. */
  counties: { ags: string; name: string }[] | null
  countySearch: CountySearchResult | null
  community: Community
  themeId: number | null
  land: string | null
}) {
  const s = props.standing
  const heading = s ? (s.ags === props.homeAgs ? `Ihr Kreis: ${s.name}` : `Kreis: ${s.name}`) : 'Ihr Kreis'
  return (
    <section aria-labelledby="home-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="home-heading">
        {heading}
      </h2>
      {s ? (
        <StandingTiles s={s} community={props.community} themeQuery={props.themeId ? `&themenfeld=${props.themeId}` : ''} />
      ) : (
        <p className="kern-body">Ihrem Konto ist kein Kreis zugeordnet. Wählen Sie einen Kreis, um seinen Platz und seine Entwicklung zu sehen; darunter steht die Community.</p>
      )}
      {props.counties ? (
        <CountyChooser counties={props.counties} focusAgs={s?.ags ?? null} homeAgs={props.homeAgs} themeId={props.themeId} />
      ) : props.countySearch ? (
        <CountySearch search={props.countySearch} chosenAgs={s && s.ags !== props.homeAgs ? s.ags : null} homeAgs={props.homeAgs} themeId={props.themeId} land={props.land} />
      ) : null}
    </section>
  )
}
