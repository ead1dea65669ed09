// /kreise/:ags — the county page: the list of its rows first, then its figures, its basic
// components (collapsed) and the latest changes. (An index route rather than kreise.$ags.tsx so
// that the row page /kreise/:ags/leistungen/:ozgId is a sibling, not rendered inside this page.)
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { type FieldErrors, fieldErrors } from '~/components/form'
import { plural } from '~/domain/format'
import { canEditCounty } from '~/domain/permissions'
import { COUNTY_PAGE_SIZE, CountyRowQuery } from '~/domain/status'
import { listBasicComponents } from '~/models/basic-component.server'
import { listThemes } from '~/models/service.server'
import { getStaleAfterDays } from '~/models/settings.server'
import { listActivityForCounty, listStatusesForCounty, type SortKey } from '~/models/status.server'
import { getCountyKpisOf } from '~/models/summary.server'
import { listVendorFilterOptions } from '~/models/vendor.server'
import { requireUser } from '~/guards/auth.server'
import { badRequest, forbidden } from '~/utils/http.server'
import { readForm } from '~/utils/form.server'
import { loadCounty, saveBasicComponents, saveBulkChange, toFilter, type ActionData } from './actions.server'
import { ActivitySection } from './activity'
import { BasicComponentsSection } from './basic-components'
import { CountyFigures } from './county-figures'
import { RowsSection } from './rows-section'

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Kreis – OZG-Radar' }]
  const failed = Object.keys(data.filterErrors).length > 0
  return [{ title: `${failed ? 'Fehler: ' : ''}${data.county.name} – Kreise – OZG-Radar` }]
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const county = await loadCounty(params)
  const url = new URL(request.url)
  const parsed = CountyRowQuery.safeParse(Object.fromEntries(url.searchParams))
  const query = parsed.success ? parsed.data : CountyRowQuery.parse({})
  const sort = { by: query.sortierung as SortKey, direction: query.richtung === 'ab' ? ('desc' as const) : ('asc' as const) }
  const [kpis, basicComponents, themes, activity, rows, vendorOptions, staleAfterDays] = await Promise.all([
    getCountyKpisOf(county.ags),
    listBasicComponents(county.id),
    listThemes(),
    listActivityForCounty(county.id),
    parsed.success ? listStatusesForCounty(county.id, toFilter(query), sort, { page: query.seite, pageSize: COUNTY_PAGE_SIZE }) : { total: 0, rows: [] },
    listVendorFilterOptions(),
    getStaleAfterDays(),
  ])
  const payload = {
    county,
    kpis: kpis.county!,
    average: kpis.community.average,
    countyCount: kpis.community.countyCount,
    basicComponents,
    themes,
    activity,
    rows,
    vendorOptions,
    query,
    staleAfterDays,
    filterErrors: parsed.success ? ({} as FieldErrors) : fieldErrors(parsed.error),
    canEdit: canEditCounty(user, county.id),
    homeAgs: user.countyAgs,
    changed: url.searchParams.get('geaendert'),
  }
  return data(payload, { status: parsed.success ? 200 : 400 })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const county = await loadCounty(params)
  if (!canEditCounty(user, county.id)) throw forbidden(`Sie dürfen nur Ihren eigenen Kreis bearbeiten, nicht ${county.name}.`)
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'basisdienste') return saveBasicComponents(request, form, county, user)
  if (intent === 'sammelaenderung') return saveBulkChange(request, form, county, user)
  throw badRequest('Unbekannte Aktion: Laden Sie die Seite neu und senden Sie das Formular erneut ab.')
}

/** „mit anderen Kreisen vergleichen“: this county, and the viewer's own one when it is another. */
function compareHref(ags: string, homeAgs: string | null) {
  return homeAgs && homeAgs !== ags ? `/vergleich?kreise=${ags}&kreise=${homeAgs}` : `/vergleich?mit=${ags}`
}

export default function CountyPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const submitting = useNavigation().state === 'submitting'
  const { county } = d
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to="/kreise">
          ← Alle Kreise
        </Link>
      </p>
      <h1 className="kern-heading-large">{county.name}</h1>
      <p className="kern-body">
        AGS {county.ags}
        {county.isDemo ? ' · Demodaten' : ''}
        {d.canEdit ? ' · Sie dürfen diesen Kreis bearbeiten.' : ' · Nur lesen.'}
        {' · '}
        <Link className="kern-link" to={`/kreise/${county.ags}/kontakte`}>
          Ansprechpersonen
        </Link>
        {' · '}
        <Link className="kern-link" to={compareHref(county.ags, d.homeAgs)}>
          mit anderen Kreisen vergleichen
        </Link>
      </p>
      {d.changed === 'basisdienste' || /^[0-9]+$/.test(d.changed ?? '') ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">
              {d.changed === 'basisdienste' ? 'Die Basisdienste sind gespeichert.' : `${plural(Number(d.changed), 'Zeile', 'Zeilen')} geändert; jede Änderung steht in der Historie der Zeile.`}
            </p>
          </div>
        </div>
      ) : null}
      <RowsSection
        county={county}
        rows={d.rows}
        query={d.query}
        themes={d.themes}
        vendorOptions={d.vendorOptions}
        filterErrors={d.filterErrors}
        staleAfterDays={d.staleAfterDays}
        canEdit={d.canEdit}
        bulk={actionData?.intent === 'sammelaenderung' ? actionData : undefined}
        submitting={submitting}
      />
      <CountyFigures countyName={county.name} kpis={d.kpis} average={d.average} countyCount={d.countyCount} />
      <BasicComponentsSection
        rows={d.basicComponents}
        canEdit={d.canEdit}
        actionData={actionData?.intent === 'basisdienste' ? actionData : undefined}
        justSaved={d.changed === 'basisdienste'}
        submitting={submitting}
      />
      <ActivitySection ags={county.ags} activity={d.activity} />
    </div>
  )
}
