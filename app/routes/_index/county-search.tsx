// The dashboard's county chooser beyond the Land grouping threshold: a search (name or AGS) with
// up to COUNTY_SEARCH_LIMIT links, since a select of thousands of Gemeinden helps no one.
import { Form, Link } from '@remix-run/react'
import { TextField } from '~/components/fields'
import type { CountyHit } from '~/models/county.server'
import { dashboardHref } from './href'

export type CountySearchResult = { q: string; counties: CountyHit[]; more: boolean }

function Hits({ search, homeAgs, themeId, land }: { search: CountySearchResult; homeAgs: string | null; themeId: number | null; land: string | null }) {
  if (search.counties.length === 0) {
    return <p className="kern-body" id="kreissuche-treffer">Kein Mitgliedskreis passt zu „{search.q}“. Prüfen Sie die Schreibweise oder suchen Sie mit dem Anfang des AGS.</p>
  }
  return (
    <div className="kern-stack" id="kreissuche-treffer">
      <p className="kern-body">
        {search.more ? `Die ersten ${search.counties.length} Treffer für „${search.q}“:` : `Treffer für „${search.q}“:`}
      </p>
      <ul>
        {search.counties.map((c) => (
          <li key={c.ags}>
            <Link to={dashboardHref({ kreis: c.ags, themeId, land })}>{c.name}</Link>
            {c.ags === homeAgs ? ' (Ihr Kreis)' : ''} – {c.land ? `${c.land}, ` : ''}AGS {c.ags}
          </li>
        ))}
      </ul>
      {search.more ? <p className="kern-body">Weitere Treffer – bitte genauer suchen.</p> : null}
    </div>
  )
}

export function CountySearch(props: { search: CountySearchResult; chosenAgs: string | null; homeAgs: string | null; themeId: number | null; land: string | null }) {
  const { search, chosenAgs, homeAgs, themeId, land } = props
  return (
    <div className="kern-stack no-print">
      <Form method="get" className="filters" role="search" aria-label="Kreis suchen" preventScrollReset>
        {chosenAgs ? <input type="hidden" name="kreis" value={chosenAgs} /> : null}
        {themeId ? <input type="hidden" name="themenfeld" value={themeId} /> : null}
        {land ? <input type="hidden" name="land" value={land} /> : null}
        <TextField
          name="kreissuche"
          label={homeAgs ? 'Anderen Kreis suchen' : 'Kreis suchen'}
          hint="Teil des Namens oder Anfang des Amtlichen Gemeindeschlüssels (AGS), z. B. 03351"
          defaultValue={search.q}
          maxLength={100}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">Kreis suchen</span>
          </button>
        </div>
      </Form>
      {search.q ? <Hits search={search} homeAgs={homeAgs} themeId={themeId} land={land} /> : null}
      {homeAgs && chosenAgs ? (
        <p className="kern-body">
          <Link to={dashboardHref({ themeId, land })}>Zurück zu Ihrem Kreis</Link>
        </p>
      ) : null}
    </div>
  )
}
