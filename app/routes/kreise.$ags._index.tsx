// /kreise/:ags — the county page. (An index route rather than kreise.$ags.tsx so that the row
// page /kreise/:ags/leistungen/:ozgId is a sibling, not rendered inside this page.)
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ChangeList, changeSourceLabel } from '~/components/change-list'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { parseBasicComponentsForm } from '~/domain/basic-component'
import { Approach, BasicComponent, BasicComponentStatus, Funding, InterfaceStatus, Stage } from '~/domain/enums'
import { formatNumber, formatPercent, kpiLabels } from '~/domain/kpi'
import { canEditCounty } from '~/domain/permissions'
import { BulkStatusInput, COUNTY_FILTER_KEYS, COUNTY_PAGE_SIZE, COUNTY_ROW_SORTS, CountyRowQuery, INTERFACE_STATUS_UNSET, type StatusDiff } from '~/domain/status'
import { listBasicComponents, updateBasicComponents } from '~/models/basic-component.server'
import { listThemes } from '~/models/service.server'
import {
  bulkUpdateStatuses,
  getCountyByAgs,
  listActivityForCounty,
  listStatusesForCounty,
  type CountyRowFilter,
  type SortKey,
} from '~/models/status.server'
import { getCountyKpis } from '~/models/summary.server'
import { requireUser } from '~/guards/auth.server'
import { echo, forbidden, notFound, parseParams, badRequest } from '~/utils/http.server'
import { readForm } from '~/utils/form.server'
import { listVendorFilterOptions } from '~/models/vendor.server'

const CountyParams = z.object({ ags: z.string().regex(/^([0-9]{5}|[0-9]{8})$/) })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.county.name} – Kreise – OZG-Radar` : 'Kreis – OZG-Radar' }]

async function loadCounty(params: unknown) {
  const { ags } = parseParams(CountyParams, params)
  const county = await getCountyByAgs(ags)
  if (!county) throw notFound('Diesen Kreis gibt es in der Community nicht. Prüfen Sie den AGS.')
  return county
}

function toFilter(q: CountyRowQuery): CountyRowFilter {
  return {
    umsetzungsweg: q.umsetzungsweg,
    fortschritt: q.fortschritt,
    schnittstellenstatus: q.schnittstellenstatus,
    hersteller: q.hersteller,
    fachverfahren: q.fachverfahren,
    themenfeld: q.themenfeld,
    veraltet: q.veraltet,
    q: q.q,
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const county = await loadCounty(params)
  const url = new URL(request.url)
  const parsed = CountyRowQuery.safeParse(Object.fromEntries(url.searchParams))
  const query = parsed.success ? parsed.data : CountyRowQuery.parse({})
  const [kpis, basicComponents, themes, activity, rows, vendorOptions] = await Promise.all([
    getCountyKpis(),
    listBasicComponents(county.id),
    listThemes(),
    listActivityForCounty(county.id),
    parsed.success
      ? listStatusesForCounty(county.id, toFilter(query), { by: query.sortierung as SortKey, direction: query.richtung === 'ab' ? 'desc' : 'asc' }, { page: query.seite, pageSize: COUNTY_PAGE_SIZE })
      : { total: 0, rows: [] },
    listVendorFilterOptions(),
  ])
  const own = kpis.counties.find((c) => c.countyId === county.id)!
  const payload = {
    county,
    kpis: own,
    average: kpis.community.average,
    countyCount: kpis.community.countyCount,
    basicComponents,
    themes,
    activity,
    rows,
    vendorOptions,
    query,
    filterErrors: parsed.success ? ({} as FieldErrors) : fieldErrors(parsed.error),
    canEdit: canEditCounty(user, county.id),
    changed: url.searchParams.get('geaendert'),
  }
  return data(payload, { status: parsed.success ? 200 : 400 })
}

type BulkValues = { umfang: string; ids: string[]; umsetzungsweg: string; fortschritt: string; schnittstellenstatus: string; finanzierung: string; bestaetigen: string; kommentar: string }
type ActionData =
  | { intent: 'sammelaenderung'; errors: FieldErrors; values: BulkValues; issues?: { ozgId: string; serviceName: string; message: string }[] }
  | { intent: 'basisdienste'; errors: FieldErrors; values: Record<string, string>; conflicts?: string[] }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const county = await loadCounty(params)
  if (!canEditCounty(user, county.id)) throw forbidden(`Sie dürfen nur Ihren eigenen Kreis bearbeiten, nicht ${county.name}.`)
  const form = await readForm(request)
  const intent = form.get('intent')
  const back = new URL(request.url)
  back.searchParams.delete('index')

  if (intent === 'basisdienste') {
    const raw = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
    const parsed = parseBasicComponentsForm(raw)
    if (!parsed.success) return data<ActionData>({ intent: 'basisdienste', errors: fieldErrors(parsed.error), values: echo(raw) }, { status: 400 })
    const result = await updateBasicComponents(county.id, parsed.data, user)
    if (!result.ok) {
      // Keep what was typed, but with the current versions: saving again then overwrites knowingly.
      const current = await listBasicComponents(county.id)
      const values = { ...raw }
      for (const c of current) values[`version_${c.component}`] = String(c.version)
      const names = result.conflicts.map((c) => BasicComponent.label(c)).join(', ')
      return data<ActionData>(
        {
          intent: 'basisdienste',
          errors: { _form: `Jemand anderes hat inzwischen ${names} geändert. Prüfen Sie die Werte in der Tabelle und speichern Sie erneut, um Ihre Eingaben zu übernehmen.` },
          values,
          conflicts: result.conflicts,
        },
        { status: 409 },
      )
    }
    back.searchParams.set('geaendert', 'basisdienste')
    return redirect(`${back.pathname}${back.search}#basisdienste`)
  }

  if (intent !== 'sammelaenderung') throw badRequest('Unbekannte Aktion: Laden Sie die Seite neu und senden Sie das Formular erneut ab.')
  const values: BulkValues = {
    umfang: String(form.get('umfang') ?? ''),
    ids: form.getAll('ids').map(String),
    umsetzungsweg: String(form.get('umsetzungsweg') ?? ''),
    fortschritt: String(form.get('fortschritt') ?? ''),
    schnittstellenstatus: String(form.get('schnittstellenstatus') ?? ''),
    finanzierung: String(form.get('finanzierung') ?? ''),
    bestaetigen: String(form.get('bestaetigen') ?? ''),
    kommentar: String(form.get('kommentar') ?? ''),
  }
  const parsed = BulkStatusInput.safeParse(values)
  if (!parsed.success) return data<ActionData>({ intent: 'sammelaenderung', errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  // The filter travels as f_* fields: the same words as in the page's URL.
  const filterRaw = Object.fromEntries(COUNTY_FILTER_KEYS.map((k) => [k, String(form.get(`f_${k}`) ?? '')]))
  const filter = CountyRowQuery.safeParse(filterRaw)
  if (!filter.success) return data<ActionData>({ intent: 'sammelaenderung', errors: { umfang: 'Der Filter ist ungültig. Laden Sie die Seite neu.' }, values: echo(values) }, { status: 400 })
  const b = parsed.data
  const result = await bulkUpdateStatuses({
    countyId: county.id,
    selection: b.umfang === 'filter' ? { filter: toFilter(filter.data) } : { ids: b.ids },
    set: {
      ...(b.umsetzungsweg ? { approach: b.umsetzungsweg } : {}),
      ...(b.fortschritt ? { stage: b.fortschritt } : {}),
      ...(b.schnittstellenstatus ? { interfaceStatus: b.schnittstellenstatus } : {}),
      ...(b.finanzierung ? { funding: b.finanzierung } : {}),
    },
    confirm: b.bestaetigen,
    comment: b.kommentar ?? null,
    actor: user,
  })
  if (!result.ok && 'foreignRows' in result) {
    throw forbidden(`Die Auswahl enthält Zeilen, die nicht zu ${county.name} gehören. Sie können nur Zeilen dieses Kreises gemeinsam ändern: Laden Sie die Seite neu und wählen Sie die Zeilen erneut aus.`)
  }
  if (!result.ok) {
    const message = `Nichts geändert: ${result.issues.length === 1 ? 'eine Zeile passt' : `${result.issues.length} Angaben passen`} nicht zu den neuen Werten.`
    return data<ActionData>({ intent: 'sammelaenderung', errors: { _form: message }, values: echo(values), issues: result.issues.slice(0, 20) }, { status: 400 })
  }
  back.searchParams.set('geaendert', String(result.changed))
  return redirect(`${back.pathname}${back.search}`)
}

const dateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' })
const date = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' })
const sortLabels: Record<(typeof COUNTY_ROW_SORTS)[number], string> = {
  ozg_id: 'OZG-ID',
  leistung: 'Leistung',
  themenfeld: 'Themenfeld',
  umsetzungsweg: 'Umsetzungsweg',
  fortschritt: 'Fortschritt',
  schnittstellenstatus: 'Schnittstellenstatus',
  reifegrad: 'Reifegrad',
  aktualisiert: 'Geändert',
  bestaetigt: 'Bestätigt',
}

export default function CountyPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const { county, kpis, average, rows, query } = d
  const pages = Math.max(1, Math.ceil(rows.total / COUNTY_PAGE_SIZE))
  const bulk = actionData?.intent === 'sammelaenderung' ? actionData : undefined
  const basic = actionData?.intent === 'basisdienste' ? actionData : undefined
  const bulkErrors = bulk?.errors ?? {}
  const selected = new Set(bulk?.values.ids ?? [])

  const link = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    next.delete('geaendert')
    for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k))
    const s = next.toString()
    return s ? `?${s}` : '?'
  }
  const sortLink = (key: string) => link({ sortierung: key, richtung: query.sortierung === key && query.richtung === 'auf' ? 'ab' : 'auf', seite: undefined })
  const ariaSort = (key: string) => (query.sortierung === key ? (query.richtung === 'ab' ? 'descending' : 'ascending') : undefined)
  const filterValue = (k: string) => params.get(k) ?? ''

  const kpiItems: { key: keyof typeof kpiLabels; value: string; avg: string }[] = [
    { key: 'online', value: `${kpis.online} (${formatPercent(kpis.online, kpis.applicable)})`, avg: `${formatNumber(average.online)} (${formatPercent(average.online, average.applicable)})` },
    { key: 'applicable', value: formatNumber(kpis.applicable), avg: formatNumber(average.applicable) },
    { key: 'own', value: formatNumber(kpis.own), avg: formatNumber(average.own) },
    { key: 'efa', value: formatNumber(kpis.efa), avg: formatNumber(average.efa) },
    { key: 'pending', value: formatNumber(kpis.pending), avg: formatNumber(average.pending) },
    { key: 'notApplicable', value: formatNumber(kpis.notApplicable), avg: formatNumber(average.notApplicable) },
    { key: 'meanMaturityOnline', value: formatNumber(kpis.meanMaturityOnline), avg: formatNumber(average.meanMaturityOnline) },
    { key: 'endToEnd', value: `${kpis.endToEnd} (${formatPercent(kpis.endToEnd, kpis.online)})`, avg: `${formatNumber(average.endToEnd)} (${formatPercent(average.endToEnd, average.online)})` },
    { key: 'openNegotiations', value: formatNumber(kpis.openNegotiations), avg: formatNumber(average.openNegotiations) },
    { key: 'stale', value: formatNumber(kpis.stale), avg: formatNumber(average.stale) },
  ]

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
      </p>
      {d.changed ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">{d.changed === 'basisdienste' ? 'Die Basisdienste sind gespeichert.' : `${d.changed} ${d.changed === '1' ? 'Zeile' : 'Zeilen'} geändert; jede Änderung steht in der Historie der Zeile.`}</p>
          </div>
        </div>
      ) : null}

      <section aria-labelledby="kpi-title" className="kern-stack">
        <h2 className="kern-heading-medium" id="kpi-title">
          Kennzahlen
        </h2>
        <p className="kern-body">Jeweils der Wert von {county.name} und daneben der Durchschnitt der {d.countyCount} Kreise der Community.</p>
        <dl className="kpis">
          {kpiItems.map((k) => (
            <div key={k.key} className="kpi">
              <dt>{kpiLabels[k.key].label}</dt>
              <dd>
                {k.value}
                <small>Durchschnitt: {k.avg}</small>
                <small>{kpiLabels[k.key].counts}</small>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <BasicComponentsSection rows={d.basicComponents} canEdit={d.canEdit} actionData={basic} submitting={navigation.state === 'submitting'} />

      <section aria-labelledby="rows-title" className="kern-stack">
        <h2 className="kern-heading-medium" id="rows-title">
          Leistungen
        </h2>
        <ErrorSummary errors={d.filterErrors} title="Der Filter ist ungültig" />
        <Form method="get" className="filters" role="search" aria-label="Leistungen filtern">
          <SelectField name="umsetzungsweg" label="Umsetzungsweg" options={enumOptions(Approach)} empty="alle" defaultValue={filterValue('umsetzungsweg')} error={d.filterErrors.umsetzungsweg} id="filter-umsetzungsweg" />
          <SelectField name="fortschritt" label="Fortschritt" options={enumOptions(Stage)} empty="alle" defaultValue={filterValue('fortschritt')} error={d.filterErrors.fortschritt} id="filter-fortschritt" />
          <SelectField name="themenfeld" label="Themenfeld" options={d.themes.map((t) => ({ value: String(t.id), label: t.name }))} empty="alle" defaultValue={filterValue('themenfeld')} error={d.filterErrors.themenfeld} id="filter-themenfeld" />
          <SelectField name="schnittstellenstatus" label="Schnittstellenstatus" options={[...enumOptions(InterfaceStatus), { value: INTERFACE_STATUS_UNSET.value, label: INTERFACE_STATUS_UNSET.label }]} empty="alle" defaultValue={filterValue('schnittstellenstatus')} error={d.filterErrors.schnittstellenstatus} id="filter-schnittstellenstatus" />
          <SelectField name="hersteller" label="Hersteller" options={d.vendorOptions.vendors.map((v) => ({ value: String(v.id), label: v.name }))} empty="alle" defaultValue={filterValue('hersteller')} error={d.filterErrors.hersteller} id="filter-hersteller" />
          <SelectField name="fachverfahren" label="Fachverfahren" options={d.vendorOptions.fachverfahren.map((f) => ({ value: String(f.id), label: f.name, group: f.vendor }))} empty="alle" defaultValue={filterValue('fachverfahren')} error={d.filterErrors.fachverfahren} id="filter-fachverfahren" />
          <SelectField
            name="veraltet"
            label="Bestätigung"
            options={[
              { value: 'ja', label: 'veraltet (zu lange nicht bestätigt)' },
              { value: 'nein', label: 'aktuell bestätigt' },
            ]}
            empty="alle"
            defaultValue={filterValue('veraltet')}
            error={d.filterErrors.veraltet}
            id="filter-veraltet"
          />
          <TextField name="q" label="Suche (Name oder OZG-ID)" type="search" defaultValue={filterValue('q')} error={d.filterErrors.q} id="filter-q" />
          <input type="hidden" name="sortierung" value={query.sortierung} />
          <input type="hidden" name="richtung" value={query.richtung} />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">Filtern</span>
            </button>
          </div>
        </Form>
        <p className="kern-body" aria-live="polite">
          {rows.total} {rows.total === 1 ? 'Leistung' : 'Leistungen'} gefunden · Seite {query.seite} von {pages} ·{' '}
          <a className="kern-link" href={`/export?${new URLSearchParams({ kreis: county.ags, ...Object.fromEntries(COUNTY_FILTER_KEYS.filter((k) => k !== 'q' && params.get(k)).map((k) => [k, params.get(k)!])) })}`}>
            als CSV exportieren
          </a>
        </p>

        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="sammelaenderung" />
          {COUNTY_FILTER_KEYS.map((k) => (
            <input key={k} type="hidden" name={`f_${k}`} value={params.get(k) ?? ''} />
          ))}
          {d.canEdit ? (
            <fieldset className="kern-fieldset bulk-form">
              <legend className="kern-heading-small">Mehrere Zeilen ändern</legend>
              <ErrorSummary errors={bulkErrors} />
              {bulk?.issues?.length ? (
                <ul className="kern-list">
                  {bulk.issues.map((i, n) => (
                    <li key={n}>
                      {i.ozgId} {i.serviceName}: {i.message}
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className={`kern-fieldset__body ${bulkErrors.umfang || bulkErrors.ids ? 'kern-form-input--error' : ''}`} role="radiogroup" aria-labelledby="umfang-label" id="umfang">
                <p className="kern-label" id="umfang-label">
                  Welche Zeilen?
                </p>
                {bulkErrors.ids ? (
                  <p className="kern-error" id="ids">
                    {bulkErrors.ids}
                  </p>
                ) : null}
                <div className="kern-form-check">
                  <input className="kern-form-check__radio" type="radio" id="umfang-auswahl" name="umfang" value="auswahl" defaultChecked={(bulk?.values.umfang ?? 'auswahl') !== 'filter'} />
                  <label className="kern-label" htmlFor="umfang-auswahl">
                    Die unten angekreuzten Zeilen
                  </label>
                </div>
                <div className="kern-form-check">
                  <input className="kern-form-check__radio" type="radio" id="umfang-filter" name="umfang" value="filter" defaultChecked={bulk?.values.umfang === 'filter'} />
                  <label className="kern-label" htmlFor="umfang-filter">
                    Alle Zeilen dieses Filters ({rows.total} {rows.total === 1 ? 'Zeile' : 'Zeilen'}, alle Seiten)
                  </label>
                </div>
              </div>
              <div className="filters">
                <SelectField name="umsetzungsweg" label="Umsetzungsweg setzen" options={enumOptions(Approach)} empty="– nicht ändern –" defaultValue={bulk?.values.umsetzungsweg} error={bulkErrors.umsetzungsweg} />
                <SelectField name="fortschritt" label="Fortschritt setzen" options={enumOptions(Stage)} empty="– nicht ändern –" defaultValue={bulk?.values.fortschritt} error={bulkErrors.fortschritt} />
                <SelectField name="schnittstellenstatus" label="Schnittstellenstatus setzen" options={enumOptions(InterfaceStatus)} empty="– nicht ändern –" defaultValue={bulk?.values.schnittstellenstatus} error={bulkErrors.schnittstellenstatus} />
                <SelectField name="finanzierung" label="Finanzierung setzen" options={enumOptions(Funding)} empty="– nicht ändern –" defaultValue={bulk?.values.finanzierung} error={bulkErrors.finanzierung} />
              </div>
              <div className="kern-form-check">
                <input className="kern-form-check__checkbox" type="checkbox" id="bestaetigen" name="bestaetigen" value="ja" defaultChecked={bulk?.values.bestaetigen === 'ja'} />
                <label className="kern-label" htmlFor="bestaetigen">
                  Als aktuell bestätigen
                </label>
              </div>
              <TextField name="kommentar" label="Kommentar (optional, steht in der Historie jeder Zeile)" defaultValue={bulk?.values.kommentar} error={bulkErrors.kommentar} id="bulk-kommentar" />
              <div>
                <button type="submit" className="kern-btn kern-btn--primary" disabled={navigation.state === 'submitting'}>
                  <span className="kern-label">Ausgewählte Zeilen ändern</span>
                </button>
              </div>
            </fieldset>
          ) : null}

          <div className="table-scroll">
            <table className="kern-table kern-table--striped">
              <caption className="visually-hidden">
                Leistungen von {county.name}, sortiert nach {sortLabels[query.sortierung]} ({query.richtung === 'ab' ? 'absteigend' : 'aufsteigend'})
              </caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  {d.canEdit ? (
                    <th scope="col" className="kern-table__header">
                      <span className="visually-hidden">Auswahl</span>
                    </th>
                  ) : null}
                  {(['ozg_id', 'leistung', 'themenfeld', 'umsetzungsweg', 'fortschritt'] as const).map((key) => (
                    <th key={key} scope="col" className="kern-table__header" aria-sort={ariaSort(key)}>
                      <Link className="kern-link" to={sortLink(key)}>
                        {sortLabels[key]}
                        <span className="visually-hidden"> – sortieren</span>
                        {query.sortierung === key ? (query.richtung === 'ab' ? ' ▼' : ' ▲') : ''}
                      </Link>
                    </th>
                  ))}
                  <th scope="col" className="kern-table__header">Online-Dienst</th>
                  {(['schnittstellenstatus', 'reifegrad', 'bestaetigt'] as const).map((key) => (
                    <th key={key} scope="col" className="kern-table__header" aria-sort={ariaSort(key)}>
                      <Link className="kern-link" to={sortLink(key)}>
                        {sortLabels[key]}
                        <span className="visually-hidden"> – sortieren</span>
                        {query.sortierung === key ? (query.richtung === 'ab' ? ' ▼' : ' ▲') : ''}
                      </Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {rows.rows.map((r) => (
                  <tr key={r.id} className="kern-table__row">
                    {d.canEdit ? (
                      <td className="kern-table__cell">
                        <input type="checkbox" name="ids" value={r.id} id={`row-${r.id}`} defaultChecked={selected.has(String(r.id))} />
                        <label htmlFor={`row-${r.id}`} className="visually-hidden">
                          {r.serviceName} auswählen
                        </label>
                      </td>
                    ) : null}
                    <td className="kern-table__cell">{r.ozgId}</td>
                    <th scope="row" className="kern-table__cell">
                      <Link className="kern-link" to={`/kreise/${county.ags}/leistungen/${r.ozgId}`}>
                        {r.serviceName}
                      </Link>
                    </th>
                    <td className="kern-table__cell">{r.theme}</td>
                    <td className="kern-table__cell">{Approach.label(r.approach as never)}</td>
                    <td className="kern-table__cell">{Stage.label(r.stage as never)}</td>
                    <td className="kern-table__cell">{r.onlineService ?? '–'}</td>
                    <td className="kern-table__cell">{InterfaceStatus.label(r.interfaceStatus as never) || '–'}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{r.maturity ?? '–'}</td>
                    <td className="kern-table__cell">
                      {r.confirmedAt ? date.format(new Date(r.confirmedAt)) : 'nie'}
                      {r.isStale ? <strong> (veraltet)</strong> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Form>

        {pages > 1 ? (
          <nav aria-label="Seiten der Leistungsliste">
            <ul className="pagination">
              {query.seite > 1 ? (
                <li>
                  <Link className="kern-link" to={link({ seite: String(query.seite - 1) })}>
                    Vorherige Seite
                  </Link>
                </li>
              ) : null}
              <li>
                Seite {query.seite} von {pages}
              </li>
              {query.seite < pages ? (
                <li>
                  <Link className="kern-link" to={link({ seite: String(query.seite + 1) })}>
                    Nächste Seite
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="activity-title" className="kern-stack">
        <h2 className="kern-heading-medium" id="activity-title">
          Letzte Änderungen
        </h2>
        {d.activity.length === 0 ? (
          <p className="kern-body">Noch keine Änderungen.</p>
        ) : (
          <ol className="kern-list activity">
            {d.activity.map((a) => (
              <li key={a.id}>
                <strong>{dateTime.format(new Date(a.changedAt))}</strong> · {a.byName || a.byEmail || 'System'} · {changeSourceLabel[a.source] ?? a.source} ·{' '}
                <Link className="kern-link" to={`/kreise/${county.ags}/leistungen/${a.ozgId}`}>
                  {a.serviceName} ({a.ozgId})
                </Link>
                <ChangeList changes={a.changes as StatusDiff} />
                {a.comment ? <p className="kern-body">Kommentar: {a.comment}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}

function BasicComponentsSection({
  rows,
  canEdit,
  actionData,
  submitting,
}: {
  rows: { component: string; status: string; provider: string | null; note: string | null; version: number; updatedAt: string | Date | null; updatedByName: string | null }[]
  canEdit: boolean
  actionData?: { errors: FieldErrors; values: Record<string, string>; conflicts?: string[] }
  submitting: boolean
}) {
  const errors = actionData?.errors ?? {}
  const v = (field: string, code: string, fallback: string) => actionData?.values[`${field}_${code}`] ?? fallback
  const table = (
    <div className="table-scroll">
      <table className="kern-table">
        <caption className="visually-hidden">Basisdienste und ihr Status</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Basisdienst</th>
            <th scope="col" className="kern-table__header">Status</th>
            <th scope="col" className="kern-table__header">Anbieter</th>
            <th scope="col" className="kern-table__header">Notiz</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => {
            const label = BasicComponent.label(r.component as never)
            return (
              <tr key={r.component} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {label}
                  {actionData?.conflicts?.includes(r.component) ? <strong> – inzwischen geändert: {BasicComponentStatus.label(r.status as never)}</strong> : null}
                </th>
                {canEdit ? (
                  <>
                    <td className="kern-table__cell">
                      <input type="hidden" name={`version_${r.component}`} value={v('version', r.component, String(r.version))} />
                      <SelectField name={`status_${r.component}`} label={`Status ${label}`} hideLabel options={enumOptions(BasicComponentStatus)} defaultValue={v('status', r.component, BasicComponentStatus.value(r.status as never))} error={errors[`status_${r.component}`]} />
                    </td>
                    <td className="kern-table__cell">
                      <TextField name={`anbieter_${r.component}`} label={`Anbieter ${label}`} hideLabel defaultValue={v('anbieter', r.component, r.provider ?? '')} error={errors[`anbieter_${r.component}`]} />
                    </td>
                    <td className="kern-table__cell">
                      <TextField name={`notiz_${r.component}`} label={`Notiz ${label}`} hideLabel defaultValue={v('notiz', r.component, r.note ?? '')} error={errors[`notiz_${r.component}`]} />
                    </td>
                  </>
                ) : (
                  <>
                    <td className="kern-table__cell">{BasicComponentStatus.label(r.status as never)}</td>
                    <td className="kern-table__cell">{r.provider ?? '–'}</td>
                    <td className="kern-table__cell">{r.note ?? ''}</td>
                  </>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
  return (
    <section aria-labelledby="basisdienste" className="kern-stack">
      <h2 className="kern-heading-medium" id="basisdienste" tabIndex={-1}>
        Basisdienste
      </h2>
      {canEdit ? (
        <Form method="post" className="kern-stack basic-components" noValidate>
          <input type="hidden" name="intent" value="basisdienste" />
          <ErrorSummary errors={errors} />
          {table}
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={submitting}>
              <span className="kern-label">Basisdienste speichern</span>
            </button>
          </div>
        </Form>
      ) : (
        table
      )}
    </section>
  )
}
