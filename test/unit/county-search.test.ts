// The dashboard's county chooser as rendered: the select up to the Land grouping threshold, a
// labelled search with a list of links beyond it (decision 043). Rendered to static HTML in a
// memory router, since Remix's Form and Link need one.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CountySection } from '~/routes/_index/county-section'
import type { CountySearchResult } from '~/routes/_index/county-search'

const community = { total: { online: 0, applicable: 0, stale: 0 }, average: { stale: 0 } }

function render(chooser: { counties: { ags: string; name: string }[] | null; countySearch: CountySearchResult | null }, land: string | null = null) {
  const section = createElement(CountySection, { standing: null, homeAgs: '03351', community, themeId: 3, land, ...chooser })
  const router = createMemoryRouter([{ path: '/', element: section }])
  return renderToStaticMarkup(createElement(RouterProvider, { router }))
}

describe('dashboard county chooser', () => {
  // The memory router's layout effects warn on the server; that is the test's set-up, not the page.
  beforeAll(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined))
  afterAll(() => vi.restoreAllMocks())

  it('is the select of every county up to the threshold', () => {
    const html = render({ counties: [{ ags: '03351', name: 'Celle' }, { ags: '03353', name: 'Harburg' }], countySearch: null })
    expect(html).toContain('<label class="kern-label" for="kreis">Anderen Kreis ansehen</label>')
    expect(html).toContain('<option value="03351">Celle (Ihr Kreis)</option>')
    expect(html).toContain('<option value="03353">Harburg</option>')
    expect(html).not.toContain('kreissuche')
  })

  it('is a labelled search with a list of links beyond it, keeping Themenfeld and Land', () => {
    const search = { q: 'stadt', counties: [{ ags: '09200', name: 'Neustadt', land: 'Bayern' }, { ags: '03351', name: 'Celle', land: 'Niedersachsen' }], more: true }
    const html = render({ counties: null, countySearch: search }, 'Bayern')
    expect(html).not.toContain('<select')
    expect(html).toContain('<label class="kern-label" for="kreissuche">Anderen Kreis suchen</label>')
    expect(html).toMatch(/<div class="kern-hint" id="kreissuche-hint">[^<]*Namens[^<]*AGS/)
    expect(html).toContain('aria-describedby="kreissuche-hint"')
    expect(html).toContain('value="stadt"')
    expect(html).toContain('<input type="hidden" name="land" value="Bayern"/>')
    expect(html).toContain('<li><a data-discover="true" href="/?kreis=09200&amp;themenfeld=3&amp;land=Bayern">Neustadt</a> – Bayern, AGS 09200</li>')
    expect(html).toContain('>Celle</a> (Ihr Kreis)')
    expect(html).toContain('Weitere Treffer – bitte genauer suchen.')
  })

  it('says so when nothing matches, and lists nothing before a search', () => {
    const none = render({ counties: null, countySearch: { q: 'Atlantis', counties: [], more: false } })
    expect(none).toContain('Kein Mitgliedskreis passt zu „Atlantis“.')
    expect(none).not.toContain('<ul>')
    const empty = render({ counties: null, countySearch: { q: '', counties: [], more: false } })
    expect(empty).toContain('for="kreissuche"')
    expect(empty).not.toContain('Kein Mitgliedskreis')
  })
})
