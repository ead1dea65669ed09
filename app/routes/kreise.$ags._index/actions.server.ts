// The county page's two writes: the basic components and the bulk change of status rows.
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { parseBasicComponentsForm } from '~/domain/basic-component'
import { BasicComponent } from '~/domain/enums'
import { plural } from '~/domain/format'
import { BulkStatusInput, COUNTY_FILTER_KEYS, CountyRowQuery } from '~/domain/status'
import { listBasicComponents, updateBasicComponents } from '~/models/basic-component.server'
import { bulkUpdateStatuses, getCountyByAgs, type CountyRowFilter } from '~/models/status.server'
import type { SessionUser as User } from '~/domain/permissions'
import { echo, forbidden, notFound, parseParams } from '~/utils/http.server'
import { agsSchema } from '~/domain/rules'

const CountyParams = z.object({ ags: agsSchema() })

export type County = NonNullable<Awaited<ReturnType<typeof getCountyByAgs>>>

export async function loadCounty(params: unknown): Promise<County> {
  const { ags } = parseParams(CountyParams, params)
  const county = await getCountyByAgs(ags)
  if (!county) throw notFound('Diesen Kreis gibt es in der Community nicht. Prüfen Sie den AGS.')
  return county
}

export function toFilter(q: CountyRowQuery): CountyRowFilter {
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

export type BulkValues = { umfang: string; ids: string[]; umsetzungsweg: string; fortschritt: string; schnittstellenstatus: string; finanzierung: string; bestaetigen: string; kommentar: string }
export type BulkActionData = { intent: 'sammelaenderung'; errors: FieldErrors; values: BulkValues; issues?: { ozgId: string; serviceName: string; message: string }[] }
export type BasicActionData = { intent: 'basisdienste'; errors: FieldErrors; values: Record<string, string>; conflicts?: string[] }
export type ActionData = BulkActionData | BasicActionData

/** Where a successful write sends the browser back to: the same page, filter and sort. */
function backTo(request: Request, changed: string, hash = '') {
  const back = new URL(request.url)
  back.searchParams.delete('index')
  back.searchParams.set('geaendert', changed)
  return redirect(`${back.pathname}${back.search}${hash}`)
}

export async function saveBasicComponents(request: Request, form: FormData, county: County, user: User) {
  const raw = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const parsed = parseBasicComponentsForm(raw)
  if (!parsed.success) return data<ActionData>({ intent: 'basisdienste', errors: fieldErrors(parsed.error), values: echo(raw) }, { status: 400 })
  const result = await updateBasicComponents(county.id, parsed.data, user)
  if (result.ok) return backTo(request, 'basisdienste', '#basisdienste')
  // Keep what was typed, but with the current versions: saving again then overwrites knowingly.
  const current = await listBasicComponents(county.id)
  const values = { ...raw }
  for (const c of current) values[`version_${c.component}`] = String(c.version)
  const names = result.conflicts.map((c) => BasicComponent.label(c)).join(', ')
  const message = `Jemand anderes hat inzwischen ${names} geändert. Prüfen Sie die Werte in der Tabelle und speichern Sie erneut, um Ihre Eingaben zu übernehmen.`
  return data<ActionData>({ intent: 'basisdienste', errors: { _form: message }, values, conflicts: result.conflicts }, { status: 409 })
}

function readBulkValues(form: FormData): BulkValues {
  const one = (name: string) => String(form.get(name) ?? '')
  return {
    umfang: one('umfang'),
    ids: form.getAll('ids').map(String),
    umsetzungsweg: one('umsetzungsweg'),
    fortschritt: one('fortschritt'),
    schnittstellenstatus: one('schnittstellenstatus'),
    finanzierung: one('finanzierung'),
    bestaetigen: one('bestaetigen'),
    kommentar: one('kommentar'),
  }
}

export async function saveBulkChange(request: Request, form: FormData, county: County, user: User) {
  const values = readBulkValues(form)
  const fail = (errors: FieldErrors, issues?: BulkActionData['issues']) => data<ActionData>({ intent: 'sammelaenderung', errors, values: echo(values), issues }, { status: 400 })
  const parsed = BulkStatusInput.safeParse(values)
  if (!parsed.success) return fail(fieldErrors(parsed.error))
  // The filter travels as f_* fields: the same words as in the page's URL.
  const filter = CountyRowQuery.safeParse(Object.fromEntries(COUNTY_FILTER_KEYS.map((k) => [k, String(form.get(`f_${k}`) ?? '')])))
  if (!filter.success) return fail({ umfang: 'Der Filter ist ungültig. Laden Sie die Seite neu.' })
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
    const what = result.issues.length === 1 ? 'eine Zeile passt' : `${plural(result.issues.length, 'Angabe', 'Angaben')} passen`
    return fail({ _form: `Nichts geändert: ${what} nicht zu den neuen Werten.` }, result.issues.slice(0, 20))
  }
  return backTo(request, String(result.changed))
}
