// /admin/kreise — the community's members: pick them from the official register (search, several
// at once), upload a CSV of AGS, add one that is not in the register, end a membership; and the
// community's own name.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { text } from '~/domain/text'
import { SelectField, TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { CountyKind } from '~/domain/enums'
import { CommunityNameInput, JoinInput, LANDS, LeaveInput, ManualCountyInput, MEMBER_KINDS } from '~/domain/membership'
import { todayIso } from '~/domain/status'
import { joinCounties, joinCountiesFromCsv, joinManualCounty, leaveCommunity, listMemberships, searchRegister, type JoinResult } from '~/models/membership.server'
import { getCommunityName, setCommunityName } from '~/models/settings.server'
import { requireAdmin } from '~/guards/auth.server'
import { readForm } from '~/utils/form.server'
import { badRequest, parseSearchParams } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Mitgliedskreise – OZG-Radar' }]

const Search = z.object({
  q: text().trim().max(100, 'Der Suchbegriff darf höchstens 100 Zeichen lang sein.').optional(),
  land: z
    .string()
    .optional()
    .refine((v) => !v || LANDS.includes(v), 'Wählen Sie ein Land aus der Liste.'),
})

const MAX_CSV_BYTES = 256 * 1024

const kindOptions = MEMBER_KINDS.map((k) => ({ value: k, label: CountyKind.label(k) }))
const landOptions = LANDS.map((l) => ({ value: l, label: l }))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const search = parseSearchParams(Search, request)
  const [members, register, communityName] = await Promise.all([listMemberships(), searchRegister(search), getCommunityName()])
  return { members, register, communityName, search, today: todayIso() }
}

type Intent = 'name' | 'join' | 'csv' | 'manual' | 'leave'
type ActionData = { intent: Intent; errors: FieldErrors; messages?: string[]; values?: Record<string, string> }

function joinFailed(intent: Intent, result: Extract<JoinResult, { ok: false }>, values: Record<string, string>) {
  return data<ActionData>({ intent, errors: { _form: 'Es wurde kein Kreis aufgenommen. Korrigieren Sie die genannten Angaben.' }, messages: result.errors, values }, { status: 400 })
}

function joined(result: Extract<JoinResult, { ok: true }>) {
  return redirect(`/admin/kreise?aufgenommen=${result.joined.length}&zeilen=${result.rows}`)
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const contentLength = Number(request.headers.get('Content-Length') ?? 0)
  if (contentLength > MAX_CSV_BYTES + 10_000) throw data({ message: 'Die Datei ist zu groß (höchstens 256 KB).' }, { status: 413 })
  const form = await readForm(request, { files: ['datei'] })
  const intent = String(form.get('intent') ?? '') as Intent
  const field = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }

  if (intent === 'name') {
    const values = { communityName: field('communityName') }
    const parsed = CommunityNameInput.safeParse(values)
    if (!parsed.success) return data<ActionData>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 })
    await setCommunityName(parsed.data.communityName, admin)
    return redirect('/admin/kreise?gespeichert=name')
  }
  if (intent === 'join') {
    const values = { kind: field('kind'), joinedOn: field('joinedOn') }
    const parsed = JoinInput.safeParse({ ags: form.getAll('ags').map(String), ...values })
    if (!parsed.success) {
      // The checkboxes have no single field to link to: that message heads the summary.
      const { ags, ...errors } = fieldErrors(parsed.error)
      return data<ActionData>({ intent, errors: ags ? { _form: ags, ...errors } : errors, values }, { status: 400 })
    }
    const result = await joinCounties(parsed.data, admin)
    return result.ok ? joined(result) : joinFailed(intent, result, values)
  }
  if (intent === 'csv') {
    const values = { csvKind: field('csvKind'), csvJoinedOn: field('csvJoinedOn') }
    const parsed = JoinInput.omit({ ags: true }).safeParse({ kind: values.csvKind, joinedOn: values.csvJoinedOn })
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error)
      return data<ActionData>({ intent, errors: { csvKind: errors.kind, csvJoinedOn: errors.joinedOn }, values }, { status: 400 })
    }
    const file = form.get('datei')
    if (!(file instanceof File) || file.size === 0) return data<ActionData>({ intent, errors: { datei: 'Wählen Sie eine CSV-Datei mit Kreisschlüsseln aus.' }, values }, { status: 400 })
    if (file.size > MAX_CSV_BYTES) return data<ActionData>({ intent, errors: { datei: 'Die Datei ist zu groß (höchstens 256 KB).' }, values }, { status: 413 })
    const result = await joinCountiesFromCsv(new Uint8Array(await file.arrayBuffer()), { defaultKind: parsed.data.kind, joinedOn: parsed.data.joinedOn }, admin)
    return result.ok ? joined(result) : joinFailed(intent, result, values)
  }
  if (intent === 'manual') {
    const values = { ags: field('manualAgs'), name: field('manualName'), kind: field('manualKind'), land: field('manualLand'), joinedOn: field('manualJoinedOn') }
    const parsed = ManualCountyInput.safeParse(values)
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error)
      const prefixed = Object.fromEntries(Object.entries(errors).map(([k, v]) => [`manual${k[0].toUpperCase()}${k.slice(1)}`, v]))
      return data<ActionData>({ intent, errors: prefixed, values }, { status: 400 })
    }
    const result = await joinManualCounty(parsed.data, admin)
    return result.ok ? joined(result) : joinFailed(intent, result, values)
  }
  if (intent === 'leave') {
    const values = { leaveAgs: field('leaveAgs'), leftOn: field('leftOn') }
    const parsed = LeaveInput.safeParse({ ags: values.leaveAgs, leftOn: values.leftOn })
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error)
      return data<ActionData>({ intent, errors: { leaveAgs: errors.ags, leftOn: errors.leftOn }, values }, { status: 400 })
    }
    const result = await leaveCommunity(parsed.data, admin)
    if (!result.ok) return data<ActionData>({ intent, errors: { leaveAgs: result.message }, values }, { status: 400 })
    return redirect(`/admin/kreise?ausgetreten=${encodeURIComponent(result.name)}`)
  }
  throw badRequest('Unbekannte Aktion. Laden Sie die Seite neu und versuchen Sie es noch einmal.')
}

function Success({ children }: { children: React.ReactNode }) {
  return (
    <div className="kern-alert kern-alert--success" role="status">
      <div className="kern-alert__body">
        <p className="kern-body">{children}</p>
      </div>
    </div>
  )
}

function FormErrors({ data: actionData, intent }: { data: ActionData | undefined; intent: Intent }) {
  if (actionData?.intent !== intent) return null
  return (
    <>
      <ErrorSummary errors={actionData.errors} />
      {actionData.messages?.length ? (
        <ul className="kern-list" aria-label="Fehler">
          {actionData.messages.map((m) => (
            <li key={m} className="kern-error">
              {m}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

export default function CountiesAdmin() {
  const { members, register, communityName, search, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData.errors : {})
  const valuesFor = (intent: Intent) => (actionData?.intent === intent ? (actionData.values ?? {}) : {})
  const current = members.filter((m) => m.isMember)
  const former = members.filter((m) => !m.isMember)
  const added = params.get('aufgenommen')
  const left = params.get('ausgetreten')
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Mitgliedskreise</h1>
      {added ? (
        <Success>
          {added} Kreis{added === '1' ? '' : 'e'} aufgenommen, {params.get('zeilen') ?? '0'} Zeilen zum Umsetzungsstand angelegt.
        </Success>
      ) : null}
      {left ? <Success>{left} ist ausgetreten. Die Zeilen und ihre Historie bleiben erhalten.</Success> : null}
      {params.get('gespeichert') === 'name' ? <Success>Der Name der Community ist gespeichert.</Success> : null}

      <section aria-labelledby="name-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="name-heading">
          Name der Community
        </h2>
        <FormErrors data={actionData} intent="name" />
        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="name" />
          <TextField name="communityName" label="Name der Community" hint="Erscheint in der Kopfzeile, in Sitzungsberichten und Einladungen, z. B. OpenR@thaus." defaultValue={valuesFor('name').communityName ?? communityName ?? ''} error={errorsFor('name').communityName} />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
              <span className="kern-label">Namen speichern</span>
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="members-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="members-heading">
          Mitglieder ({current.length})
        </h2>
        {current.length === 0 ? (
          <p className="kern-body">Noch kein Kreis ist Mitglied. Wählen Sie die Mitglieder unten aus dem Verzeichnis oder laden Sie eine CSV-Datei hoch.</p>
        ) : (
          <div className="table-scroll">
            <table className="kern-table kern-table--small kern-table--striped">
              <caption className="visually-hidden">Aktuelle Mitgliedskreise</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">Kreis</th>
                  <th scope="col" className="kern-table__header">AGS</th>
                  <th scope="col" className="kern-table__header">Kreistyp</th>
                  <th scope="col" className="kern-table__header">Land</th>
                  <th scope="col" className="kern-table__header">Mitglied seit</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {current.map((m) => (
                  <tr key={m.ags} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <Link className="kern-link" to={`/kreise/${m.ags}`}>
                        {m.name}
                      </Link>
                    </th>
                    <td className="kern-table__cell">{m.ags}</td>
                    <td className="kern-table__cell">{CountyKind.label(m.kind)}</td>
                    <td className="kern-table__cell">{m.land ?? '–'}</td>
                    <td className="kern-table__cell">{m.joinedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {former.length ? (
          <>
            <h3 className="kern-heading-small">Ehemalige Mitglieder ({former.length})</h3>
            <ul className="kern-list">
              {former.map((m) => (
                <li key={m.ags}>
                  {m.name} ({m.ags}), ausgetreten am {m.leftOn} – Zeilen und Historie bleiben erhalten
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="register-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="register-heading">
          Kreise aus dem Verzeichnis aufnehmen
        </h2>
        <p className="kern-body">
          Das amtliche Verzeichnis aller 401 Kreise und kreisfreien Städte (Destatis, Stand 31.12.2018). Suchen Sie nach Name oder Kreisschlüssel (AGS) oder wählen Sie ein Land.
        </p>
        <Form method="get" className="kern-stack search-form" role="search" aria-label="Verzeichnis durchsuchen">
          <TextField name="q" label="Name oder AGS" defaultValue={search.q ?? ''} />
          <SelectField name="land" label="Land" options={landOptions} empty="– alle Länder –" defaultValue={search.land ?? ''} />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">Im Verzeichnis suchen</span>
            </button>
          </div>
        </Form>
        <FormErrors data={actionData} intent="join" />
        {search.q || search.land ? (
          register.entries.length === 0 ? (
            <p className="kern-body">Kein Kreis im Verzeichnis passt zu dieser Suche.</p>
          ) : (
            <Form method="post" className="kern-stack" noValidate>
              <input type="hidden" name="intent" value="join" />
              <fieldset className="kern-fieldset">
                <legend className="kern-label">Treffer ({register.entries.length}{register.more ? ', weitere: Suche eingrenzen' : ''})</legend>
                <div className="table-scroll">
                  <table className="kern-table kern-table--small">
                    <caption className="visually-hidden">Treffer im Verzeichnis</caption>
                    <thead className="kern-table__header">
                      <tr className="kern-table__row">
                        <th scope="col" className="kern-table__header">Aufnehmen</th>
                        <th scope="col" className="kern-table__header">AGS</th>
                        <th scope="col" className="kern-table__header">Land</th>
                        <th scope="col" className="kern-table__header">Kreistyp (Verzeichnis)</th>
                        <th scope="col" className="kern-table__header">Einwohner 2018</th>
                      </tr>
                    </thead>
                    <tbody className="kern-table__body">
                      {register.entries.map((e) => (
                        <tr key={e.ags} className="kern-table__row">
                          <td className="kern-table__cell">
                            {e.state === 'member' ? (
                              <span>{e.name} – schon Mitglied</span>
                            ) : (
                              <div className="kern-form-check">
                                <input className="kern-form-check__checkbox" type="checkbox" id={`ags-${e.ags}`} name="ags" value={e.ags} />
                                <label className="kern-label" htmlFor={`ags-${e.ags}`}>
                                  {e.name}
                                  {e.state === 'former' ? ' (ehemaliges Mitglied: Wiedereintritt)' : ''}
                                </label>
                              </div>
                            )}
                          </td>
                          <td className="kern-table__cell">{e.ags}</td>
                          <td className="kern-table__cell">{e.land}</td>
                          <td className="kern-table__cell">{e.kind ? CountyKind.label(e.kind as never) : 'unbekannt'}</td>
                          <td className="kern-table__cell">{e.population?.toLocaleString('de-DE') ?? '–'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </fieldset>
              <SelectField name="kind" label="Kreistyp" hint="Leer: wie im Verzeichnis (bekannt für Niedersachsen). Sonst gilt der gewählte Typ für alle ausgewählten Kreise." options={kindOptions} empty="– wie im Verzeichnis –" defaultValue={valuesFor('join').kind} error={errorsFor('join').kind} />
              <TextField name="joinedOn" label="Mitglied seit" hint="Datum wie 01.03.2025; leer: heute." defaultValue={valuesFor('join').joinedOn ?? today} error={errorsFor('join').joinedOn} />
              <div>
                <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
                  <span className="kern-label">Ausgewählte Kreise aufnehmen</span>
                </button>
              </div>
            </Form>
          )
        ) : null}
      </section>

      <section aria-labelledby="csv-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="csv-heading">
          Kreise per CSV-Datei aufnehmen
        </h2>
        <p className="kern-body">
          Eine Spalte <code>ags</code> mit den Kreisschlüsseln (oder nur eine Spalte ohne Überschrift), optional <code>kreistyp</code> (Landkreis, Kreisfreie Stadt, Region). Alle oder keiner: Ein unbekannter oder doppelter Kreisschlüssel wird mit seiner Zeile genannt.
        </p>
        <FormErrors data={actionData} intent="csv" />
        <Form method="post" encType="multipart/form-data" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="csv" />
          <div className={`kern-form-input ${errorsFor('csv').datei ? 'kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="datei">
              CSV-Datei mit Kreisschlüsseln
            </label>
            {errorsFor('csv').datei ? (
              <p className="kern-error" id="datei-error">
                {errorsFor('csv').datei}
              </p>
            ) : null}
            <input className="kern-form-input__input" type="file" id="datei" name="datei" accept=".csv,text/csv" aria-describedby={errorsFor('csv').datei ? 'datei-error' : undefined} />
          </div>
          <SelectField name="csvKind" label="Kreistyp, wo Datei und Verzeichnis keinen nennen" options={kindOptions} empty="– keiner: dann muss die Datei ihn nennen –" defaultValue={valuesFor('csv').csvKind} error={errorsFor('csv').csvKind} />
          <TextField name="csvJoinedOn" label="Mitglied seit (CSV)" hint="Datum wie 01.03.2025; leer: heute." defaultValue={valuesFor('csv').csvJoinedOn ?? today} error={errorsFor('csv').csvJoinedOn} />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
              <span className="kern-label">Kreise aus der Datei aufnehmen</span>
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="leave-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="leave-heading">
          Austritt
        </h2>
        <p className="kern-body">Der Kreis zählt ab dem Austritt nicht mehr in Kennzahlen und Formularen; seine Zeilen und deren Historie bleiben erhalten, ein Wiedereintritt ist möglich.</p>
        <FormErrors data={actionData} intent="leave" />
        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="leave" />
          <SelectField name="leaveAgs" label="Kreis, der austritt" options={current.map((m) => ({ value: m.ags, label: `${m.name} (${m.ags})` }))} empty="– Kreis wählen –" defaultValue={valuesFor('leave').leaveAgs} error={errorsFor('leave').leaveAgs} />
          <TextField name="leftOn" label="Ausgetreten am" hint="Datum wie 01.03.2025; leer: heute." defaultValue={valuesFor('leave').leftOn ?? today} error={errorsFor('leave').leftOn} />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
              <span className="kern-label">Austritt eintragen</span>
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="manual-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="manual-heading">
          Kreis außerhalb des Verzeichnisses
        </h2>
        <p className="kern-body">Für Kreise nach einer Gebietsreform, die das Verzeichnis (Stand 2018) noch nicht kennt.</p>
        <FormErrors data={actionData} intent="manual" />
        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="manual" />
          <TextField name="manualAgs" label="Kreisschlüssel (AGS)" inputMode="numeric" defaultValue={valuesFor('manual').ags} error={errorsFor('manual').manualAgs} />
          <TextField name="manualName" label="Name" defaultValue={valuesFor('manual').name} error={errorsFor('manual').manualName} />
          <SelectField name="manualKind" label="Kreistyp des neuen Kreises" options={kindOptions} empty="– wählen –" defaultValue={valuesFor('manual').kind} error={errorsFor('manual').manualKind} />
          <SelectField name="manualLand" label="Land des neuen Kreises" options={landOptions} empty="– wählen –" defaultValue={valuesFor('manual').land} error={errorsFor('manual').manualLand} />
          <TextField name="manualJoinedOn" label="Mitglied seit (neuer Kreis)" hint="Datum wie 01.03.2025; leer: heute." defaultValue={valuesFor('manual').joinedOn ?? today} error={errorsFor('manual').manualJoinedOn} />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
              <span className="kern-label">Kreis anlegen und aufnehmen</span>
            </button>
          </div>
        </Form>
      </section>
    </div>
  )
}
